// Flannel's VXLAN backend (flannel `pkg/backend/vxlan/{vxlan.go,vxlan_network.go,device.go}`): one
// `flannel.<VNI>` device per node, and for every remote node's lease exactly three kernel entries (a
// PERMANENT neighbour, a `self permanent` FDB entry and an `onlink` route), with no L2MISS/L3MISS
// callbacks. Built from the scenario alone, so one node's view never needs the other nodes' namespaces.
import type { FdbEntry, NeighbourEntry, NetDevice, RouteEntry } from '../../model/netns';
import type { NodeSpec, Scenario } from '../../model/scenario';
import { deterministicMac, nodeNetnsId } from '../../model/ids';

/** VXLAN overhead charged against the underlay MTU: outer IPv4 20 + UDP 8 + VXLAN 8 + inner Ethernet 14 (VXLAN_HEADROOM). */
export const VXLAN_OVERHEAD = 50;

/** drivers/net/vxlan/vxlan_core.c: "the Linux default is 8472 for compatibility with early adopters". */
export const LINUX_VXLAN_DEFAULT_PORT = 8472;

export function vxlanDeviceName(vni: number): string {
  return `flannel.${vni}`;
}

/** flannel leaves `Port` at 0 unless configured, and the kernel then uses its own default. */
export function vxlanDstPort(scenario: Scenario): number {
  return scenario.flannel.port === 0 ? LINUX_VXLAN_DEFAULT_PORT : scenario.flannel.port;
}

/**
 * The node's VTEP MAC. Real flanneld lets the kernel pick a random one (or reuses the one in its node
 * annotation); this stand-in is stable per node and VNI.
 */
const vtepMacs = new Map<string, string>();

/** Memoised: every node's namespace lists every other node's VTEP MAC, 5,000 hashes per node otherwise. */
export function vtepMac(nodeName: string, vni: number): string {
  const key = `${nodeName}\u0000${vni}`;
  let mac = vtepMacs.get(key);
  if (mac === undefined) {
    mac = deterministicMac(nodeNetnsId(nodeName), vxlanDeviceName(vni));
    if (vtepMacs.size > 100_000) vtepMacs.clear();
    vtepMacs.set(key, mac);
  }
  return mac;
}

/** `flannel.alpha.coreos.com/backend-data`: Go field names VNI and VtepMAC, compact JSON. */
export function vxlanBackendData(scenario: Scenario, node: NodeSpec): string {
  return JSON.stringify({ VNI: scenario.flannel.vni, VtepMAC: vtepMac(node.name, scenario.flannel.vni) });
}

/** `flannel.1`: MTU = NIC − 50, address = podCIDR network /32, local = node IP, learning off. */
export function flannelVxlanDevice(scenario: Scenario, node: NodeSpec, ifindex: number): NetDevice {
  const vni = scenario.flannel.vni;
  return {
    name: vxlanDeviceName(vni),
    ifindex,
    kind: 'vxlan',
    mac: vtepMac(node.name, vni),
    mtu: node.nicMtu - VXLAN_OVERHEAD,
    addresses: [{ ip: node.podCIDR.network, prefix: 32, scope: 'global' }],
    vxlan: { vni, local: node.internalIP, dev: 'eth0', dstport: vxlanDstPort(scenario), learning: false },
  };
}

export interface VxlanPeerEntries {
  readonly routes: RouteEntry[];
  readonly neighbours: NeighbourEntry[];
  readonly fdb: FdbEntry[];
}

/**
 * For each remote node, in the order flanneld programs them (neighbour, FDB, route):
 * `10.244.2.0 dev flannel.1 lladdr <VtepMAC> PERMANENT`,
 * `<VtepMAC> dev flannel.1 dst <remote IP> self permanent`,
 * `10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink` (netlink's default protocol, boot).
 */
export function vxlanPeerEntries(scenario: Scenario, local: NodeSpec): VxlanPeerEntries {
  const dev = vxlanDeviceName(scenario.flannel.vni);
  const routes: RouteEntry[] = [];
  const neighbours: NeighbourEntry[] = [];
  const fdb: FdbEntry[] = [];
  for (const remote of scenario.nodes) {
    if (remote.name === local.name) continue;
    const mac = vtepMac(remote.name, scenario.flannel.vni);
    const remoteVtepIp = remote.podCIDR.network;
    neighbours.push({ ip: remoteVtepIp, dev, mac, state: 'PERMANENT' });
    fdb.push({ mac, dev, dst: remote.internalIP, self: true, permanent: true });
    routes.push({
      dst: { network: remote.podCIDR.network, prefix: remote.podCIDR.prefix },
      gateway: remoteVtepIp,
      dev,
      onlink: true,
      scope: 'global',
      proto: 'boot',
      table: 'main',
      type: 'unicast',
    });
  }
  return { routes, neighbours, fdb };
}
