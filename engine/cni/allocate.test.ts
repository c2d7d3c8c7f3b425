import { describe, expect, it } from 'vitest';
import { formatIpv4 } from '../net/ipv4';
import { fixtureNode, fixturePod, fixtureScenario } from '../topology/test-fixture';
import { allocatePodAddresses, hostLocalForNode } from './allocate';
import { sandboxContainerId } from '../model/ids';

const twoNodes = [
  fixtureNode('node1', '10.244.1.0/24', '192.168.56.102'),
  fixtureNode('node2', '10.244.2.0/24', '192.168.56.103'),
];
const ips = (m: ReadonlyMap<string, number>): Record<string, string> =>
  Object.fromEntries([...m].map(([k, v]) => [k, formatIpv4(v)]));

describe('allocatePodAddresses', () => {
  it('runs host-local per node over its podCIDR, pods in document order, starting at .2', () => {
    const s = fixtureScenario({
      nodes: twoNodes,
      pods: [fixturePod('a', 'p1', 'node1'), fixturePod('a', 'p2', 'node2'), fixturePod('a', 'p3', 'node1')],
    });
    const { podIPs, diagnostics } = allocatePodAddresses(s);
    expect(ips(podIPs)).toEqual({ 'a/p1': '10.244.1.2', 'a/p2': '10.244.2.2', 'a/p3': '10.244.1.3' });
    expect(diagnostics).toEqual([]);
  });

  it("gives hostNetwork pods the node's InternalIP without consuming a pod address", () => {
    const s = fixtureScenario({
      nodes: twoNodes,
      pods: [
        fixturePod('kube-system', 'proxy', 'node1', { hostNetwork: true }),
        fixturePod('a', 'p', 'node1'),
      ],
    });
    expect(ips(allocatePodAddresses(s).podIPs)).toEqual({
      'kube-system/proxy': '192.168.56.102',
      'a/p': '10.244.1.2',
    });
  });

  it('honours status.podIP, and the round-robin continues after it', () => {
    const s = fixtureScenario({
      nodes: twoNodes,
      pods: [
        fixturePod('a', 'fixed', 'node1', { requestedIP: '10.244.1.77' }),
        fixturePod('a', 'next', 'node1'),
      ],
    });
    expect(ips(allocatePodAddresses(s).podIPs)).toEqual({
      'a/fixed': '10.244.1.77',
      'a/next': '10.244.1.78',
    });
  });

  it('reports a status.podIP outside the node podCIDR or already taken as the sandbox failure, and leaves the pod without an IP', () => {
    const s = fixtureScenario({
      nodes: twoNodes,
      pods: [
        fixturePod('a', 'first', 'node1'),
        fixturePod('a', 'clash', 'node1', { requestedIP: '10.244.1.2', line: 12 }),
        fixturePod('a', 'elsewhere', 'node1', { requestedIP: '10.244.2.9', line: 30 }),
      ],
    });
    const { podIPs, diagnostics } = allocatePodAddresses(s, 'cluster.yaml');
    expect([...podIPs.keys()]).toEqual(['a/first']);
    expect(diagnostics.map((d) => [d.severity, d.file, d.line, d.field])).toEqual([
      ['error', 'cluster.yaml', 12, 'status.podIP'],
      ['error', 'cluster.yaml', 30, 'status.podIP'],
    ]);
    expect(diagnostics[0]!.message).toContain(
      'plugin type="flannel" failed (add): failed to allocate for range 0: requested IP address 10.244.1.2 is not available in range set 10.244.1.1-10.244.1.254',
    );
    expect(diagnostics[1]!.message).toContain('failed to allocate all requested IPs: 10.244.2.9');
  });

  it('turns exhaustion into a FailedCreatePodSandBox diagnostic carrying host-local’s message, not an exception', () => {
    const nodes = [fixtureNode('tiny', '10.244.7.0/29', '192.168.56.110')]; // .2-.6: five pods
    const pods = Array.from({ length: 6 }, (_, i) => fixturePod('a', `p${i}`, 'tiny', { line: i + 1 }));
    const { podIPs, diagnostics } = allocatePodAddresses(fixtureScenario({ nodes, pods }));
    expect(podIPs.size).toBe(5);
    expect(podIPs.has('a/p5')).toBe(false);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toBe(
      'pod a/p5: FailedCreatePodSandBox: Failed to create pod sandbox: rpc error: code = Unknown desc = ' +
        `failed to setup network for sandbox "${sandboxContainerId('a', 'p5')}": plugin type="flannel" failed (add): ` +
        'failed to allocate for range 0: no IP addresses available in range set: 10.244.7.1-10.244.7.6',
    );
    expect(diagnostics[0]!.line).toBe(6);
  });

  it('keeps one node’s host-local data dir under the stand-in container IDs', () => {
    const s = fixtureScenario({ nodes: twoNodes, pods: [fixturePod('default', 'web', 'node1')] });
    const dir = hostLocalForNode(s, 'node1')!.dataDirView();
    expect(dir.get('/var/lib/cni/networks/cbr0/10.244.1.2')).toBe(
      `${sandboxContainerId('default', 'web')}\r\neth0`,
    );
    expect(dir.get('/var/lib/cni/networks/cbr0/last_reserved_ip.0')).toBe('10.244.1.2');
  });

  it('allocates 150,000 pods over 5,000 nodes (speed is measured by npm run bench)', () => {
    const nodes = Array.from({ length: 5000 }, (_, i) =>
      fixtureNode(
        `n${i}`,
        `10.${Math.floor(i / 256)}.${i % 256}.0/24`,
        `172.16.${Math.floor(i / 250)}.${(i % 250) + 2}`,
      ),
    );
    const pods = Array.from({ length: 150_000 }, (_, i) => fixturePod('load', `p${i}`, `n${i % 5000}`));
    const s = fixtureScenario({ nodes, pods });
    const { podIPs, diagnostics } = allocatePodAddresses(s);
    expect(podIPs.size).toBe(150_000);
    expect(diagnostics).toEqual([]);
    expect(formatIpv4(podIPs.get('load/p149999')!)).toBe('10.19.135.31');
    // Correctness at scale, not speed: a loaded CI machine must not fail it on vitest's 5 s default.
  }, 60_000);
});
