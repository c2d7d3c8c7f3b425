// Two nodes joined by their eth0s, each with flannel's VXLAN device: node-1 (192.168.56.11, 10.244.1.0/24)
// and node-2 (192.168.56.12, 10.244.2.0/24) with pod 10.244.2.5 behind a veth. node-1 holds the three
// entries flanneld programs for node-2: neighbour, FDB and onlink route.
import type { NetDevice } from '../../model/netns';
import { ipv4 } from '../../net/ipv4';
import { labWorld, netns, route, vethPair } from './lab';

export const VTEP_1 = '0e:00:00:00:01:01';
export const VTEP_2 = '0e:00:00:00:02:02';

function vxlanDevice(mac: string, podNet: string, local: string): NetDevice {
  return {
    name: 'flannel.1',
    ifindex: 3,
    kind: 'vxlan',
    mac,
    mtu: 1450,
    addresses: [{ ip: ipv4(podNet), prefix: 32, scope: 'global' }],
    vxlan: { vni: 1, local: ipv4(local), dev: 'eth0', dstport: 8472, learning: false },
  };
}

export function vxlanPair() {
  const world = labWorld();
  const n1 = netns('node-1', { kind: 'node', node: 'node-1', ipForward: true });
  const n2 = netns('node-2', { kind: 'node', node: 'node-2', ipForward: true });
  const pod = netns('pod', { node: 'node-2' });
  vethPair(n1, 'eth0', '192.168.56.11/24', n2, 'eth0', '192.168.56.12/24');
  n1.devices.push(vxlanDevice(VTEP_1, '10.244.1.0', '192.168.56.11'));
  n2.devices.push(vxlanDevice(VTEP_2, '10.244.2.0', '192.168.56.12'));
  n1.routes.push({
    ...route('10.244.2.0/24', 'flannel.1', { via: '10.244.2.0', proto: 'boot' }),
    onlink: true,
  });
  n1.neighbours = [{ ip: ipv4('10.244.2.0'), dev: 'flannel.1', mac: VTEP_2, state: 'PERMANENT' }];
  n1.fdb = [{ mac: VTEP_2, dev: 'flannel.1', dst: ipv4('192.168.56.12'), self: true, permanent: true }];
  vethPair(pod, 'eth0', '10.244.2.5/24', n2, 'veth-p', '10.244.2.1/24');
  pod.routes.push(route('0.0.0.0/0', 'eth0', { via: '10.244.2.1' }));
  world.add(n1, n2, pod);
  world.listen('pod', 'tcp', 80);
  return { world, n1, n2, pod };
}
