// The kernel's VXLAN driver as flannel's vxlan backend uses it (drivers/net/vxlan): a routed packet that
// reaches flannel.1 is framed for the remote VTEP's MAC (a PERMANENT neighbour, no ARP with nolearning),
// the FDB entry for that MAC names the remote node, and the frame is wrapped in UDP with the VNI and sent
// through the node's own output path (vxlan_xmit → udp_tunnel_xmit_skb). At the far node the device's
// UDP socket takes the port (vxlan_rcv) and the inner frame is received on its flannel.1.
import type { NetDevice, Netns } from '../../model/netns';
import { formatIpv4, type Ipv4 } from '../../net/ipv4';
import type { Packet } from '../../net/packet';
import type { TunnelContext, TunnelDriver } from '../../datapath/tunnel';
import type { Outcome } from '../../datapath/outcome';
import { VXLAN_OVERHEAD } from './device';

export const VXLAN_TUNNEL: TunnelDriver = {
  ownsDevice: (dev) => dev.kind === 'vxlan' && dev.vxlan !== undefined,

  encapsulate(ctx, ns, dev, nextHop, packet) {
    return vxlanEncap(ctx, ns, dev, nextHop, packet);
  },

  decapsulate(ctx, ns, skb) {
    const p = skb.packet;
    if (p.l4.proto !== 'udp' || p.encap?.kind !== 'vxlan') return undefined;
    const dev = ns.devices.find((d) => d.vxlan && d.vxlan.dstport === p.l4.dport);
    if (!dev || p.encap.vni !== dev.vxlan!.vni) return undefined;
    return vxlanDecap(ctx, ns, dev, p, p.encap.inner);
  },
};

function vxlanEncap(ctx: TunnelContext, ns: Netns, dev: NetDevice, nextHop: Ipv4, packet: Packet): Outcome {
  const info = dev.vxlan!;
  const neigh = ns.neighbours.find((n) => n.dev === dev.name && n.ip === nextHop);
  if (!neigh)
    return ctx.drop(
      ns,
      dev.name,
      packet,
      `no neighbour entry for ${formatIpv4(nextHop)} on ${dev.name} (flannel programs them; nolearning means no ARP here)`,
    );
  const fdb = ns.fdb.find((f) => f.dev === dev.name && f.mac === neigh.mac && f.dst !== undefined);
  if (!fdb || fdb.dst === undefined)
    return ctx.drop(
      ns,
      dev.name,
      packet,
      `no FDB entry for ${neigh.mac} on ${dev.name}: the VTEP is unknown`,
    );
  const inner: Packet = { ...packet, eth: { src: dev.mac, dst: neigh.mac } };
  const sport = vxlanSourcePort(inner);
  const outerPacket: Packet = {
    eth: null,
    ip: {
      src: info.local,
      dst: fdb.dst,
      ttl: 64,
      length: inner.ip.length + VXLAN_OVERHEAD,
      dontFragment: true,
    },
    l4: { proto: 'udp', sport, dport: info.dstport, flags: '' },
    mark: packet.mark,
    encap: { kind: 'vxlan', vni: info.vni, inner },
  };
  ctx.record(
    ns,
    dev.name,
    'vxlan-encap',
    packet,
    outerPacket,
    `${dev.name}: ${formatIpv4(nextHop)} is VTEP ${neigh.mac} (permanent neighbour), whose FDB entry says node ${formatIpv4(fdb.dst)}; the frame is wrapped in UDP ${sport} → ${info.dstport} with VNI ${info.vni}`,
    {
      neighbour: `${formatIpv4(nextHop)} dev ${dev.name} lladdr ${neigh.mac} PERMANENT`,
      fdb: `${fdb.mac} dev ${dev.name} dst ${formatIpv4(fdb.dst)} self permanent`,
    },
  );
  // The outer packet is locally generated in this namespace: OUTPUT, routing, POSTROUTING (ip_local_out).
  return ctx.stages.localOut(ns, { packet: outerPacket, ct: null });
}

function vxlanDecap(ctx: TunnelContext, ns: Netns, dev: NetDevice, outer: Packet, inner: Packet): Outcome {
  const info = dev.vxlan!;
  ctx.record(
    ns,
    dev.name,
    'vxlan-decap',
    outer,
    inner,
    `UDP ${info.dstport} is ${dev.name}'s socket (VNI ${info.vni}): the outer headers are removed and the inner frame appears on ${dev.name}`,
  );
  if (inner.eth && inner.eth.dst !== dev.mac)
    return ctx.drop(
      ns,
      dev.name,
      inner,
      `inner frame for ${inner.eth.dst} is not ${dev.name}'s MAC ${dev.mac}`,
    );
  return ctx.stages.ipReceive(ns, dev.name, { packet: { ...inner, mark: 0 }, ct: null });
}

/**
 * The outer UDP source port: the kernel hashes the inner flow into the local port range
 * (udp_flow_src_port, 32768–60999) so ECMP spreads flows; its jhash seed is random per boot, so this uses a
 * fixed FNV-1a of the inner 5-tuple instead — stable per flow, different between flows.
 */
export function vxlanSourcePort(inner: Packet): number {
  let h = 0x811c9dc5;
  for (const v of [
    inner.ip.src,
    inner.ip.dst,
    inner.l4.sport,
    inner.l4.dport,
    inner.l4.proto === 'tcp' ? 6 : inner.l4.proto === 'udp' ? 17 : 1,
  ]) {
    for (let k = 0; k < 4; k++) {
      h ^= (v >>> (k * 8)) & 255;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return 32768 + (h % (60999 - 32768 + 1));
}
