import { describe, expect, it } from 'vitest';
import { deterministicMac, hostVethName, podNetnsPath, sandboxContainerId } from '../model/ids';

describe('stand-ins for the runtime’s random values', () => {
  it('keeps each real shape', () => {
    expect(sandboxContainerId('default', 'web')).toMatch(/^[0-9a-f]{64}$/);
    expect(podNetnsPath('default', 'web')).toMatch(
      /^\/var\/run\/netns\/cni-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(hostVethName(sandboxContainerId('default', 'web'), 'eth0')).toMatch(/^veth[0-9a-f]{8}$/);
  });

  it('is stable across runs (these values are in committed golden files)', () => {
    expect(podNetnsPath('default', 'web')).toBe('/var/run/netns/cni-c02fff62-c7af-7bc4-6fcd-6ecfc92e2573');
    expect(hostVethName(sandboxContainerId('default', 'web'), 'eth0')).toBe('veth19dbac18');
  });

  it('makes locally administered unicast MACs, like eth_random_addr', () => {
    for (const ifname of ['eth0', 'cni0', 'flannel.1', 'veth0', 'x']) {
      const mac = deterministicMac('node/node1', ifname);
      expect(mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
      const first = parseInt(mac.slice(0, 2), 16);
      expect(first & 1).toBe(0);
      expect(first & 2).toBe(2);
    }
    expect(deterministicMac('node/node1', 'eth0')).not.toBe(deterministicMac('node/node2', 'eth0'));
  });
});
