// A tunnel driver: what happens to a routed packet that reaches a tunnel device (a VXLAN device, or a TUN
// device with a user-space process behind it), and to an outer packet that reaches the tunnel's socket.
// The kernel stages know tunnels only through this interface; flannel's backends implement it
// (engine/overlay/*/), and the cluster hands the datapath the ones its backend uses (World.tunnels).
import type { NetDevice, Netns } from '../model/netns';
import type { Ipv4 } from '../net/ipv4';
import type { Packet } from '../net/packet';
import type { Hop, HopKind, ProcessCrossing } from './hop';
import type { Outcome } from './outcome';
import type { Skb } from './skb';
import type { Stages } from './stages';

/** What a tunnel driver may use of the datapath: the stages to send packets on, and the hop record. */
export interface TunnelContext {
  readonly stages: Stages;
  record(
    ns: Netns,
    device: string,
    kind: HopKind,
    before: Packet,
    after: Packet,
    why: string,
    extra?: Partial<Hop>,
  ): void;
  drop(ns: Netns, device: string, packet: Packet, reason: string): Outcome;
}

export interface TunnelDriver {
  /** Whether a routed packet that reaches `dev` is this driver's to carry. */
  ownsDevice(dev: NetDevice): boolean;
  /**
   * How a packet leaves: wrap it (recording a `<kind>-encap` hop, and `user-space` hops for a process in
   * between) and send the outer packet on, usually as a locally generated one (`ctx.stages.localOut`).
   */
  encapsulate(ctx: TunnelContext, ns: Netns, dev: NetDevice, nextHop: Ipv4, packet: Packet): Outcome;
  /**
   * How a packet arrives: a packet delivered locally in `ns` that is for this tunnel's socket is unwrapped
   * (a `<kind>-decap` hop) and the inner packet received on the tunnel device (`ctx.stages.ipReceive`).
   * Undefined when the packet is not this tunnel's: the next driver, then the sockets, get it.
   */
  decapsulate(ctx: TunnelContext, ns: Netns, skb: Skb): Outcome | undefined;
}

/** Records a `user-space` hop: `process` takes the packet from the kernel or hands it back. */
export function recordCrossing(
  ctx: TunnelContext,
  ns: Netns,
  device: string,
  process: ProcessCrossing,
  before: Packet,
  after: Packet,
  why: string,
): void {
  ctx.record(ns, device, 'user-space', before, after, why, { process });
}
