// What of a node's network namespace the app draws, read from the namespace the datapath uses (never from
// names known in advance): every device except lo and the pods' host veths (the app draws those with their
// pods), in ifindex order, and the user-space processes that packets pass through on that node. Which device
// is the overlay's tunnel is the datapath's answer too (the tunnel driver that owns it), so the app never
// guesses it from a device kind or name.
import type { Cluster } from './cluster';
import type { TunnelDriver } from '../datapath/tunnel';
import type { DeviceKind, Netns } from '../model/netns';
import { formatIpv4 } from '../net/ipv4';
import { proxyMode } from '../kube-proxy/modes';
import { flannelBackend } from '../overlay/registry';
import { UNDERLAY_NETNS_ID } from '../topology/underlay-ports';

export interface StageDevice {
  readonly name: string;
  readonly kind: DeviceKind;
  readonly mtu: number;
  /** `ip/prefix`, as `ip addr` prints them. */
  readonly addresses: readonly string[];
  /** The device is the node's cable to the underlay (its NIC). */
  readonly uplink: boolean;
  /**
   * The overlay's tunnel device (flannel.1, flannel0, flannel.ipip): a packet routed to it is encapsulated
   * there, so the stage draws the encapsulation at it. False for every device under host-gw.
   */
  readonly tunnel: boolean;
}

/** A process on the node that terminates and re-originates packets (so the trace passes through it). */
export interface StageProcess {
  readonly name: string;
  /** What it does with packets, in a few words. */
  readonly role: string;
  /** `proto/port` it listens on. */
  readonly listens: readonly string[];
}

/** `tunnels`: the cluster's tunnel drivers (`Cluster.tunnels`), which say which device is theirs. */
export function stageDevices(ns: Netns, tunnels: readonly TunnelDriver[]): StageDevice[] {
  return ns.devices
    .filter((d) => d.kind !== 'loopback' && d.master === undefined)
    .map((d) => ({
      name: d.name,
      kind: d.kind,
      mtu: d.mtu,
      addresses: d.addresses.map((a) => `${formatIpv4(a.ip)}/${a.prefix}`),
      uplink: d.peer?.netns === UNDERLAY_NETNS_ID,
      tunnel: tunnels.some((t) => t.ownsDevice(d)),
    }));
}

/**
 * The user-space hops on a node, from the registries: the flannel backend's (flanneld with the udp backend
 * reads flannel0 and sends UDP to the remote flanneld) and the kube-proxy mode's (in userspace mode,
 * kube-proxy itself with one proxy socket per Service port).
 */
export function stageProcesses(cluster: Cluster, node: string): StageProcess[] {
  const out: StageProcess[] = [];
  const s = cluster.scenario;
  out.push(...flannelBackend(s.flannel.backend).processes(s));
  out.push(...proxyMode(s.kubeProxy.mode).processes(cluster, node));
  return out;
}
