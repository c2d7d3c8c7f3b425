// A pod sandbox's namespace after the flannel → bridge → host-local ADD (reference §4.9 pod view):
// lo, and eth0 (the container end of the veth, created there directly, never renamed) with the
// host-local address, a default route and the flannel-network route via the cni0 gateway, plus the
// kernel's prefix route for the podCIDR.
import { type PodAddressing, podKey } from '../cni/allocate';
import { podAttachment } from '../cni/attachment';
import { nodeNetnsId, podNetnsId } from '../model/ids';
import type { Netns } from '../model/netns';
import { podKeyIndex } from '../model/pod-key-index';
import { flannelMtu } from '../overlay/subnet-env';
import {
  kernelPrefixRoute,
  loopbackDevice,
  netlinkAddress,
  sortRoutesLikeKernel,
  staticRoute,
} from './kernel-entries';
import { attachedPods, buildNodeNetns } from './node-netns';
import { requireNode } from './scenario-index';
import type { Scenario } from '../model/scenario';

/**
 * `podKey` is `namespace/name`. A hostNetwork pod has no namespace of its own: it gets its node's.
 * Throws for a pod without an address (its sandbox never came up).
 */
export function buildPodNetns(scenario: Scenario, alloc: PodAddressing, key: string): Netns {
  const pod = podKeyIndex(scenario.pods).pod(key);
  if (!pod) throw new Error(`no pod ${key} in the scenario`);
  if (pod.hostNetwork) return buildNodeNetns(scenario, alloc, pod.nodeName);
  const { node } = requireNode(scenario, pod.nodeName);
  const ip = alloc.podIPs.get(podKey(pod));
  if (ip === undefined) throw new Error(`pod ${key} has no IP: its sandbox was not created`);
  const hostSide = attachedPods(scenario, alloc, node.name).find((p) => p.pod === pod)!;
  const a = podAttachment(node, pod, ip);
  const routes = [
    // Added by ipam.ConfigureIface from the CNI result: the isDefaultGateway route and the delegate's
    // ipam route, both with the gateway filled in.
    staticRoute({ network: 0, prefix: 0 }, a.ifname, a.gateway),
    staticRoute(scenario.flannel.network, a.ifname, a.gateway),
    kernelPrefixRoute(a.ifname, a.ip, a.prefix),
  ];
  return {
    id: podNetnsId(a.podKey),
    kind: 'pod',
    node: node.name,
    path: a.netnsPath,
    devices: [
      loopbackDevice(),
      {
        name: a.ifname,
        ifindex: 2,
        kind: 'veth',
        mac: a.podMac,
        mtu: flannelMtu(scenario, node),
        addresses: [netlinkAddress(a.ip, a.prefix)],
        peer: { netns: nodeNetnsId(node.name), ifname: a.hostVeth, ifindex: hostSide.ifindex },
      },
    ],
    routes: sortRoutesLikeKernel(routes),
    neighbours: [],
    fdb: [],
    ipForward: false,
    bridgeNfCallIptables: false,
    ruleset: null,
  };
}
