// The per-packet, per-namespace bookkeeping the kernel keeps on the skb while it crosses one namespace.
import type { ConntrackEntry, CtDirection } from './conntrack';
import type { Packet } from '../net/packet';

/** The skb's conntrack reference (nf_ct_get): the entry, the packet's direction, and how it relates. */
export type SkbConntrack = {
  entry: ConntrackEntry;
  direction: CtDirection;
  isNew: boolean;
  related: boolean;
} | null;

/** The per-packet, per-namespace bookkeeping the kernel keeps on the skb. */
export interface Skb {
  packet: Packet;
  ct: SkbConntrack;
  /** An ICMP error whose embedded header matches no flow: conntrack marks it INVALID. */
  invalid?: boolean;
  /** skb->ipvs_property: IPVS has translated it, so IPVS and the nat table leave it alone. */
  ipvs?: boolean;
}
