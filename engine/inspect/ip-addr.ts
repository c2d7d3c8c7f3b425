// `ip addr` (iproute2 ip/ipaddress.c) for a modelled namespace, byte for byte as iproute2 6.1 prints it
// on kernel 6.18 (golden files in ./testdata from the kernel lab). Every virtual device here has
// `qdisc noqueue` and `qlen 1000`; IPv6 is on, as in a fresh namespace, so each device with a carrier
// also shows its EUI-64 link-local address, and lo shows ::1.
import { podNetnsPath, netnsNameOfPath } from '../model/ids';
import type { NetDevice, Netns } from '../model/netns';
import { formatIpv4 } from '../net/ipv4';
import { eui64LinkLocal } from './ipv6-link-local';

export type PeerNetnsLabel = { readonly name: string } | { readonly nsid: number };

export interface IpAddrOptions {
  /**
   * How a peer's namespace appears after `link-netns`/`link-netnsid`. iproute2 prints the name when the
   * namespace is listed under /var/run/netns (a node sees its pods' `cni-…` namespaces), otherwise the
   * numeric nsid (a pod looking back at its node sees `link-netnsid 0`).
   */
  readonly peerNetns?: (netnsId: string) => PeerNetnsLabel;
  /** Print IPv6 lines (::1 and link-local), as a namespace with IPv6 enabled does. Default true. */
  readonly ipv6?: boolean;
}

export function defaultPeerNetns(netnsId: string): PeerNetnsLabel {
  if (netnsId.startsWith('pod/')) {
    const [, namespace, name] = netnsId.split('/');
    return { name: netnsNameOfPath(podNetnsPath(namespace!, name!)) };
  }
  return { nsid: 0 };
}

function hasCarrier(dev: NetDevice, ns: Netns): boolean {
  // kube-proxy never sets kube-ipvs0 up.
  if (dev.kind === 'dummy') return false;
  // A bridge has a carrier only while some port is up; every other device here is up with a carrier.
  return dev.kind !== 'bridge' || ns.devices.some((d) => d.master === dev.name);
}

function headerLine(dev: NetDevice, ns: Netns): string {
  let name = dev.name;
  // A tunnel created without `dev` has no lower link: iproute2 prints `@NONE` (as for tunl0@NONE).
  if (dev.kind === 'ipip') name += '@NONE';
  if (dev.peer && dev.kind === 'veth')
    name += dev.peer.netns === ns.id ? `@${dev.peer.ifname}` : `@if${dev.peer.ifindex}`;
  const carrier = hasCarrier(dev, ns);
  let flags: string;
  let state: string;
  let qlen = 1000;
  switch (dev.kind) {
    case 'loopback':
      flags = 'LOOPBACK,UP,LOWER_UP';
      state = 'UNKNOWN';
      break;
    case 'tun':
      flags = 'POINTOPOINT,MULTICAST,NOARP,UP,LOWER_UP';
      state = 'UNKNOWN';
      qlen = 500;
      break;
    case 'vxlan':
      flags = 'BROADCAST,MULTICAST,UP,LOWER_UP';
      state = 'UNKNOWN';
      break;
    case 'ipip':
      // An IP tunnel is point-to-multipoint without ARP (ipip_tunnel_setup: IFF_NOARP).
      flags = 'NOARP,UP,LOWER_UP';
      state = 'UNKNOWN';
      break;
    case 'dummy':
      // kube-ipvs0: created (NOARP, no multicast) and never set up, so no qdisc is attached.
      flags = 'BROADCAST,NOARP';
      state = 'DOWN';
      break;
    default:
      flags = carrier ? 'BROADCAST,MULTICAST,UP,LOWER_UP' : 'NO-CARRIER,BROADCAST,MULTICAST,UP';
      state = carrier ? 'UP' : 'DOWN';
  }
  const qdisc = dev.kind === 'ethernet' ? 'fq_codel' : dev.kind === 'dummy' ? 'noop' : 'noqueue';
  const master = dev.master ? `master ${dev.master} ` : '';
  return `${dev.ifindex}: ${name}: <${flags}> mtu ${dev.mtu} qdisc ${qdisc} ${master}state ${state} group default qlen ${qlen}`;
}

function linkLine(dev: NetDevice, ns: Netns, opts: IpAddrOptions): string {
  if (dev.kind === 'loopback') return '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00';
  if (dev.kind === 'tun') return '    link/none ';
  // ARPHRD_TUNNEL: the link addresses are the tunnel's local and remote (any: 0.0.0.0).
  if (dev.kind === 'ipip')
    return `    link/ipip ${dev.ipip ? formatIpv4(dev.ipip.local) : '0.0.0.0'} brd 0.0.0.0`;
  let line = `    link/ether ${dev.mac} brd ff:ff:ff:ff:ff:ff`;
  if (dev.kind === 'veth' && dev.peer && dev.peer.netns !== ns.id) {
    const label = (opts.peerNetns ?? defaultPeerNetns)(dev.peer.netns);
    line += 'name' in label ? ` link-netns ${label.name}` : ` link-netnsid ${label.nsid}`;
  }
  return line;
}

const LIFETIME = '       valid_lft forever preferred_lft forever';

export function renderDeviceAddr(dev: NetDevice, ns: Netns, opts: IpAddrOptions = {}): string[] {
  const lines = [headerLine(dev, ns), linkLine(dev, ns, opts)];
  for (const a of dev.addresses) {
    const brd = a.broadcast !== undefined ? ` brd ${formatIpv4(a.broadcast)}` : '';
    lines.push(`    inet ${formatIpv4(a.ip)}/${a.prefix}${brd} scope ${a.scope} ${dev.name}`, LIFETIME);
  }
  if (opts.ipv6 ?? true) {
    if (dev.kind === 'loopback') lines.push('    inet6 ::1/128 scope host ', LIFETIME);
    // TUN devices have no MAC to derive from (their address is random); not modelled. An ipip device
    // gets no IPv6 link-local address (addrconf skips ARPHRD_TUNNEL).
    else if (dev.kind !== 'tun' && dev.kind !== 'ipip' && hasCarrier(dev, ns))
      lines.push(`    inet6 ${eui64LinkLocal(dev.mac)}/64 scope link `, LIFETIME);
  }
  return lines;
}

/** The whole `ip addr` output, devices by ifindex, newline-terminated. */
export function renderIpAddr(ns: Netns, opts: IpAddrOptions = {}): string {
  const devices = [...ns.devices].sort((a, b) => a.ifindex - b.ifindex);
  return devices.flatMap((d) => renderDeviceAddr(d, ns, opts)).join('\n') + '\n';
}
