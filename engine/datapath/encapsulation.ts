// Encapsulation: a routed packet that reaches a tunnel device goes to the tunnel driver that owns the
// device, and a locally delivered packet is offered to each tunnel's socket before the ordinary sockets
// (a VXLAN device's UDP socket, vxlan_rcv; flanneld's UDP socket). The drivers come from the world: the
// flannel backend of the cluster decides which exist.
import type { NetDevice, Netns } from '../model/netns';
import type { Ipv4 } from '../net/ipv4';
import type { Packet } from '../net/packet';
import type { DatapathContext, Outcome } from './context';
import type { Skb } from './skb';

/** A routed packet reaches a tunnel device. */
export function encapsulate(
  ctx: DatapathContext,
  ns: Netns,
  dev: NetDevice,
  nextHop: Ipv4,
  packet: Packet,
): Outcome {
  const driver = ctx.world.tunnels.find((t) => t.ownsDevice(dev));
  if (driver) return driver.encapsulate(ctx, ns, dev, nextHop, packet);
  if (dev.kind === 'tun')
    return ctx.drop(
      ns,
      dev.name,
      packet,
      `${dev.name} is a TUN device that no process reads: the kernel queues the packet for a reader that is not there`,
    );
  return ctx.drop(ns, dev.name, packet, `${dev.name} is a ${dev.kind} device that nothing here drives`);
}

/** A packet delivered locally: the first tunnel whose socket it is for unwraps it. */
export function decapsulate(ctx: DatapathContext, ns: Netns, skb: Skb): Outcome | undefined {
  if (!skb.packet.encap) return undefined;
  for (const tunnel of ctx.world.tunnels) {
    const outcome = tunnel.decapsulate(ctx, ns, skb);
    if (outcome) return outcome;
  }
  return undefined;
}
