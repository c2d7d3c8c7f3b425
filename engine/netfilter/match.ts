// Whether one rule's matches accept a packet, in the order the kernel checks them: the fixed IP part
// (-s, -d, -i, -o, -p) first (ipt_do_table's ip_packet_match), then each -m module in written order,
// stopping at the first that fails. Each module checks itself (modules/matches/*), so nothing here
// depends on which modules exist.
import { cidrContains } from '../net/ipv4';
import type { DrawRecord, MatchContext, StatisticDraw } from './modules/match-context';
import type { InterfaceMatch, RuleSpec } from './rule';

export interface MatchOutcome {
  readonly matched: boolean;
  /** The statistic draw when the rule had one: draw / 2^31 against the probability. */
  readonly draw?: StatisticDraw;
}

const MATCHED: MatchOutcome = { matched: true };
const NOT_MATCHED: MatchOutcome = { matched: false };

function interfaceMatches(m: InterfaceMatch, dev: string | null): boolean {
  const name = dev ?? '';
  const hit = m.name.endsWith('+') ? name.startsWith(m.name.slice(0, -1)) : name === m.name;
  return hit !== m.negated;
}

export function ruleMatches(spec: RuleSpec, ctx: MatchContext): MatchOutcome {
  const p = ctx.packet;
  if (spec.source && cidrContains(spec.source.cidr, p.ip.src) === spec.source.negated) return NOT_MATCHED;
  if (spec.destination && cidrContains(spec.destination.cidr, p.ip.dst) === spec.destination.negated) {
    return NOT_MATCHED;
  }
  if (spec.inInterface && !interfaceMatches(spec.inInterface, ctx.inDev)) return NOT_MATCHED;
  if (spec.outInterface && !interfaceMatches(spec.outInterface, ctx.outDev)) return NOT_MATCHED;
  if (spec.protocol && spec.protocol.proto !== 'all') {
    if ((p.l4.proto === spec.protocol.proto) === spec.protocol.negated) return NOT_MATCHED;
  }
  const modules = spec.modules;
  if (modules.length === 0) return MATCHED;
  const record: DrawRecord = {};
  for (const m of modules) {
    if (!m.matches(ctx, record)) return record.draw ? { matched: false, draw: record.draw } : NOT_MATCHED;
  }
  return record.draw ? { matched: true, draw: record.draw } : MATCHED;
}
