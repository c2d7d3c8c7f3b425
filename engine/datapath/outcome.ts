// How a packet's journey ends: delivered to a socket, or dropped or rejected (with the RST or ICMP error
// the kernel sends back, if any).
import type { ConntrackEntry } from './conntrack';
import type { Packet } from '../net/packet';

/** What the kernel sends back when it refuses a packet: a TCP RST or an ICMP error, from `netns`. */
export interface ErrorAnswer {
  readonly netns: string;
  readonly packet: Packet;
  readonly kind: 'tcp-reset' | 'icmp-error';
  readonly why: string;
  /**
   * The conntrack entry of the packet the error is about, attached to the error (nf_ct_attach), so NAT can
   * turn its embedded header back even when that flow was never confirmed (dropped before POSTROUTING).
   */
  readonly aboutCt?: ConntrackEntry;
}

export type Outcome =
  | { readonly verdict: 'delivered'; readonly netns: string; readonly packet: Packet }
  | { readonly verdict: 'dropped'; readonly reason: string; readonly answer?: ErrorAnswer }
  | { readonly verdict: 'rejected'; readonly reason: string; readonly answer?: ErrorAnswer };
