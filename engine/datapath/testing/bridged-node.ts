// A node whose bridge br0 (10.0.3.1/24) joins pods a (10.0.3.2) and b (10.0.3.3), with br_netfilter on
// and a server (10.0.2.2) behind eth0: the shape of a flannel node, small enough to read in a test.
import { Ruleset } from '../../netfilter/ruleset';
import { makeRule } from '../../netfilter/rule';
import { ipv4 } from '../../net/ipv4';
import { labWorld, netns, route, vethPair } from './lab';

export function bridgedNode(options: { ipForward?: boolean; natPrerouting?: readonly string[][] } = {}) {
  const world = labWorld();
  const node = netns('node', {
    kind: 'node',
    node: 'node',
    ipForward: options.ipForward ?? true,
    bridgeNfCallIptables: true,
  });
  const a = netns('pod-a', { node: 'node' });
  const b = netns('pod-b', { node: 'node' });
  const server = netns('server');
  node.devices.push({
    name: 'br0',
    ifindex: 10,
    kind: 'bridge',
    mac: '0a:00:00:00:00:01',
    mtu: 1500,
    addresses: [{ ip: ipv4('10.0.3.1'), prefix: 24, scope: 'global' }],
  });
  node.routes.push(route('10.0.3.0/24', 'br0', { scope: 'link', proto: 'kernel' }));
  vethPair(a, 'eth0', '10.0.3.2/24', node, 'veth-a', null, { bMaster: 'br0', hairpin: true });
  vethPair(b, 'eth0', '10.0.3.3/24', node, 'veth-b', null, { bMaster: 'br0', hairpin: true });
  vethPair(server, 'eth0', '10.0.2.2/24', node, 'eth0', '10.0.2.1/24');
  a.routes.push(route('0.0.0.0/0', 'eth0', { via: '10.0.3.1' }));
  b.routes.push(route('0.0.0.0/0', 'eth0', { via: '10.0.3.1' }));
  server.routes.push(route('0.0.0.0/0', 'eth0', { via: '10.0.2.1' }));
  const ruleset = new Ruleset();
  for (const t of ['raw', 'mangle', 'nat', 'filter'] as const) ruleset.ensureTable(t);
  for (const args of options.natPrerouting ?? []) ruleset.append(makeRule('nat', 'PREROUTING', args));
  node.ruleset = ruleset;
  world.add(node, a, b, server);
  world.listen('pod-b', 'tcp', 80);
  world.listen('server', 'tcp', 80);
  return { world, node, a, b, server };
}

/** `-d DST/32 -p tcp -m tcp --dport PORT -j DNAT --to-destination TO` */
export function dnatRule(dst: string, port: number, to: string): string[] {
  return [
    '-d',
    `${dst}/32`,
    '-p',
    'tcp',
    '-m',
    'tcp',
    '--dport',
    String(port),
    '-j',
    'DNAT',
    '--to-destination',
    to,
  ];
}
