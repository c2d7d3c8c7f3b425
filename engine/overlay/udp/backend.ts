// Flannel's UDP backend (flannel `pkg/backend/udp`, debug only): a TUN device `flannel0` (OpenTun
// "flannel%d") with MTU NIC − 28 and the subnet's .0/32, and one route to the whole flannel network;
// userspace flanneld does the encapsulation to remote `public-ip:8285` (tunnel.ts). The address is the
// lease's network address with /32 (udp_amd64.go: tunNet takes the lease's IP, configureIface sets /32), and
// the route is the whole flannel network, scope universe, on flannel0 (configureIface's RouteAdd).
import type { NetDevice, RouteEntry } from '../../model/netns';
import type { NodeSpec, Scenario } from '../../model/scenario';
import type { FlannelBackendDriver } from '../backend';
import { flanneldPort, flanneldRelay, FLANNELD } from './tunnel';

export const UDP_DEVICE = 'flannel0';
export const UDP_DEFAULT_PORT = 8285;
/** 20 bytes of outer IPv4 and 8 of UDP; the inner IP packet has no link-layer header. */
export const UDP_OVERHEAD = 28;

export function flannelUdpDevice(node: NodeSpec, ifindex: number): NetDevice {
  return {
    name: UDP_DEVICE,
    ifindex,
    kind: 'tun',
    // A TUN device has no link-layer address; iproute2 prints `link/none`.
    mac: '',
    mtu: node.nicMtu - UDP_OVERHEAD,
    addresses: [{ ip: node.podCIDR.network, prefix: 32, scope: 'global' }],
  };
}

export function udpNetworkRoute(scenario: Scenario): RouteEntry {
  const { network, prefix } = scenario.flannel.network;
  return {
    dst: { network, prefix },
    dev: UDP_DEVICE,
    scope: 'global',
    proto: 'boot',
    table: 'main',
    type: 'unicast',
  };
}

export const UDP_BACKEND: FlannelBackendDriver = {
  type: 'udp',
  mtuOverhead: UDP_OVERHEAD,
  defaultPort: UDP_DEFAULT_PORT,
  deviceCount: 1,
  nodeEntries: (scenario, node, firstIfindex) => ({
    devices: [flannelUdpDevice(node, firstIfindex)],
    routes: [udpNetworkRoute(scenario)],
    neighbours: [],
    fdb: [],
  }),
  // flanneld reads flannel0 and sends UDP to the remote flanneld (flannel pkg/backend/udp).
  processes: (scenario) => [
    {
      name: FLANNELD,
      role: 'udp backend: flannel0 ↔ UDP',
      listens: [`udp/${flanneldPort(scenario, UDP_DEFAULT_PORT)}`],
    },
  ],
  tunnel: (scenario) => flanneldRelay(scenario, flanneldPort(scenario, UDP_DEFAULT_PORT), UDP_OVERHEAD),
};
