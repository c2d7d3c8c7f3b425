// The network between the nodes, as one namespace acting as switch and router: a bridge joining every
// node's eth0 (each node NIC's `peer` is a port here) that holds the underlay gateway address, and one
// veth per external client, each leading to an `external/<IP>` namespace. A client inside the underlay's
// subnet is one more port of the bridge (same broadcast domain as the nodes, its own ARP); any other
// client is behind the router, on a routed port of its own.
//
// LoadBalancer ingress IPs and externalIPs are routed (/32) to the InternalIP of the first node in
// document order. That stands in for a MetalLB-L2-like announcement, where one elected node answers ARP
// for the address; real elections pick a node per Service, which the scenario does not describe.
import { deterministicMac, nodeNetnsId } from '../model/ids';
import type { NetDevice, Netns, RouteEntry } from '../model/netns';
import type { Scenario } from '../model/scenario';
import type { Ipv4 } from '../net/ipv4';
import {
  kernelPrefixRoute,
  loopbackDevice,
  netlinkAddress,
  sortRoutesLikeKernel,
  staticRoute,
} from './kernel-entries';
import {
  UNDERLAY_BRIDGE,
  UNDERLAY_NETNS_ID,
  externalNetnsId,
  externalRouterAddress,
  onUnderlayLan,
  underlayExternalPort,
  underlayNodePort,
} from './underlay-ports';

const EXTERNAL_MTU = 1500;

export function buildUnderlayNetns(scenario: Scenario, externalClientIPs: readonly number[]): Netns {
  const { subnet, gateway } = scenario.underlay;
  // A bridge runs at its smallest port's MTU.
  const mtu = scenario.nodes.reduce((m, n) => Math.min(m, n.nicMtu), EXTERNAL_MTU);
  const devices: NetDevice[] = [
    loopbackDevice(),
    {
      name: UNDERLAY_BRIDGE,
      ifindex: 2,
      kind: 'bridge',
      mac: deterministicMac(UNDERLAY_NETNS_ID, UNDERLAY_BRIDGE),
      mtu,
      addresses: [netlinkAddress(gateway, subnet.prefix)],
    },
  ];
  const routes: RouteEntry[] = [kernelPrefixRoute(UNDERLAY_BRIDGE, gateway, subnet.prefix)];

  scenario.nodes.forEach((node, i) => {
    const port = underlayNodePort(scenario, i);
    devices.push({
      name: port.name,
      ifindex: port.ifindex,
      kind: 'veth',
      mac: deterministicMac(UNDERLAY_NETNS_ID, port.name),
      mtu: node.nicMtu,
      addresses: [],
      master: UNDERLAY_BRIDGE,
      peer: { netns: nodeNetnsId(node.name), ifname: 'eth0', ifindex: 2 },
    });
  });

  externalClientIPs.forEach((ip, j) => {
    const port = underlayExternalPort(scenario, j);
    if (onUnderlayLan(scenario, ip)) {
      devices.push({
        name: port.name,
        ifindex: port.ifindex,
        kind: 'veth',
        mac: deterministicMac(UNDERLAY_NETNS_ID, port.name),
        mtu: EXTERNAL_MTU,
        addresses: [],
        master: UNDERLAY_BRIDGE,
        peer: { netns: externalNetnsId(ip), ifname: 'eth0', ifindex: 2 },
      });
      return;
    }
    devices.push({
      name: port.name,
      ifindex: port.ifindex,
      kind: 'veth',
      mac: deterministicMac(UNDERLAY_NETNS_ID, port.name),
      mtu: EXTERNAL_MTU,
      // A /32 per client port: two clients in one /24 each keep their own port and host route.
      addresses: [{ ip: externalRouterAddress(ip), prefix: 32, scope: 'global' }],
      peer: { netns: externalNetnsId(ip), ifname: 'eth0', ifindex: 2 },
    });
    routes.push(staticRoute({ network: ip, prefix: 32 }, port.name));
  });

  const first = scenario.nodes[0];
  if (first) {
    const seen = new Set<Ipv4>();
    for (const svc of scenario.services) {
      for (const ip of [...svc.loadBalancerIPs, ...svc.externalIPs]) {
        if (seen.has(ip)) continue;
        seen.add(ip);
        routes.push(staticRoute({ network: ip, prefix: 32 }, UNDERLAY_BRIDGE, first.internalIP));
      }
    }
  }

  return {
    id: UNDERLAY_NETNS_ID,
    kind: 'underlay',
    node: null,
    path: UNDERLAY_NETNS_ID,
    devices,
    routes: sortRoutesLikeKernel(routes),
    neighbours: [],
    fdb: [],
    ipForward: true,
    bridgeNfCallIptables: false,
    ruleset: null,
  };
}

/**
 * A client outside the cluster: eth0 with `ip/24` and a default route via the router's address in that
 * /24; or, on the nodes' LAN, `ip/<underlay prefix>` with the underlay gateway as its default route.
 * Pass the same client list as to buildUnderlayNetns so `peer` names the right router port.
 */
export function buildExternalNetns(
  scenario: Scenario,
  ip: Ipv4,
  externalClientIPs: readonly number[] = [ip],
): Netns {
  const j = Math.max(0, externalClientIPs.indexOf(ip));
  const port = underlayExternalPort(scenario, j);
  const id = externalNetnsId(ip);
  const lan = onUnderlayLan(scenario, ip);
  const prefix = lan ? scenario.underlay.subnet.prefix : 24;
  const router = lan ? scenario.underlay.gateway : externalRouterAddress(ip);
  return {
    id,
    kind: 'external',
    node: null,
    path: id,
    devices: [
      loopbackDevice(),
      {
        name: 'eth0',
        ifindex: 2,
        kind: 'veth',
        mac: deterministicMac(id, 'eth0'),
        mtu: EXTERNAL_MTU,
        addresses: [netlinkAddress(ip, prefix)],
        peer: { netns: UNDERLAY_NETNS_ID, ifname: port.name, ifindex: port.ifindex },
      },
    ],
    routes: sortRoutesLikeKernel([
      staticRoute({ network: 0, prefix: 0 }, 'eth0', router),
      kernelPrefixRoute('eth0', ip, prefix),
    ]),
    neighbours: [],
    fdb: [],
    ipForward: false,
    bridgeNfCallIptables: false,
    ruleset: null,
  };
}
