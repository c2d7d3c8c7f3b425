// Flannel's UDP backend (flannel `pkg/backend/udp`, debug only): a TUN device `flannel0` (OpenTun
// "flannel%d") with MTU NIC − 28 and the subnet's .0/32, and one route to the whole flannel network;
// userspace flanneld does the encapsulation to remote `public-ip:8285`.
import type { NetDevice, RouteEntry } from '../model/netns';
import type { NodeSpec, Scenario } from '../model/scenario';
import { flannelMtu } from './subnet-env';

export const UDP_DEVICE = 'flannel0';
export const UDP_DEFAULT_PORT = 8285;

export function flannelUdpDevice(scenario: Scenario, node: NodeSpec, ifindex: number): NetDevice {
  return {
    name: UDP_DEVICE,
    ifindex,
    kind: 'tun',
    // A TUN device has no link-layer address; iproute2 prints `link/none`.
    mac: '',
    mtu: flannelMtu(scenario, node),
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
