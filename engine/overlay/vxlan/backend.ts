// Flannel's vxlan backend: one `flannel.<VNI>` device per node, three kernel entries per remote lease
// (device.ts), and the kernel's VXLAN driver carrying packets between nodes (tunnel.ts).
import type { FlannelBackendDriver } from '../backend';
import { flannelVxlanDevice, LINUX_VXLAN_DEFAULT_PORT, VXLAN_OVERHEAD, vxlanPeerEntries } from './device';
import { VXLAN_TUNNEL } from './tunnel';

export const VXLAN_BACKEND: FlannelBackendDriver = {
  type: 'vxlan',
  mtuOverhead: VXLAN_OVERHEAD,
  defaultPort: LINUX_VXLAN_DEFAULT_PORT,
  deviceCount: 1,
  nodeEntries(scenario, node, firstIfindex) {
    const peers = vxlanPeerEntries(scenario, node);
    return { devices: [flannelVxlanDevice(scenario, node, firstIfindex)], ...peers };
  },
  processes: () => [],
  tunnel: () => VXLAN_TUNNEL,
};
