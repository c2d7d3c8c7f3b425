// Entries the kernel makes by itself: the loopback device every namespace is born with, the prefix
// route that comes with each address (`proto kernel scope link src …`), and the order `ip route`
// dumps the main table in.
import type { InterfaceAddress, NetDevice, RouteEntry } from '../model/netns';
import { type Cidr, type Ipv4, broadcastOf, maskOf } from '../net/ipv4';

export function loopbackDevice(): NetDevice {
  return {
    name: 'lo',
    ifindex: 1,
    kind: 'loopback',
    mac: '00:00:00:00:00:00',
    mtu: 65536,
    addresses: [{ ip: 0x7f000001, prefix: 8, scope: 'host' }],
  };
}

/**
 * An address as netlink's AddrAdd installs it: with the broadcast filled in below /31 (vishvananda/netlink
 * `addr_linux.go`, "Automatically set the broadcast address … See: RFC 3021").
 */
export function netlinkAddress(ip: Ipv4, prefix: number): InterfaceAddress {
  return prefix < 31
    ? {
        ip,
        prefix,
        scope: 'global',
        broadcast: broadcastOf({ network: (ip & maskOf(prefix)) >>> 0, prefix }),
      }
    : { ip, prefix, scope: 'global' };
}

/** The route an address of prefix < 32 brings with it, e.g. `10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1`. */
export function kernelPrefixRoute(dev: string, address: Ipv4, prefix: number): RouteEntry {
  return {
    dst: { network: (address & maskOf(prefix)) >>> 0, prefix },
    dev,
    scope: 'link',
    proto: 'kernel',
    src: address,
    table: 'main',
    type: 'unicast',
  };
}

/** A route added with `ip route add` / netlink's defaults: protocol boot, which iproute2 does not print. */
export function staticRoute(
  dst: Cidr,
  dev: string,
  gateway?: Ipv4,
  extra: Partial<RouteEntry> = {},
): RouteEntry {
  return {
    dst: { network: dst.network, prefix: dst.prefix },
    ...(gateway !== undefined && { gateway }),
    dev,
    scope: gateway === undefined ? 'link' : 'global',
    proto: 'boot',
    table: 'main',
    type: 'unicast',
    ...extra,
  };
}

/**
 * The order `ip route` dumps the main table in: the fib trie walks keys (network addresses) in
 * ascending order, and one key's routes longest prefix first. So `0.0.0.0/1` comes before `default`,
 * and `10.244.0.0/24` before `10.244.0.0/16` (kernel lab: engine/inspect/testdata/ip-route-order.txt).
 */
export function sortRoutesLikeKernel(routes: RouteEntry[]): RouteEntry[] {
  return routes.sort((a, b) => a.dst.network - b.dst.network || b.dst.prefix - a.dst.prefix);
}
