// The kernel's ipip driver as flannel's ipip backend sets it up (net/ipv4/ipip.c, ip_tunnel.c): flannel.ipip
// has a local address and no remote, so it is an NBMA tunnel. A routed packet that reaches it gets an outer
// IPv4 header (ip_tunnel_xmit): destination = the route's next hop (rt_nexthop: the peer node's address
// flannel wrote as the gateway), source = the device's `local`, protocol 4 (IPPROTO_IPIP), TTL inherited
// from the inner packet (flannel leaves Ttl at 0, "inherit"), and DF copied from the inner packet (flannel
// leaves PMtuDisc at 0, nopmtudisc, so the tunnel adds no DF of its own). No UDP, no link-layer header
// inside: the inner IP packet follows the outer header. The outer packet leaves through the node's own
// output path (iptunnel_xmit → ip_local_out). At the far node, after INPUT, the IPIP protocol handler
// (ipip_rcv → ip_tunnel_lookup) finds the tunnel whose `local` is the outer destination, strips the outer
// header and receives the inner packet on that device (ip_tunnel_rcv), with its TTL untouched.
import type { NetDevice, Netns } from '../../model/netns';
import { formatIpv4, type Ipv4 } from '../../net/ipv4';
import type { Packet } from '../../net/packet';
import type { TunnelContext, TunnelDriver } from '../../datapath/tunnel';
import type { Outcome } from '../../datapath/outcome';

/** The outer IPv4 header, and nothing else: 20 bytes over the inner packet. */
const OUTER_IPV4 = 20;

export const IPIP_TUNNEL: TunnelDriver = {
  ownsDevice: (dev) => dev.kind === 'ipip' && dev.ipip !== undefined,

  encapsulate(ctx, ns, dev, nextHop, packet) {
    return ipipEncap(ctx, ns, dev, nextHop, packet);
  },

  decapsulate(ctx, ns, skb) {
    const p = skb.packet;
    if (p.l4.proto !== 'ipip' || p.encap?.kind !== 'ipip') return undefined;
    // ip_tunnel_lookup: a tunnel whose local address is the outer destination and whose remote is any.
    const dev = ns.devices.find((d) => d.kind === 'ipip' && d.ipip?.local === p.ip.dst);
    if (!dev) return undefined;
    return ipipDecap(ctx, ns, dev, p, p.encap.inner);
  },
};

function ipipEncap(ctx: TunnelContext, ns: Netns, dev: NetDevice, nextHop: Ipv4, packet: Packet): Outcome {
  const local = dev.ipip!.local;
  const inner: Packet = { ...packet, eth: null };
  const outer: Packet = {
    eth: null,
    ip: {
      src: local,
      dst: nextHop,
      ttl: inner.ip.ttl,
      length: inner.ip.length + OUTER_IPV4,
      dontFragment: inner.ip.dontFragment,
    },
    // IP protocol 4 has no ports; conntrack tracks it with its generic tracker (addresses only).
    l4: { proto: 'ipip', sport: 0, dport: 0, flags: '' },
    mark: packet.mark,
    encap: { kind: 'ipip', inner },
  };
  ctx.record(
    ns,
    dev.name,
    'ipip-encap',
    packet,
    outer,
    `${dev.name} is an ipip tunnel with no remote: the outer destination is the route's gateway ${formatIpv4(nextHop)}, the source its local ${formatIpv4(local)}; the packet is wrapped in an outer IPv4 header, protocol 4 (IP-in-IP), TTL ${outer.ip.ttl} inherited from the inner packet`,
  );
  // The outer packet is locally generated in this namespace: OUTPUT, routing, POSTROUTING (ip_local_out).
  return ctx.stages.localOut(ns, { packet: outer, ct: null });
}

function ipipDecap(ctx: TunnelContext, ns: Netns, dev: NetDevice, outer: Packet, inner: Packet): Outcome {
  ctx.record(
    ns,
    dev.name,
    'ipip-decap',
    outer,
    inner,
    `protocol 4 (IP-in-IP) for ${formatIpv4(outer.ip.dst)} is ${dev.name}'s (local ${formatIpv4(dev.ipip!.local)}, remote any): the outer header is removed and the inner packet is received on ${dev.name}`,
  );
  return ctx.stages.ipReceive(ns, dev.name, { packet: { ...inner, eth: null, mark: 0 }, ct: null });
}
