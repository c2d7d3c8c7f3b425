// One step of a traced packet: where it was (node, namespace, device), which stage of the kernel's path it
// went through, the packet before and after, and the rules, routes and table entries that decided it.
import type { VisitList } from '../netfilter/visit-log';
import { ENCAPSULATION_KINDS, type EncapsulationKind, type Packet } from '../net/packet';

/**
 * The stages, in the words of the kernel path (documented in docs/trace-schema.md):
 * send, routing, prerouting, input, forward, output, postrouting, veth, bridge, neighbour,
 * vxlan-encap, vxlan-decap (and udp-encap, udp-decap: `<encapsulation>-encap` / `-decap` for each kind
 * of outer header), user-space (a process such as flanneld takes the packet from the kernel or hands it
 * back), wire, deliver, drop, reject, and ipvs (IPVS picks a real server and rewrites the destination,
 * kube-proxy's IPVS mode).
 */
export type HopKind =
  | 'send'
  | 'routing'
  | 'prerouting'
  | 'input'
  | 'forward'
  | 'output'
  | 'postrouting'
  | 'veth'
  | 'bridge'
  | 'neighbour'
  | `${EncapsulationKind}-encap`
  | `${EncapsulationKind}-decap`
  | 'user-space'
  | 'wire'
  | 'deliver'
  | 'drop'
  | 'reject'
  | 'ipvs';

export const HOP_KINDS: readonly HopKind[] = [
  'send',
  'routing',
  'prerouting',
  'input',
  'forward',
  'output',
  'postrouting',
  'veth',
  'bridge',
  'neighbour',
  ...ENCAPSULATION_KINDS.flatMap((k) => [`${k}-encap`, `${k}-decap`] as const),
  'user-space',
  'wire',
  'deliver',
  'drop',
  'reject',
  'ipvs',
];

export type Direction = 'request' | 'reply';

export interface NatChange {
  readonly kind: 'DNAT' | 'SNAT' | 'MASQUERADE' | 'un-DNAT' | 'un-SNAT';
  readonly from: string;
  readonly to: string;
}

/**
 * A packet crossing between the kernel and a user-space process: read from a TUN device or a socket
 * (`kernel-to-user`), or written to one (`user-to-kernel`). Each crossing is a copy and a context switch,
 * which is why flannel's udp backend is slow.
 */
export interface ProcessCrossing {
  /** The process as `ps` names it: `flanneld`, `kube-proxy`. */
  readonly name: string;
  readonly crossing: 'kernel-to-user' | 'user-to-kernel';
}

export interface Hop {
  readonly direction: Direction;
  readonly node: string | null;
  readonly netns: string;
  readonly device: string;
  readonly kind: HopKind;
  readonly before: Packet;
  readonly after: Packet;
  readonly rules: VisitList;
  /** `ip route` text of the route used, the neighbour / FDB entry used, the conntrack state seen. */
  readonly route?: string;
  readonly neighbour?: string;
  readonly fdb?: string;
  readonly conntrack?: string;
  readonly nat?: NatChange;
  /** Set on `user-space` hops: which process, and which way the packet crossed. */
  readonly process?: ProcessCrossing;
  readonly why: string;
}
