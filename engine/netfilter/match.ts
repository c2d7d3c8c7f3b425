// Whether one rule's matches accept a packet, in the order the kernel checks them: the fixed IP part
// (-s, -d, -i, -o, -p) first (ipt_do_table's ip_packet_match), then each -m module in written order,
// stopping at the first that fails. Each module checks itself (modules/matches/*), so nothing here
// depends on which modules exist.
import { maskOf } from '../net/ipv4';
import type { DrawRecord, MatchContext, StatisticDraw } from './modules/match-context';
import type { MatchModule } from './modules/registry';
import type { InterfaceMatch, RuleSpec } from './rule';

export interface MatchOutcome {
  readonly matched: boolean;
  /** The statistic draw when the rule had one: draw / 2^31 against the probability. */
  readonly draw?: StatisticDraw;
}

const MATCHED: MatchOutcome = { matched: true };
const NOT_MATCHED: MatchOutcome = { matched: false };

/**
 * A rule's matches in one fixed shape, the addresses as network and mask, as ip_packet_match holds them
 * (struct ipt_ip). A spec has only the keys its rule wrote, so specs come in many shapes and reading them
 * per packet was slow; a packet crossing 30,000 KUBE-SERVICES rules reads this instead. A missing -s or
 * -d is mask 0, which every address passes, as in the kernel.
 */
export class CompiledMatch {
  readonly srcNet: number;
  readonly srcMask: number;
  readonly srcNegated: boolean;
  readonly dstNet: number;
  readonly dstMask: number;
  readonly dstNegated: boolean;
  readonly inInterface: InterfaceMatch | null;
  readonly outInterface: InterfaceMatch | null;
  /** null for no -p (or -p all). */
  readonly proto: string | null;
  readonly protoNegated: boolean;
  readonly modules: readonly MatchModule[];

  constructor(spec: RuleSpec) {
    const { source, destination, protocol } = spec;
    this.srcNet = source ? source.cidr.network : 0;
    this.srcMask = source ? maskOf(source.cidr.prefix) : 0;
    this.srcNegated = source ? source.negated : false;
    this.dstNet = destination ? destination.cidr.network : 0;
    this.dstMask = destination ? maskOf(destination.cidr.prefix) : 0;
    this.dstNegated = destination ? destination.negated : false;
    this.inInterface = spec.inInterface ?? null;
    this.outInterface = spec.outInterface ?? null;
    this.proto = protocol && protocol.proto !== 'all' ? protocol.proto : null;
    this.protoNegated = protocol ? protocol.negated : false;
    this.modules = spec.modules;
  }
}

function interfaceMatches(m: InterfaceMatch, dev: string | null): boolean {
  const name = dev ?? '';
  const hit = m.name.endsWith('+') ? name.startsWith(m.name.slice(0, -1)) : name === m.name;
  return hit !== m.negated;
}

export function ruleMatches(m: CompiledMatch, ctx: MatchContext): MatchOutcome {
  const p = ctx.packet;
  if (((p.ip.src & m.srcMask) >>> 0 === m.srcNet) === m.srcNegated) return NOT_MATCHED;
  if (((p.ip.dst & m.dstMask) >>> 0 === m.dstNet) === m.dstNegated) return NOT_MATCHED;
  if (m.inInterface !== null && !interfaceMatches(m.inInterface, ctx.inDev)) return NOT_MATCHED;
  if (m.outInterface !== null && !interfaceMatches(m.outInterface, ctx.outDev)) return NOT_MATCHED;
  if (m.proto !== null && (p.l4.proto === m.proto) === m.protoNegated) return NOT_MATCHED;
  const modules = m.modules;
  if (modules.length === 0) return MATCHED;
  const record: DrawRecord = {};
  for (const mod of modules) {
    if (!mod.matches(ctx, record)) return record.draw ? { matched: false, draw: record.draw } : NOT_MATCHED;
  }
  return record.draw ? { matched: true, draw: record.draw } : MATCHED;
}
