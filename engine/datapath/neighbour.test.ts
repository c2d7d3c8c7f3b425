// Neighbour resolution: a neighbour table entry wins; otherwise ARP asks the segment behind the device.
import { describe, expect, it } from 'vitest';
import { ipv4 } from '../net/ipv4';
import { resolveNeighbour } from './neighbour';
import { bridgedNode } from './testing/bridged-node';
import { twoSubnets } from './testing/lab';

describe('neighbour resolution', () => {
  it('uses a neighbour table entry when there is one', () => {
    const { world, client } = twoSubnets();
    client.neighbours = [{ ip: ipv4('10.0.1.1'), dev: 'eth0', mac: '02:aa:aa:aa:aa:aa', state: 'PERMANENT' }];
    expect(resolveNeighbour(world, client, client.devices[0]!, ipv4('10.0.1.1'))).toEqual({
      mac: '02:aa:aa:aa:aa:aa',
      state: 'PERMANENT',
      how: 'permanent neighbour entry',
    });
  });

  it('gets an ARP reply from the veth peer that owns the address', () => {
    const { world, client, router } = twoSubnets();
    const peer = router.devices.find((d) => d.name === 'veth-c')!;
    expect(resolveNeighbour(world, client, client.devices[0]!, ipv4('10.0.1.1'))).toEqual({
      mac: peer.mac,
      state: 'REACHABLE',
      how: 'ARP reply from router',
    });
  });

  it('asks every far end of a bridge, and the bridge itself', () => {
    const { world, node, a } = bridgedNode();
    const br0 = node.devices.find((d) => d.name === 'br0')!;
    expect(resolveNeighbour(world, node, br0, ipv4('10.0.3.3'))?.how).toBe('ARP reply from pod-b');
    expect(resolveNeighbour(world, a, a.devices[0]!, ipv4('10.0.3.1'))?.mac).toBe(br0.mac);
    expect(resolveNeighbour(world, a, a.devices[0]!, ipv4('10.0.3.3'))?.how).toBe('ARP reply from pod-b');
  });

  it('fails when nobody owns the address', () => {
    const { world, client } = twoSubnets();
    expect(resolveNeighbour(world, client, client.devices[0]!, ipv4('10.0.1.77'))).toBeNull();
  });
});
