// A node's root network namespace as a flannel node has it once its pods are running: lo, the underlay
// NIC, the overlay device (flannel.1 / flannel0, or nothing for host-gw), the cni0 bridge the bridge
// plugin created at the first pod ADD, and one host veth per pod sandbox as a cni0 port.
//
// Interface numbering follows boot order: lo 1, eth0 2, the flannel device next (flanneld runs before
// any pod), then cni0 and the veths in sandbox order. A failed sandbox's veth is deleted again by the
// runtime's DEL; the ifindex it briefly used is not modelled.
import { type PodAddressing, podKey } from '../cni/allocate';
import { BRIDGE_NAME, bridgeMac, podAttachment } from '../cni/attachment';
import { deterministicMac, nodeNetnsId, podNetnsId } from '../model/ids';
import type { FdbEntry, NeighbourEntry, NetDevice, Netns, RouteEntry } from '../model/netns';
import type { NodeSpec, PodSpec, Scenario } from '../model/scenario';
import { flannelBackend } from '../overlay/registry';
import { flannelMtu } from '../overlay/subnet-env';
import {
  kernelPrefixRoute,
  loopbackDevice,
  netlinkAddress,
  sortRoutesLikeKernel,
  staticRoute,
} from './kernel-entries';
import { requireNode, scenarioIndex } from './scenario-index';
import { UNDERLAY_NETNS_ID, underlayNodePort } from './underlay-ports';

/** ifindex of the first flannel device: after lo and eth0. */
const FIRST_OVERLAY_IFINDEX = 3;

/** ifindex of the first host veth on a node: after lo, eth0, the backend's devices, cni0. */
export function firstVethIfindex(scenario: Scenario): number {
  return FIRST_OVERLAY_IFINDEX + flannelBackend(scenario.flannel.backend).deviceCount + 1;
}

function cniIfindex(scenario: Scenario): number {
  return firstVethIfindex(scenario) - 1;
}

/** The pods on this node that got an address, in sandbox order, with their host veth ifindex. */
export function attachedPods(
  scenario: Scenario,
  alloc: PodAddressing,
  nodeName: string,
): { pod: PodSpec; ip: number; ifindex: number }[] {
  const pods = scenarioIndex(scenario).cniPods.get(nodeName) ?? [];
  const out: { pod: PodSpec; ip: number; ifindex: number }[] = [];
  let ifindex = firstVethIfindex(scenario);
  for (const pod of pods) {
    const ip = alloc.podIPs.get(podKey(pod));
    if (ip === undefined) continue;
    out.push({ pod, ip, ifindex: ifindex++ });
  }
  return out;
}

/**
 * The node's NIC. In the simulation (and in the kernel lab that checks it) the wire to the underlay
 * switch is a veth pair, so it is modelled, and printed, as one: `eth0@if3`.
 */
export function nodeEth0(scenario: Scenario, node: NodeSpec, nodeIndex: number): NetDevice {
  const port = underlayNodePort(scenario, nodeIndex);
  return {
    name: 'eth0',
    ifindex: 2,
    kind: 'veth',
    mac: deterministicMac(nodeNetnsId(node.name), 'eth0'),
    mtu: node.nicMtu,
    addresses: [netlinkAddress(node.internalIP, scenario.underlay.subnet.prefix)],
    peer: { netns: UNDERLAY_NETNS_ID, ifname: port.name, ifindex: port.ifindex },
  };
}

export function buildNodeNetns(scenario: Scenario, alloc: PodAddressing, nodeName: string): Netns {
  const { node, index } = requireNode(scenario, nodeName);
  const devices: NetDevice[] = [loopbackDevice(), nodeEth0(scenario, node, index)];
  const routes: RouteEntry[] = [
    staticRoute({ network: 0, prefix: 0 }, 'eth0', scenario.underlay.gateway),
    kernelPrefixRoute('eth0', node.internalIP, scenario.underlay.subnet.prefix),
  ];
  // What flanneld programs for its backend: flannel.1 with its peers' entries, flannel0 and one route, or
  // only routes (host-gw).
  const overlay = flannelBackend(scenario.flannel.backend).nodeEntries(scenario, node, FIRST_OVERLAY_IFINDEX);
  devices.push(...overlay.devices);
  routes.push(...overlay.routes);
  const neighbours: NeighbourEntry[] = [...overlay.neighbours];
  const fdb: FdbEntry[] = [...overlay.fdb];

  // ensureBridge runs before IPAM, so any CNI pod creates cni0; its gateway address (and with it the
  // kernel route to the podCIDR) only arrives after a successful host-local ADD.
  const cniPods = scenarioIndex(scenario).cniPods.get(nodeName) ?? [];
  const attached = attachedPods(scenario, alloc, nodeName);
  if (cniPods.length > 0) {
    const mtu = flannelMtu(scenario, node);
    const gateway = node.podCIDR.network + 1;
    const brMac = bridgeMac(node.name);
    devices.push({
      name: BRIDGE_NAME,
      ifindex: cniIfindex(scenario),
      kind: 'bridge',
      mac: brMac,
      mtu,
      addresses: attached.length > 0 ? [netlinkAddress(gateway, node.podCIDR.prefix)] : [],
    });
    if (attached.length > 0) {
      routes.push(kernelPrefixRoute(BRIDGE_NAME, gateway, node.podCIDR.prefix));
      // The bridge's own address, pinned by ensureAddr, is a local FDB entry of the bridge itself.
      fdb.push({ mac: brMac, dev: BRIDGE_NAME, self: false, permanent: true, master: BRIDGE_NAME });
    }
    for (const { pod, ip, ifindex } of attached) {
      const a = podAttachment(node, pod, ip);
      devices.push({
        name: a.hostVeth,
        ifindex,
        kind: 'veth',
        mac: a.hostVethMac,
        mtu,
        addresses: [],
        master: BRIDGE_NAME,
        peer: { netns: podNetnsId(a.podKey), ifname: a.ifname, ifindex: 2 },
        hairpin: true,
      });
      // br_fdb_add_local: every port's own MAC is a permanent local entry of the bridge.
      fdb.push({ mac: a.hostVethMac, dev: a.hostVeth, self: false, permanent: true, master: BRIDGE_NAME });
    }
  }

  return {
    id: nodeNetnsId(node.name),
    kind: 'node',
    node: node.name,
    path: `/proc/1/ns/net`,
    devices,
    routes: sortRoutesLikeKernel(routes),
    neighbours,
    fdb,
    ipForward: true,
    bridgeNfCallIptables: true,
    ruleset: null,
  };
}
