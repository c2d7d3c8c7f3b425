// What of a node's network namespace the app draws, read from the namespace the datapath uses (never from
// names known in advance): every device except lo and the pods' host veths (the app draws those with their
// pods), in ifindex order, and the user-space processes that packets pass through on that node.
import type { Cluster } from './cluster';
import type { DeviceKind, Netns } from '../model/netns';
import { formatIpv4 } from '../net/ipv4';
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
}

/** A process on the node that terminates and re-originates packets (so the trace passes through it). */
export interface StageProcess {
  readonly name: string;
  /** What it does with packets, in a few words. */
  readonly role: string;
  /** `proto/port` it listens on. */
  readonly listens: readonly string[];
}

export function stageDevices(ns: Netns): StageDevice[] {
  return ns.devices
    .filter((d) => d.kind !== 'loopback' && d.master === undefined)
    .map((d) => ({
      name: d.name,
      kind: d.kind,
      mtu: d.mtu,
      addresses: d.addresses.map((a) => `${formatIpv4(a.ip)}/${a.prefix}`),
      uplink: d.peer?.netns === UNDERLAY_NETNS_ID,
    }));
}

/**
 * The user-space hops on a node: kube-proxy in userspace mode (its proxy sockets, one per Service port,
 * kube-proxy's pkg/proxy/userspace) and flanneld with the udp backend (it reads flannel0 and sends UDP to
 * the remote flanneld, flannel pkg/backend/udp).
 */
export function stageProcesses(cluster: Cluster, node: string): StageProcess[] {
  const out: StageProcess[] = [];
  const s = cluster.scenario;
  out.push(...flannelBackend(s.flannel.backend).processes(s));
  if (s.kubeProxy.mode === 'userspace') {
    const portals = [...cluster.kubeProxyUserspaceRules(node).portals.values()];
    out.push({
      name: 'kube-proxy',
      role: 'userspace proxy',
      listens: portals.map((p) => `${p.proto}/${p.proxyPort}`),
    });
  }
  return out;
}
