// One step of a traced packet: where it was (node, namespace, device), which stage of the kernel's path it
// went through, the packet before and after, and the rules, routes and table entries that decided it.
import type { RuleVisit } from '../netfilter/rule-visit';
import type { Packet } from '../net/packet';

/**
 * The stages, in the words of the kernel path (documented in docs/trace-schema.md):
 * send, routing, prerouting, input, forward, output, postrouting, veth, bridge, neighbour,
 * vxlan-encap, vxlan-decap, wire, deliver, drop, reject, and ipvs (IPVS picks a real server and
 * rewrites the destination, kube-proxy's IPVS mode).
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
  | 'vxlan-encap'
  | 'vxlan-decap'
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
  'vxlan-encap',
  'vxlan-decap',
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

export interface Hop {
  readonly direction: Direction;
  readonly node: string | null;
  readonly netns: string;
  readonly device: string;
  readonly kind: HopKind;
  readonly before: Packet;
  readonly after: Packet;
  readonly rules: readonly RuleVisit[];
  /** `ip route` text of the route used, the neighbour / FDB entry used, the conntrack state seen. */
  readonly route?: string;
  readonly neighbour?: string;
  readonly fdb?: string;
  readonly conntrack?: string;
  readonly nat?: NatChange;
  readonly why: string;
}
