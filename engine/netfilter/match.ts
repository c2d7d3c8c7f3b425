// Whether one rule's matches accept a packet, in the order the kernel checks them: the fixed IP part
// (-s, -d, -i, -o, -p) first (ipt_do_table's ip_packet_match), then each -m module in written order,
// stopping at the first that fails.
import { cidrContains } from '../net/ipv4';
import type { Packet } from '../net/packet';
import type { Ipset } from './ipset';
import type { CtState, InterfaceMatch, MatchModule, RuleSpec } from './rule';

export interface RecentTables {
  /** name → source address → time last seen (seconds). */
  readonly lists: Map<string, Map<number, number>>;
}

export interface MatchContext {
  packet: Packet;
  readonly inDev: string | null;
  readonly outDev: string | null;
  readonly ctState: CtState;
  readonly ctDnat: boolean;
  readonly isLocalAddress: (ip: number) => boolean;
  /** Draws a 31-bit random number, as xt_statistic does with get_random_u32() & 0x7FFFFFFF. */
  readonly draw31: () => number;
  readonly recent: RecentTables;
  /** Simulated clock in seconds, for `recent --seconds`. */
  readonly now: number;
  /** The namespace's ip sets, for `-m set` (kube-proxy's IPVS mode). */
  readonly ipsets?: (name: string) => Ipset | undefined;
  /** Whether a device is a bridge, so a packet that came in on it entered through a port (`-m physdev`). */
  readonly isBridge?: (dev: string) => boolean;
}

export interface MatchOutcome {
  readonly matched: boolean;
  /** The statistic draw when the rule had one: draw / 2^31 against the probability. */
  readonly draw?: { readonly value: number; readonly probability: number };
}

function interfaceMatches(m: InterfaceMatch, dev: string | null): boolean {
  const name = dev ?? '';
  const hit = m.name.endsWith('+') ? name.startsWith(m.name.slice(0, -1)) : name === m.name;
  return hit !== m.negated;
}

/** xt_statistic stores the probability as lround(0x80000000 * p) (iptables extensions/libxt_statistic.c). */
export function statisticThreshold(probability: number): number {
  return Math.round(0x80000000 * probability);
}

function moduleMatches(m: MatchModule, ctx: MatchContext, drawOut: { draw?: MatchOutcome['draw'] }): boolean {
  const p = ctx.packet;
  switch (m.module) {
    case 'comment':
    case 'nfacct':
      return true;
    case 'tcp':
    case 'udp':
    case 'sctp': {
      if (p.l4.proto !== m.module) return false;
      if (m.dport && (p.l4.dport >= m.dport.from && p.l4.dport <= m.dport.to) === !!m.dportNegated)
        return false;
      if (m.sport && (p.l4.sport >= m.sport.from && p.l4.sport <= m.sport.to) === !!m.sportNegated)
        return false;
      return true;
    }
    case 'multiport':
      return m.dports.includes(p.l4.dport);
    case 'addrtype': {
      if (m.srcType !== undefined) {
        const local = ctx.isLocalAddress(p.ip.src);
        const hit = m.srcType === 'LOCAL' ? local : !local;
        if (hit === !!m.srcNegated) return false;
      }
      if (m.dstType !== undefined) {
        const local = ctx.isLocalAddress(p.ip.dst);
        const hit = m.dstType === 'LOCAL' ? local : !local;
        if (hit === !!m.dstNegated) return false;
      }
      return true;
    }
    case 'conntrack': {
      // DNAT in --ctstate is the "this flow was destination-NATed" status bit, not a state.
      const states = new Set<string>([ctx.ctState]);
      if (ctx.ctDnat) states.add('DNAT');
      const hit = m.ctstate.some((s) => states.has(s));
      return hit !== m.negated;
    }
    case 'mark':
      return ((p.mark & m.mask) >>> 0 === (m.value & m.mask) >>> 0) !== m.negated;
    case 'statistic': {
      const value = ctx.draw31();
      drawOut.draw = { value: value / 0x80000000, probability: m.probability };
      return value < statisticThreshold(m.probability);
    }
    case 'set': {
      // The kernel refuses a rule naming a missing set, so a missing one never matches here.
      const set = ctx.ipsets?.(m.name);
      return (set !== undefined && set.test(p, m.dirs)) !== m.negated;
    }
    case 'physdev': {
      // br_netfilter keeps the bridge port of a frame that came in through one, bridged or routed.
      const bridged = ctx.inDev !== null && (ctx.isBridge?.(ctx.inDev) ?? false);
      return !m.isIn || bridged !== m.isInNegated;
    }
    case 'ipvs':
      // Only KUBE-IPVS-OUT-FILTER uses it (a node reaching its own LB IP); IPVS connections are not
      // visible to the filter tables here, so it never matches.
      return false;
    case 'recent': {
      let list = ctx.recent.lists.get(m.name);
      if (!list) {
        list = new Map();
        ctx.recent.lists.set(m.name, list);
      }
      const src = p.ip.src;
      if (m.action === 'set') {
        list.set(src, ctx.now);
        return true;
      }
      const seen = list.get(src);
      if (m.action === 'remove') {
        list.delete(src);
        return seen !== undefined;
      }
      const fresh = seen !== undefined && (m.seconds === undefined || ctx.now - seen <= m.seconds);
      if (m.reap && seen !== undefined && !fresh) list.delete(src);
      if (fresh && m.action === 'update') list.set(src, ctx.now);
      return fresh;
    }
  }
}

export function ruleMatches(spec: RuleSpec, ctx: MatchContext): MatchOutcome {
  const p = ctx.packet;
  if (spec.source && cidrContains(spec.source.cidr, p.ip.src) === spec.source.negated)
    return { matched: false };
  if (spec.destination && cidrContains(spec.destination.cidr, p.ip.dst) === spec.destination.negated) {
    return { matched: false };
  }
  if (spec.inInterface && !interfaceMatches(spec.inInterface, ctx.inDev)) return { matched: false };
  if (spec.outInterface && !interfaceMatches(spec.outInterface, ctx.outDev)) return { matched: false };
  if (spec.protocol && spec.protocol.proto !== 'all') {
    if ((p.l4.proto === spec.protocol.proto) === spec.protocol.negated) return { matched: false };
  }
  const drawOut: { draw?: MatchOutcome['draw'] } = {};
  for (const m of spec.modules) {
    if (!moduleMatches(m, ctx, drawOut))
      return drawOut.draw ? { matched: false, draw: drawOut.draw } : { matched: false };
  }
  return drawOut.draw ? { matched: true, draw: drawOut.draw } : { matched: true };
}
