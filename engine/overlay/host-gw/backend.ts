// Flannel's host-gw backend (flannel `pkg/backend/hostgw/hostgw.go`): no device and no encapsulation,
// just one route per remote lease, `<remote podCIDR> via <remote node IP> dev <external iface>`. It only
// works when every node is one L2 hop from every other, and the MTU stays the NIC's.
import type { RouteEntry } from '../../model/netns';
import type { NodeSpec, Scenario } from '../../model/scenario';
import type { FlannelBackendDriver } from '../backend';

export function hostGwRoutes(scenario: Scenario, local: NodeSpec, externalIface = 'eth0'): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const remote of scenario.nodes) {
    if (remote.name === local.name) continue;
    routes.push({
      dst: { network: remote.podCIDR.network, prefix: remote.podCIDR.prefix },
      gateway: remote.internalIP,
      dev: externalIface,
      scope: 'global',
      proto: 'boot',
      table: 'main',
      type: 'unicast',
    });
  }
  return routes;
}

export const HOST_GW_BACKEND: FlannelBackendDriver = {
  type: 'host-gw',
  mtuOverhead: 0,
  defaultPort: 0,
  deviceCount: 0,
  nodeEntries: (scenario, node) => ({
    devices: [],
    routes: hostGwRoutes(scenario, node),
    neighbours: [],
    fdb: [],
  }),
  processes: () => [],
  tunnel: () => null,
};
