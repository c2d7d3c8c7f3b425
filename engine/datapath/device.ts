// The link layer (net/core/dev.c): a routed packet leaves by its device — framed for the next hop's MAC on
// a veth, NIC or bridge, or handed to a tunnel device — and a frame arriving on a device goes to the
// bridge it is a port of, or up to the IP stack if it is addressed to this device.
import type { NetDevice, Netns } from '../model/netns';
import { formatIpv4, type Ipv4 } from '../net/ipv4';
import type { HopKind } from './hop';
import type { DatapathContext, Outcome } from './context';
import { resolveNeighbour } from './neighbour';
import type { Packet } from '../net/packet';
import { findDevice } from './routing';

/** dev_queue_xmit via neigh_output: tunnels encapsulate; other devices resolve the next hop's MAC. */
export function devXmit(
  ctx: DatapathContext,
  ns: Netns,
  dev: NetDevice,
  nextHop: Ipv4,
  packet: Packet,
): Outcome {
  ctx.guard();
  // A tunnel device has no neighbours to resolve: its driver (or, for one nobody drives, the encapsulation
  // stage's drop) takes the packet. Which devices are tunnels is the drivers' answer, not a list of kinds.
  if (dev.kind === 'vxlan' || dev.kind === 'tun' || ctx.world.tunnels.some((t) => t.ownsDevice(dev)))
    return ctx.stages.encapsulate(ns, dev, nextHop, packet);
  const neigh = resolveNeighbour(ctx.world, ns, dev, nextHop);
  if (!neigh)
    return ctx.drop(
      ns,
      dev.name,
      packet,
      `neighbour ${formatIpv4(nextHop)} on ${dev.name} FAILED: no ARP reply`,
    );
  const framed: Packet = { ...packet, eth: { src: dev.mac, dst: neigh.mac } };
  ctx.record(
    ns,
    dev.name,
    'neighbour',
    packet,
    framed,
    `next hop ${formatIpv4(nextHop)} is ${neigh.mac} (${neigh.how}); frame addressed to it`,
    {
      neighbour: `${formatIpv4(nextHop)} dev ${dev.name} lladdr ${neigh.mac} ${neigh.state}`,
    },
  );
  if (dev.kind === 'bridge') return ctx.stages.bridgeForward(ns, dev, null, framed);
  return ctx.stages.wireXmit(ns, dev, framed);
}

/** A frame leaves a veth or NIC and appears on its peer in the other namespace. */
export function wireXmit(ctx: DatapathContext, ns: Netns, dev: NetDevice, frame: Packet): Outcome {
  if (!dev.peer) return ctx.drop(ns, dev.name, frame, `${dev.name} has no peer: frame lost`);
  const peerNs = ctx.world.netns(dev.peer.netns);
  const kind: HopKind = dev.kind === 'veth' ? 'veth' : 'wire';
  // Crossing namespaces scrubs the skb: conntrack reference and mark are cleared (skb_scrub_packet).
  const arrived: Packet = { ...frame, mark: 0 };
  ctx.record(
    peerNs,
    dev.peer.ifname,
    kind,
    frame,
    arrived,
    `${dev.name} in ${ns.id} → ${dev.peer.ifname} in ${peerNs.id}`,
  );
  return ctx.stages.l2Arrive(peerNs, dev.peer.ifname, arrived);
}

/** __netif_receive_skb: a bridge port's frame goes to the bridge; otherwise it must be for this device. */
export function l2Arrive(ctx: DatapathContext, ns: Netns, devName: string, frame: Packet): Outcome {
  ctx.guard();
  const dev = findDevice(ns, devName);
  if (!dev) return ctx.drop(ns, devName, frame, `device ${devName} missing in ${ns.id}`);
  if (dev.master) {
    const bridge = findDevice(ns, dev.master);
    if (!bridge) return ctx.drop(ns, devName, frame, `bridge ${dev.master} missing`);
    return ctx.stages.bridgeForward(ns, bridge, dev, frame);
  }
  if (frame.eth && frame.eth.dst !== dev.mac && frame.eth.dst !== 'ff:ff:ff:ff:ff:ff') {
    return ctx.drop(
      ns,
      devName,
      frame,
      `frame for ${frame.eth.dst} is not for ${dev.name} (${dev.mac}): PACKET_OTHERHOST, dropped`,
    );
  }
  return ctx.stages.ipReceive(ns, dev.name, { packet: { ...frame, eth: frame.eth }, ct: null });
}
