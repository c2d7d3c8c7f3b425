// nf_conntrack, reduced to what a traced round trip needs: the original and reply tuples of each flow and
// which NAT manipulations were applied. NAT rules run only for a flow's first packet; every later packet,
// and every reply, is rewritten from this table (net/netfilter/nf_nat_core.c).
import type { Ipv4 } from '../net/ipv4';
import type { TransportProto } from '../net/packet';

export interface Tuple {
  readonly proto: TransportProto;
  readonly src: Ipv4;
  readonly sport: number;
  readonly dst: Ipv4;
  readonly dport: number;
}

export interface ConntrackEntry {
  readonly original: Tuple;
  /** The tuple a reply will carry; changes as NAT is applied to the first packet. */
  reply: Tuple;
  dnat: boolean;
  snat: boolean;
  /** Set once a packet has been seen in the reply direction. */
  seenReply: boolean;
  /** The rule-chosen endpoint, kept for display. */
  readonly id: number;
}

export type CtDirection = 'original' | 'reply';

export interface CtLookup {
  readonly entry: ConntrackEntry;
  readonly direction: CtDirection;
}

export function tupleKey(t: Tuple): string {
  return `${t.proto} ${t.src}:${t.sport} ${t.dst}:${t.dport}`;
}

export function invertTuple(t: Tuple): Tuple {
  return { proto: t.proto, src: t.dst, sport: t.dport, dst: t.src, dport: t.sport };
}

export class ConntrackTable {
  private readonly byOriginal = new Map<string, ConntrackEntry>();
  private readonly byReply = new Map<string, ConntrackEntry>();
  private nextId = 1;

  lookup(t: Tuple): CtLookup | null {
    const key = tupleKey(t);
    const o = this.byOriginal.get(key);
    if (o) return { entry: o, direction: 'original' };
    const r = this.byReply.get(key);
    if (r) return { entry: r, direction: 'reply' };
    return null;
  }

  /** Creates the entry for a NEW flow (unconfirmed until it leaves the namespace). */
  create(t: Tuple): ConntrackEntry {
    const entry: ConntrackEntry = {
      original: t,
      reply: invertTuple(t),
      dnat: false,
      snat: false,
      seenReply: false,
      id: this.nextId++,
    };
    return entry;
  }

  /** nf_conntrack_confirm: the entry becomes visible to later packets, keyed by both tuples. */
  confirm(entry: ConntrackEntry): void {
    this.byOriginal.set(tupleKey(entry.original), entry);
    this.byReply.set(tupleKey(entry.reply), entry);
  }

  entries(): ConntrackEntry[] {
    return [...this.byOriginal.values()];
  }
}
