// flanneld's user-space relay in the udp backend (flannel `pkg/backend/udp/proxy_amd64.c`, run_proxy):
// a packet the kernel routes into the TUN device flannel0 is read by flanneld (tun_to_udp), which looks the
// destination up in its own table of leases (find_route: remote subnet → remote public IP and port),
// lowers the TTL as a router would (decrement_ttl) and sendto()s the bare IP packet from its UDP socket,
// bound to the node's address and port 8285 (net.ListenUDP in udp_network_amd64.go). That datagram is an
// ordinary locally generated packet: OUTPUT, routing, POSTROUTING, the NIC. On the far node the datagram
// reaches flanneld's socket through PREROUTING and INPUT (udp_to_tun), flanneld lowers the TTL again and
// write()s the packet into its flannel0, where the kernel receives it as if it had arrived on a wire.
// Every read and write is a copy between kernel and user space: each is a `user-space` hop.
import type { NetDevice, Netns } from '../../model/netns';
import type { NodeSpec, Scenario } from '../../model/scenario';
import { type Cidr, formatCidr, formatIpv4, type Ipv4 } from '../../net/ipv4';
import type { Packet } from '../../net/packet';
import { recordCrossing, type TunnelContext, type TunnelDriver } from '../../datapath/tunnel';
import type { Outcome } from '../../datapath/outcome';
import type { Skb } from '../../datapath/skb';

export const FLANNELD = 'flanneld';

/** One entry of flanneld's table (struct route_entry): a remote lease and where its flanneld listens. */
interface LeaseRoute {
  readonly subnet: Cidr;
  readonly node: string;
  readonly publicIp: Ipv4;
}

function contains(c: Cidr, ip: Ipv4): boolean {
  if (c.prefix === 0) return true;
  const mask = (~0 << (32 - c.prefix)) >>> 0;
  return (ip & mask) >>> 0 === c.network;
}

/** The port flanneld listens on and sends to: net-conf.json `Backend.Port`, 8285 when left at 0. */
export function flanneldPort(scenario: Scenario, defaultPort: number): number {
  return scenario.flannel.port || defaultPort;
}

/** The udp backend's tunnel for one cluster: every node's flanneld knows every other node's lease. */
export function flanneldRelay(scenario: Scenario, port: number, overhead: number): TunnelDriver {
  const nodes = new Map<string, NodeSpec>(scenario.nodes.map((n) => [n.name, n]));
  const leases: LeaseRoute[] = scenario.nodes.map((n) => ({
    subnet: { network: n.podCIDR.network, prefix: n.podCIDR.prefix },
    node: n.name,
    publicIp: n.internalIP,
  }));

  return {
    ownsDevice: (dev) => dev.kind === 'tun',

    encapsulate(ctx, ns, dev, _nextHop, packet) {
      const self = ns.node === null ? undefined : nodes.get(ns.node);
      if (!self) return ctx.drop(ns, dev.name, packet, `${dev.name} has no flanneld behind it here`);
      recordCrossing(
        ctx,
        ns,
        dev.name,
        { name: FLANNELD, crossing: 'kernel-to-user' },
        packet,
        packet,
        `${dev.name} is a TUN device: the kernel queues the IP packet (no Ethernet header) on it, and flanneld read()s it from /dev/net/tun`,
      );
      // WatchLeases leaves out the node's own lease, so flanneld's table holds the other nodes only.
      const lease = leases.find((l) => l.node !== self.name && contains(l.subnet, packet.ip.dst));
      if (!lease)
        return ctx.drop(
          ns,
          dev.name,
          packet,
          `flanneld has no lease containing ${formatIpv4(packet.ip.dst)} (find_route fails): it writes an ICMP net unreachable from ${formatIpv4(self.podCIDR.network)} back into ${dev.name} instead (not traced further)`,
        );
      if (packet.ip.ttl <= 1)
        return ctx.drop(
          ns,
          dev.name,
          packet,
          `flanneld lowers the TTL to 0 and discards the packet without an ICMP time exceeded (decrement_ttl)`,
        );
      const inner: Packet = { ...packet, eth: null, ip: { ...packet.ip, ttl: packet.ip.ttl - 1 } };
      const outer: Packet = {
        eth: null,
        // An unconnected UDP socket with the default IP_PMTUDISC_WANT sends with DF set.
        ip: {
          src: self.internalIP,
          dst: lease.publicIp,
          ttl: 64,
          length: inner.ip.length + overhead,
          dontFragment: true,
        },
        l4: { proto: 'udp', sport: port, dport: port, flags: '' },
        mark: 0,
        encap: { kind: 'udp', inner },
      };
      ctx.record(
        ns,
        dev.name,
        'udp-encap',
        packet,
        outer,
        `flanneld's table: ${formatCidr(lease.subnet)} is the lease of ${lease.node}, whose flanneld listens on ${formatIpv4(lease.publicIp)}:${port}; flanneld lowers the TTL to ${inner.ip.ttl} and makes the whole IP packet the payload of a UDP datagram ${formatIpv4(self.internalIP)}:${port} → ${formatIpv4(lease.publicIp)}:${port}`,
      );
      recordCrossing(
        ctx,
        ns,
        '-',
        { name: FLANNELD, crossing: 'user-to-kernel' },
        outer,
        outer,
        `flanneld sendto()s the datagram from its socket bound to ${formatIpv4(self.internalIP)}:${port}: a locally generated packet of this node`,
      );
      return ctx.stages.localOut(ns, { packet: outer, ct: null });
    },

    decapsulate(ctx, ns, skb) {
      return relayIn(ctx, ns, skb, nodes, port);
    },
  };
}

/** udp_to_tun: the datagram reached flanneld's socket; its payload goes into flannel0. */
function relayIn(
  ctx: TunnelContext,
  ns: Netns,
  skb: Skb,
  nodes: ReadonlyMap<string, NodeSpec>,
  port: number,
): Outcome | undefined {
  const p = skb.packet;
  if (p.l4.proto !== 'udp' || p.encap?.kind !== 'udp' || p.l4.dport !== port) return undefined;
  const self = ns.node === null ? undefined : nodes.get(ns.node);
  if (!self || p.ip.dst !== self.internalIP) return undefined;
  const tun: NetDevice | undefined = ns.devices.find((d) => d.kind === 'tun');
  if (!tun) return undefined;
  recordCrossing(
    ctx,
    ns,
    '-',
    { name: FLANNELD, crossing: 'kernel-to-user' },
    p,
    p,
    `udp/${port} on ${formatIpv4(self.internalIP)} is flanneld's socket: flanneld recv()s the datagram`,
  );
  const inner = p.encap.inner;
  if (inner.ip.ttl <= 1)
    return ctx.drop(
      ns,
      tun.name,
      inner,
      'flanneld lowers the TTL to 0 and discards the packet (decrement_ttl)',
    );
  const written: Packet = { ...inner, eth: null, mark: 0, ip: { ...inner.ip, ttl: inner.ip.ttl - 1 } };
  ctx.record(
    ns,
    tun.name,
    'udp-decap',
    p,
    written,
    `the datagram's payload is the inner IP packet (there is no header of flannel's own); flanneld lowers its TTL to ${written.ip.ttl}`,
  );
  recordCrossing(
    ctx,
    ns,
    tun.name,
    { name: FLANNELD, crossing: 'user-to-kernel' },
    written,
    written,
    `flanneld write()s the packet into ${tun.name}: the kernel receives it on ${tun.name} as if it had arrived there`,
  );
  return ctx.stages.ipReceive(ns, tun.name, { packet: written, ct: null });
}
