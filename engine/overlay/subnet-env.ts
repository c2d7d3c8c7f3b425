// /run/flannel/subnet.env, the file flanneld writes for the flannel CNI plugin (flannel
// `pkg/subnet/subnet.go` WriteSubnetFile): the cluster network, this node's subnet with the IP bumped
// to .1 (the bridge gateway), the MTU left after encapsulation, and whether flanneld masquerades.
import type { FlannelBackend, NodeSpec, Scenario } from '../model/scenario';
import { type Cidr, formatCidr, formatIpv4 } from '../net/ipv4';

/**
 * Bytes each backend charges against the NIC MTU: VXLAN 20 IP + 8 UDP + 8 VXLAN + 14 inner Ethernet
 * (Linux VXLAN_HEADROOM), UDP 20 + 8, host-gw nothing (reference §4.5).
 */
export const ENCAP_OVERHEAD: Readonly<Record<FlannelBackend, number>> = { vxlan: 50, udp: 28, 'host-gw': 0 };

export interface SubnetEnv {
  readonly network: Cidr;
  /** The node's podCIDR (network form); FLANNEL_SUBNET prints it with the IP + 1. */
  readonly subnet: Cidr;
  readonly mtu: number;
  readonly ipMasq: boolean;
}

export function flannelMtu(scenario: Scenario, node: NodeSpec): number {
  return node.nicMtu - ENCAP_OVERHEAD[scenario.flannel.backend];
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
