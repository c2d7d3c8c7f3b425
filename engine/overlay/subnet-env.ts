// /run/flannel/subnet.env, the file flanneld writes for the flannel CNI plugin (flannel
// `pkg/subnet/subnet.go` WriteSubnetFile): the cluster network, this node's subnet with the IP bumped
// to .1 (the bridge gateway), the MTU left after encapsulation, and whether flanneld masquerades.
import type { NodeSpec, Scenario } from '../model/scenario';
import { type Cidr, formatCidr, formatIpv4 } from '../net/ipv4';
import { flannelBackend } from './registry';

export interface SubnetEnv {
  readonly network: Cidr;
  /** The node's podCIDR (network form); FLANNEL_SUBNET prints it with the IP + 1. */
  readonly subnet: Cidr;
  readonly mtu: number;
  readonly ipMasq: boolean;
}

/** The NIC MTU less what the backend's encapsulation costs (VXLAN 50, UDP 28, host-gw 0; reference §4.5). */
export function flannelMtu(scenario: Scenario, node: NodeSpec): number {
  return node.nicMtu - flannelBackend(scenario.flannel.backend).mtuOverhead;
}

export function subnetEnvFor(scenario: Scenario, node: NodeSpec): SubnetEnv {
  return {
    network: scenario.flannel.network,
    subnet: { network: node.podCIDR.network, prefix: node.podCIDR.prefix },
    mtu: flannelMtu(scenario, node),
    ipMasq: scenario.flannel.ipMasq,
  };
}

/** The file's text, each line newline-terminated as Fprintf writes it. */
export function renderSubnetEnv(env: SubnetEnv): string {
  return (
    `FLANNEL_NETWORK=${formatCidr(env.network)}\n` +
    `FLANNEL_SUBNET=${formatIpv4(env.subnet.network + 1)}/${env.subnet.prefix}\n` +
    `FLANNEL_MTU=${env.mtu}\n` +
    `FLANNEL_IPMASQ=${env.ipMasq}\n`
  );
}
