// Names and ifindexes of the underlay router's ports, computable without building the underlay, so a
// node or external namespace can point its `peer` at the right port on its own.
//
// Underlay numbering: lo 1, the switch bridge 2, one port per node in document order (3…), then one
// veth per external client in the order the caller lists them.
import type { Scenario } from '../model/scenario';
import { cidrContains, type Ipv4, formatIpv4 } from '../net/ipv4';

export const UNDERLAY_NETNS_ID = 'underlay';
export const UNDERLAY_BRIDGE = 'br0';

export interface PortRef {
  readonly name: string;
  readonly ifindex: number;
}

export function underlayNodePort(_scenario: Scenario, nodeIndex: number): PortRef {
  return { name: `n${nodeIndex}`, ifindex: 3 + nodeIndex };
}

export function underlayExternalPort(scenario: Scenario, clientIndex: number): PortRef {
  return { name: `x${clientIndex}`, ifindex: 3 + scenario.nodes.length + clientIndex };
}

export function externalNetnsId(ip: Ipv4): string {
  return `external/${formatIpv4(ip)}`;
}

/** The router's address facing a client: .1 of the client's /24, or .254 when the client itself is .1. */
export function externalRouterAddress(ip: Ipv4): Ipv4 {
  const base = (ip & 0xffffff00) >>> 0;
  return (ip & 0xff) === 1 ? base + 254 : base + 1;
}

/**
 * A client whose address is inside the underlay's own subnet (a laptop on the nodes' LAN) is not routed:
 * it sits on the same L2 segment as the nodes, a port of the switch bridge, and ARPs for them itself.
 */
export function onUnderlayLan(scenario: Scenario, ip: Ipv4): boolean {
  const { subnet, gateway } = scenario.underlay;
  return cidrContains(subnet, ip) && ip !== gateway && ip !== subnet.network;
}
