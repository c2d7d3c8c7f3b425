// The state of one network namespace as the kernel holds it: devices, addresses, routes, neighbours,
// bridge FDB and (for node namespaces) the iptables ruleset. The datapath evaluates packets against this.
import type { Cidr, Ipv4 } from '../net/ipv4';
import type { Ruleset } from '../netfilter/ruleset';

export type DeviceKind = 'loopback' | 'veth' | 'bridge' | 'vxlan' | 'ethernet' | 'tun' | 'dummy' | 'ipip';

export interface InterfaceAddress {
  readonly ip: Ipv4;
  readonly prefix: number;
  readonly scope: 'global' | 'link' | 'host';
  /**
   * IFA_BROADCAST (`brd …` in `ip addr`). Absent when none was given: plain `ip addr add` sets none,
   * while vishvananda/netlink (the bridge plugin, flanneld) fills it in for IPv4 prefixes < /31.
   */
  readonly broadcast?: Ipv4;
}

export interface VxlanInfo {
  readonly vni: number;
  /** Source address of the outer IP header (`local`). */
  readonly local: Ipv4;
  /** Underlay device (`dev eth0`). */
  readonly dev: string;
  readonly dstport: number;
  readonly learning: boolean;
}

/** An ipip tunnel (`ip link add … type ipip local L`): remote any, so the route's gateway is the peer. */
export interface IpipInfo {
  /** Source address of the outer IP header, and the destination the device takes IP-in-IP packets for. */
  readonly local: Ipv4;
}

export interface NetDevice {
  readonly name: string;
  readonly ifindex: number;
  readonly kind: DeviceKind;
  readonly mac: string;
  readonly mtu: number;
  readonly addresses: readonly InterfaceAddress[];
  /** The bridge this device is a port of. */
  readonly master?: string;
  /** The other end of a veth pair (or the cable of an ethernet NIC). */
  readonly peer?: { readonly netns: string; readonly ifname: string; readonly ifindex: number };
  readonly vxlan?: VxlanInfo;
  readonly ipip?: IpipInfo;
  readonly hairpin?: boolean;
  readonly promisc?: boolean;
}

export interface RouteEntry {
  readonly dst: Cidr;
  readonly gateway?: Ipv4;
  readonly dev: string;
  readonly onlink?: boolean;
  readonly scope: 'global' | 'link' | 'host';
  readonly proto: 'kernel' | 'boot' | 'static';
  readonly src?: Ipv4;
  readonly table: 'main' | 'local';
  readonly type: 'unicast' | 'local' | 'broadcast';
}

export interface NeighbourEntry {
  readonly ip: Ipv4;
  readonly dev: string;
  readonly mac: string;
  readonly state: 'PERMANENT' | 'REACHABLE';
}

export interface FdbEntry {
  readonly mac: string;
  readonly dev: string;
  /** VXLAN remote (`dst 192.168.56.103`). */
  readonly dst?: Ipv4;
  /** `self`: an entry of the device itself (VXLAN); otherwise of its master bridge. */
  readonly self: boolean;
  readonly permanent: boolean;
  readonly master?: string;
}

export type NetnsKind = 'node' | 'pod' | 'underlay' | 'external';

export interface Netns {
  /** Stable id used in traces: `node/NAME`, `pod/NS/NAME`, `underlay`, `external/IP`. */
  readonly id: string;
  readonly kind: NetnsKind;
  /** The node a pod namespace lives on (and the node itself for node namespaces). */
  readonly node: string | null;
  /** Path the runtime gives the CNI plugin (`/var/run/netns/cni-…`) or the `ip netns` name. */
  readonly path: string;
  readonly devices: readonly NetDevice[];
  readonly routes: readonly RouteEntry[];
  readonly neighbours: readonly NeighbourEntry[];
  readonly fdb: readonly FdbEntry[];
  /** net.ipv4.ip_forward */
  readonly ipForward: boolean;
  /** net.bridge.bridge-nf-call-iptables: bridged IPv4 frames also cross iptables (br_netfilter). */
  readonly bridgeNfCallIptables: boolean;
  readonly ruleset: Ruleset | null;
}
