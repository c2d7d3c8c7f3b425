// The routing decision (fib_lookup): the local table first (addresses of this namespace and 127/8), then
// the main table by longest prefix; among equal prefixes the first route wins, as with equal metrics.
import { cidrContains, type Ipv4 } from '../net/ipv4';
import type { NetDevice, Netns, RouteEntry } from '../model/netns';

export type RouteResult =
  | { readonly kind: 'local'; readonly dev: string }
  | { readonly kind: 'unicast'; readonly route: RouteEntry; readonly nextHop: Ipv4 }
  | { readonly kind: 'unreachable' };

const LOOPBACK_NET = { network: 0x7f000000, prefix: 8 };

const localAddressCache = new WeakMap<Netns, Map<Ipv4, string>>();

/** Every address assigned in the namespace, with the device holding it. */
export function localAddresses(ns: Netns): Map<Ipv4, string> {
  let map = localAddressCache.get(ns);
  if (!map) {
    map = new Map();
    for (const dev of ns.devices) for (const a of dev.addresses) if (!map.has(a.ip)) map.set(a.ip, dev.name);
    localAddressCache.set(ns, map);
  }
  return map;
}

export function isLocalAddress(ns: Netns, ip: Ipv4): boolean {
  return cidrContains(LOOPBACK_NET, ip) || localAddresses(ns).has(ip);
}

export function lookupRoute(ns: Netns, dst: Ipv4): RouteResult {
  if (cidrContains(LOOPBACK_NET, dst)) return { kind: 'local', dev: 'lo' };
  const owner = localAddresses(ns).get(dst);
  if (owner !== undefined) return { kind: 'local', dev: owner };
  let best: RouteEntry | null = null;
  for (const r of ns.routes) {
    if (r.table !== 'main' || r.type !== 'unicast') continue;
    if (!cidrContains(r.dst, dst)) continue;
    if (!best || r.dst.prefix > best.dst.prefix) best = r;
  }
  if (!best) return { kind: 'unreachable' };
  return { kind: 'unicast', route: best, nextHop: best.gateway ?? dst };
}

export function findDevice(ns: Netns, name: string): NetDevice | undefined {
  return ns.devices.find((d) => d.name === name);
}

/** inet_select_addr: prefer an address of the out device on the next hop's subnet, then any on the device, then any in the namespace. */
export function selectSourceAddress(ns: Netns, route: RouteEntry, nextHop: Ipv4): Ipv4 | null {
  if (route.src !== undefined) return route.src;
  const dev = findDevice(ns, route.dev);
  const onDev = dev?.addresses.filter((a) => a.scope !== 'host') ?? [];
  const sameSubnet = onDev.find((a) =>
    cidrContains({ network: (a.ip & maskBits(a.prefix)) >>> 0, prefix: a.prefix }, nextHop),
  );
  if (sameSubnet) return sameSubnet.ip;
  if (onDev[0]) return onDev[0].ip;
  for (const d of ns.devices) for (const a of d.addresses) if (a.scope === 'global') return a.ip;
  return null;
}

function maskBits(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}
