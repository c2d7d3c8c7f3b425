// The CNI ADD and DEL of a pod as a process: the steps in the order the runtime, flannel, bridge and
// host-local act, with what each one writes.
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../cluster/cluster';
import { runCli } from '../cli/main';

const yaml = `apiVersion: v1
kind: Node
metadata: {name: node-1}
spec: {podCIDR: 10.244.1.0/24}
status: {addresses: [{type: InternalIP, address: 192.168.56.11}]}
---
apiVersion: v1
kind: Pod
metadata: {name: first, namespace: default}
spec: {nodeName: node-1, containers: [{name: c}]}
---
apiVersion: v1
kind: Pod
metadata: {name: second, namespace: default}
spec: {nodeName: node-1, containers: [{name: c}]}
`;

function cluster() {
  const { cluster, diagnostics } = loadCluster(yaml);
  if (!cluster) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return cluster;
}

describe('CNI ADD as a process', () => {
  it('runs netns → subnet.env → delegate → cni0 → veth → attach → host-local → address → routes → gateway → result', () => {
    const p = cluster().cniProcess('default/first');
    expect(p.steps.map((s) => `${s.plugin}:${s.kind}`)).toEqual([
      'runtime:netns',
      'runtime:exec',
      'flannel:subnet-env',
      'flannel:delegate',
      'bridge:bridge',
      'bridge:veth',
      'bridge:attach',
      'host-local:ipam',
      'bridge:address',
      'bridge:routes',
      'bridge:gateway',
      'bridge:result',
    ]);
  });

  it('creates cni0 for the first sandbox on the node and gives it the gateway address', () => {
    const p = cluster().cniProcess('default/first');
    const bridge = p.steps.find((s) => s.kind === 'bridge')!;
    expect(bridge.commands).toEqual(['ip link add cni0 mtu 1450 type bridge', 'ip link set cni0 up']);
    expect(p.steps.find((s) => s.kind === 'gateway')!.commands[0]).toBe('ip addr add 10.244.1.1/24 dev cni0');
    expect(p.steps.find((s) => s.kind === 'subnet-env')!.files[0]!.content).toContain(
      'FLANNEL_SUBNET=10.244.1.1/24\n',
    );
  });

  it('finds cni0 for a later sandbox, and host-local goes on from last_reserved_ip.0', () => {
    const c = cluster();
    const p = c.cniProcess('default/second');
    expect(p.steps.find((s) => s.kind === 'bridge')!.commands).toEqual(['ip link show cni0']);
    const ipam = p.steps.find((s) => s.kind === 'ipam')!;
    expect(ipam.files).toEqual([
      { path: '/var/lib/cni/networks/cbr0/last_reserved_ip.0', op: 'read', content: '10.244.1.2' },
      {
        path: '/var/lib/cni/networks/cbr0/10.244.1.3',
        op: 'write',
        content: `${p.containerId}\r\neth0`,
      },
      { path: '/var/lib/cni/networks/cbr0/last_reserved_ip.0', op: 'write', content: '10.244.1.3' },
    ]);
    const veth = p.steps.find((s) => s.kind === 'veth')!;
    const host = JSON.parse(c.cniResult('default/second')) as { interfaces: { name: string }[] };
    expect(veth.devices).toEqual(['eth0', host.interfaces[1]!.name]);
    expect(
      p.steps.find((s) => s.kind === 'routes')!.commands.map((c) => c.replace(/^ip -n \S+ /, '')),
    ).toEqual([
      'route add 10.244.0.0/16 via 10.244.1.1 dev eth0',
      'route add default via 10.244.1.1 dev eth0',
    ]);
  });

  it('DEL runs in reverse, releases the address file first and never deletes cni0', () => {
    const p = cluster().cniProcess('default/second', 'DEL');
    expect(p.steps.map((s) => s.kind)).toEqual([
      'exec',
      'delegate',
      'release',
      'veth-delete',
      'delegate',
      'netns-delete',
    ]);
    expect(p.steps[2]!.files).toEqual([{ path: '/var/lib/cni/networks/cbr0/10.244.1.3', op: 'delete' }]);
    expect(p.steps.flatMap((s) => s.commands).some((c) => /link del cni0/.test(c))).toBe(false);
  });

  it('refuses a pod CNI never ran for', () => {
    expect(() => cluster().cniProcess('default/nope')).toThrow(/no pod default\/nope/);
  });
});

describe('podpath cni --steps', () => {
  const file = new URL('../../scenarios/default.yaml', import.meta.url).pathname;
  async function run(...argv: string[]) {
    let out = '';
    const code = await runCli(['cni', file, '--pod', 'default/client', ...argv], {
      out: (t) => (out += t),
      err: () => {},
    });
    return { code, out };
  }

  it('prints netns → veth → cni0 → host-local → routes in order, then the result', async () => {
    const { code, out } = await run('--steps');
    expect(code).toBe(0);
    const at = (re: RegExp) => out.search(re);
    const order = [
      /ip netns add cni-/,
      /type veth peer name veth/,
      /master cni0/,
      /last_reserved_ip\.0/,
      /route add default/,
    ];
    const positions = order.map(at);
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(out.indexOf('"cniVersion": "0.3.1"')).toBeGreaterThan(positions[4]!);
  });

  it('--json carries the steps and the result', async () => {
    const { out } = await run('--json');
    const j = JSON.parse(out) as { command: string; steps: { kind: string }[]; result: { ips: unknown[] } };
    expect(j.command).toBe('ADD');
    expect(j.steps.map((s) => s.kind)).toContain('ipam');
    expect(j.result.ips).toHaveLength(1);
  });

  it('--del prints the DEL steps', async () => {
    const { out } = await run('--del');
    expect(out).toMatch(/^CNI DEL of pod default\/client/);
    expect(out).toMatch(/delete \/var\/lib\/cni\/networks\/cbr0\/10\.244\.\d+\.\d+/);
  });
});
