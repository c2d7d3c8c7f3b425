// What a match module may look at when the kernel checks a rule against a packet: the packet, the
// devices it came in and goes out on, its conntrack entry, and the namespace's state that some modules
// keep (recent lists, ip sets) or draw from (statistic). The walk builds one per table walk.
import type { Packet } from '../../net/packet';
import type { Ipset } from '../ipset';

export type CtState = 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED' | 'SNAT' | 'DNAT';

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

/** The statistic draw a rule made: draw / 2^31 against the probability. */
export interface StatisticDraw {
  readonly value: number;
  readonly probability: number;
}

/** Where a module that draws (xt_statistic) leaves its draw for the trace, one per rule checked. */
export interface DrawRecord {
  draw?: StatisticDraw;
}
