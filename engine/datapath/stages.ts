// The kernel's stages as one table (the datapath wires them in datapath.ts). Stage files call the next
// stage through this table rather than importing it, so they stay free of import cycles and a test can
// replace any stage.
import type { NetDevice, Netns, RouteEntry } from '../model/netns';
import type { Ipv4 } from '../net/ipv4';
import type { Packet } from '../net/packet';
import type { Hook } from './hook';
import type { Outcome } from './outcome';
import type { Skb } from './skb';

/** A hook's result: go on (with the destination it had before the hook, for rerouting), or stop here. */
export type HookResult = { kind: 'accept'; dstBefore: Ipv4 } | { kind: 'stop'; outcome: Outcome };

/**
 * The kernel's stages as the datapath wires them (kernel function names in the comments). Each takes the
 * skb or frame and returns how the packet's journey ended.
 */
export interface Stages {
  /** ip_local_out: a locally generated packet is routed, then OUTPUT, POSTROUTING and the device. */
  localOut(ns: Netns, skb: Skb): Outcome;
  /** ip_rcv: PREROUTING, then the routing decision of `routeInput`. */
  ipReceive(ns: Netns, inDev: string, skb: Skb): Outcome;
  /** ip_rcv_finish after PREROUTING: route, then local delivery or forwarding. */
  routeInput(ns: Netns, inDev: string, skb: Skb, context: string): Outcome;
  /** ip_forward: ip_forward sysctl, TTL, MTU, then FORWARD and ip_output. */
  forward(ns: Netns, inDev: string, skb: Skb, route: RouteEntry, nextHop: Ipv4): Outcome;
  /** ip_local_deliver: INPUT (with IPVS on it), then the socket. */
  localIn(ns: Netns, skb: Skb, inDev: string): Outcome;
  /** ip_local_deliver_finish: the packet reaches a socket (or a tunnel's socket, or nothing). */
  localDeliver(ns: Netns, skb: Skb, inDev: string): Outcome;
  /** ip_output: POSTROUTING, the MTU of a local packet, then the device. */
  postroutingAndXmit(ns: Netns, skb: Skb, route: RouteEntry, nextHop: Ipv4, inDev: string | null): Outcome;
  /** dev_queue_xmit: the device's transmit (neighbour + frame, bridge, or tunnel). */
  devXmit(ns: Netns, dev: NetDevice, nextHop: Ipv4, packet: Packet): Outcome;
  /** A frame leaves a veth or NIC and appears on its peer. */
  wireXmit(ns: Netns, dev: NetDevice, frame: Packet): Outcome;
  /** netif_receive_skb: a frame arrives on a device (a bridge port, or the IP stack). */
  l2Arrive(ns: Netns, devName: string, frame: Packet): Outcome;
  /** br_handle_frame / br_dev_xmit: the bridge forwards or delivers up. */
  bridgeForward(ns: Netns, bridge: NetDevice, inPort: NetDevice | null, frame: Packet): Outcome;
  /** A tunnel device (VXLAN, TUN) takes a routed packet to wrap it. */
  encapsulate(ns: Netns, dev: NetDevice, nextHop: Ipv4, packet: Packet): Outcome;
  /** A tunnel's socket got an outer packet: unwrap it if it is this tunnel's, or undefined. */
  decapsulate(ns: Netns, skb: Skb): Outcome | undefined;
  /** nf_hook_slow: the hook's entries (iptables chains, nft base chains, IPVS) in priority order. */
  hook(
    ns: Netns,
    hook: Hook,
    skb: Skb,
    inDev: string | null,
    outDev: string | null,
    recordedBefore?: Packet,
  ): HookResult;
}
