// Flannel's IPIP backend (flannel `pkg/backend/ipip/ipip.go`): one ipip tunnel device `flannel.ipip` per node
// with `local` = the node's address and no remote (so it takes IP-in-IP packets from every peer), the
// lease's network address as a /32, MTU = NIC − 20 (the outer IPv4 header), and for every remote lease a
// route `<remote podCIDR> via <remote node IP> dev flannel.ipip onlink` (the route network's GetRoute).
// The kernel's ipip driver does the rest (tunnel.ts); no neighbours and no FDB: the device is NOARP.
// Not modelled: the `DirectRouting` option (routes via the NIC to peers on the same subnet, as host-gw), and
// the `tunl0` fallback device the ipip module creates in every namespace once it is loaded (down, unused).
import type { NetDevice, RouteEntry } from '../../model/netns';
import type { NodeSpec, Scenario } from '../../model/scenario';
import type { FlannelBackendDriver } from '../backend';
import { IPIP_TUNNEL } from './tunnel';

export const IPIP_DEVICE = 'flannel.ipip';
/** ipip.go: "the extra 20 byte IP header that the tunnel will add to each packet". */
export const IPIP_OVERHEAD = 20;

export function flannelIpipDevice(node: NodeSpec, ifindex: number): NetDevice {
  return {
    name: IPIP_DEVICE,
    ifindex,
    kind: 'ipip',
    // An ipip device has no link-layer address: `ip addr` prints its local and remote IPv4 addresses.
    mac: '',
    mtu: node.nicMtu - IPIP_OVERHEAD,
    addresses: [{ ip: node.podCIDR.network, prefix: 32, scope: 'global' }],
    ipip: { local: node.internalIP },
  };
}

/** One route per remote lease, the gateway being the peer's public IP, `onlink` (netlink.FLAG_ONLINK). */
export function ipipRoutes(scenario: Scenario, local: NodeSpec): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const remote of scenario.nodes) {
    if (remote.name === local.name) continue;
    routes.push({
      dst: { network: remote.podCIDR.network, prefix: remote.podCIDR.prefix },
      gateway: remote.internalIP,
      dev: IPIP_DEVICE,
      onlink: true,
      scope: 'global',
      proto: 'boot',
      table: 'main',
      type: 'unicast',
    });
  }
  return routes;
}

export const IPIP_BACKEND: FlannelBackendDriver = {
  type: 'ipip',
  mtuOverhead: IPIP_OVERHEAD,
  defaultPort: 0,
  deviceCount: 1,
  nodeEntries: (scenario, node, firstIfindex) => ({
    devices: [flannelIpipDevice(node, firstIfindex)],
    routes: ipipRoutes(scenario, node),
    neighbours: [],
    fdb: [],
  }),
  processes: () => [],
  tunnel: () => IPIP_TUNNEL,
};
