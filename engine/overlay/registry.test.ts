// The backend registry is the one list: net-conf.json's accepted types, subnet.env's MTU, the node's
// devices and interface numbering, and the diagram's user-space processes all come from it.
import { describe, expect, it } from 'vitest';
import { fixtureNode, fixtureScenario } from '../topology/test-fixture';
import { firstVethIfindex } from '../topology/node-netns';
import { FLANNEL_BACKENDS, isFlannelBackend } from './registry';
import { flannelMtu } from './subnet-env';

const nodes = [
  fixtureNode('node1', '10.244.1.0/24', '192.168.56.102'),
  fixtureNode('node2', '10.244.2.0/24', '192.168.56.103'),
];

describe('flannel backends', () => {
  it('charge their encapsulation against the NIC MTU: VXLAN 50, UDP 28, IPIP 20, host-gw nothing', () => {
    const mtu = (backend: 'vxlan' | 'udp' | 'ipip' | 'host-gw') =>
      flannelMtu(fixtureScenario({ nodes, flannel: { backend } }), nodes[0]!);
    expect([mtu('vxlan'), mtu('udp'), mtu('ipip'), mtu('host-gw')]).toEqual([1450, 1472, 1480, 1500]);
  });

  it('create the devices they declare, numbered after lo and eth0', () => {
    for (const backend of Object.values(FLANNEL_BACKENDS)) {
      const scenario = fixtureScenario({ nodes, flannel: { backend: backend.type } });
      const entries = backend.nodeEntries(scenario, nodes[0]!, 3);
      expect(entries.devices.map((d) => d.ifindex)).toEqual(
        Array.from({ length: backend.deviceCount }, (_, i) => 3 + i),
      );
      expect(firstVethIfindex(scenario)).toBe(3 + backend.deviceCount + 1);
    }
  });

  it('name the user-space processes packets pass through: flanneld for udp only', () => {
    const processes = (backend: 'vxlan' | 'udp' | 'ipip' | 'host-gw', port = 0) =>
      FLANNEL_BACKENDS[backend].processes(fixtureScenario({ nodes, flannel: { backend, port } }));
    expect(processes('vxlan')).toEqual([]);
    expect(processes('host-gw')).toEqual([]);
    expect(processes('ipip')).toEqual([]);
    expect(processes('udp')).toEqual([
      { name: 'flanneld', role: 'udp backend: flannel0 ↔ UDP', listens: ['udp/8285'] },
    ]);
    expect(processes('udp', 9000)[0]!.listens).toEqual(['udp/9000']);
  });

  it('are the only Backend.Type values net-conf.json accepts', () => {
    expect(['vxlan', 'host-gw', 'udp', 'ipip'].every(isFlannelBackend)).toBe(true);
    expect(isFlannelBackend('wireguard')).toBe(false);
    expect(isFlannelBackend('toString')).toBe(false);
  });
});
