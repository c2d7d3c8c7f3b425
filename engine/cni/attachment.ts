// Everything one pod's CNI ADD decides, in one place, so the CNI result JSON, the node namespace and the
// pod namespace all agree on names, MACs and addresses: the flannel → bridge → host-local chain's output
// for a pod, with the runtime's random values replaced by the stand-ins of ids.ts.
import type { NodeSpec, PodSpec } from '../model/scenario';
import type { Ipv4 } from '../net/ipv4';
import { POD_IFNAME, podKey } from './allocate';
import {
  deterministicMac,
  hostVethName,
  nodeNetnsId,
  podNetnsId,
  podNetnsPath,
  sandboxContainerId,
} from '../model/ids';

/** The bridge the delegate creates; `cbr0` is only the network's name (containernetworking/cni#794). */
export const BRIDGE_NAME = 'cni0';

export interface PodAttachment {
  readonly podKey: string;
  readonly node: string;
  readonly containerId: string;
  readonly netnsPath: string;
  readonly hostVeth: string;
  readonly hostVethMac: string;
  readonly ifname: string;
  readonly podMac: string;
  readonly ip: Ipv4;
  readonly prefix: number;
  /** host-local's gateway for the range: the podCIDR's .1, which the bridge also takes (isGateway). */
  readonly gateway: Ipv4;
}

export function bridgeMac(nodeName: string): string {
  return deterministicMac(nodeNetnsId(nodeName), BRIDGE_NAME);
}

export function podAttachment(node: NodeSpec, pod: PodSpec, ip: Ipv4): PodAttachment {
  const key = podKey(pod);
  const containerId = sandboxContainerId(pod.namespace, pod.name);
  const hostVeth = hostVethName(containerId, POD_IFNAME);
  return {
    podKey: key,
    node: node.name,
    containerId,
    netnsPath: podNetnsPath(pod.namespace, pod.name),
    hostVeth,
    hostVethMac: deterministicMac(nodeNetnsId(node.name), hostVeth),
    ifname: POD_IFNAME,
    podMac: deterministicMac(podNetnsId(key), POD_IFNAME),
    ip,
    prefix: node.podCIDR.prefix,
    gateway: node.podCIDR.network + 1,
  };
}
