import { describe, expect, it } from 'vitest';
import { allocatePodAddresses } from '../cni/allocate';
import { podNetnsPath } from '../model/ids';
import { ipv4 } from '../net/ipv4';
import { renderIpAddr } from '../inspect/ip-addr';
import { renderIpRoute } from '../inspect/ip-route';
import { buildNodeNetns } from './node-netns';
import { buildPodNetns } from './pod-netns';
import { fixtureLoadBalancer, fixtureNode, fixturePod, fixtureScenario, labScenario } from './test-fixture';
import { buildExternalNetns, buildUnderlayNetns } from './underlay-netns';

describe('node namespace', () => {
  const s = labScenario();
  const alloc = allocatePodAddresses(s);
  const node1 = buildNodeNetns(s, alloc, 'node1');

  it('has lo, eth0, flannel.1, cni0 and one veth per pod, numbered in boot order', () => {
    expect(node1.devices.map((d) => `${d.ifindex}:${d.name}:${d.kind}`)).toEqual([
      '1:lo:loopback',
      '2:eth0:veth',
      '3:flannel.1:vxlan',
      '4:cni0:bridge',
      '5:veth19dbac18:veth',
    ]);
    const veth = node1.devices[4]!;
    expect(veth.master).toBe('cni0');
    expect(veth.hairpin).toBe(true);
    expect(veth.peer).toEqual({ netns: 'pod/default/web', ifname: 'eth0', ifindex: 2 });
    expect(node1.devices[1]!.peer).toEqual({ netns: 'underlay', ifname: 'n0', ifindex: 3 });
    expect(node1).toMatchObject({ ipForward: true, bridgeNfCallIptables: true, ruleset: null });
  });

  it('shows, in a real node’s words, that cni0 is created at the first pod ADD', () => {
    const lonely = fixtureScenario({ nodes: [fixtureNode('n', '10.244.5.0/24', '192.168.56.50')] });
    expect(buildNodeNetns(lonely, allocatePodAddresses(lonely), 'n').devices.map((d) => d.name)).toEqual([
      'lo',
      'eth0',
      'flannel.1',
    ]);
  });

  it('uses host-gw routes and no overlay device on host-gw', () => {
    const hg = fixtureScenario({
      nodes: [
        fixtureNode('a', '10.244.1.0/24', '192.168.56.2'),
        fixtureNode('b', '10.244.2.0/24', '192.168.56.3'),
      ],
      pods: [fixturePod('x', 'p', 'a')],
      flannel: { backend: 'host-gw' },
    });
    const ns = buildNodeNetns(hg, allocatePodAddresses(hg), 'a');
    expect(ns.devices.map((d) => `${d.ifindex}:${d.name}`)).toEqual([
      '1:lo',
      '2:eth0',
      '3:cni0',
      expect.stringMatching(/^4:veth[0-9a-f]{8}$/),
    ]);
    expect(renderIpRoute(ns)).toBe(
      'default via 192.168.56.1 dev eth0 \n' +
        '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1 \n' +
        '10.244.2.0/24 via 192.168.56.3 dev eth0 \n' +
        '192.168.56.0/24 dev eth0 proto kernel scope link src 192.168.56.2 \n',
    );
  });

  it('builds one node of a 5,000-node cluster (4,999 overlay routes) without building the others', () => {
    const nodes = Array.from({ length: 5000 }, (_, i) =>
      fixtureNode(
        `n${i}`,
        `10.${Math.floor(i / 256)}.${i % 256}.0/24`,
        `172.16.${Math.floor(i / 250)}.${(i % 250) + 2}`,
      ),
    );
    const big = fixtureScenario({ nodes, pods: [fixturePod('a', 'p', 'n42')] });
    const alloc = allocatePodAddresses(big);
    buildNodeNetns(big, alloc, 'n0'); // warm the per-scenario index
    const ns = buildNodeNetns(big, alloc, 'n42');
    expect(ns.routes.filter((r) => r.dev === 'flannel.1')).toHaveLength(4999);
    expect(ns.neighbours).toHaveLength(4999);
  });
});

describe('pod namespace', () => {
  const s = labScenario();
  const alloc = allocatePodAddresses(s);

  it('has the §4.9 pod view: default and the flannel network via .1, plus the kernel link route', () => {
    const pod = buildPodNetns(s, alloc, 'default/web');
    expect(pod.path).toBe(podNetnsPath('default', 'web'));
    expect(renderIpRoute(pod)).toBe(
      'default via 10.244.1.1 dev eth0 \n' +
        '10.244.0.0/16 via 10.244.1.1 dev eth0 \n' +
        '10.244.1.0/24 dev eth0 proto kernel scope link src 10.244.1.2 \n',
    );
  });

  it('prints `link-netnsid 0` for the node side by default, as kubectl exec shows it', () => {
    expect(renderIpAddr(buildPodNetns(s, alloc, 'default/web'))).toContain(
      '2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP group default qlen 1000\n' +
        '    link/ether 9a:97:bb:7d:54:28 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n' +
        '    inet 10.244.1.2/24 brd 10.244.1.255 scope global eth0\n',
    );
  });

  it('is the node’s own namespace for a hostNetwork pod', () => {
    const hn = fixtureScenario({
      nodes: [fixtureNode('n', '10.244.5.0/24', '192.168.56.50')],
      pods: [fixturePod('k', 'h', 'n', { hostNetwork: true })],
    });
    expect(buildPodNetns(hn, allocatePodAddresses(hn), 'k/h').id).toBe('node/n');
  });
});

describe('underlay and external clients', () => {
  const s = fixtureScenario({
    nodes: [
      fixtureNode('node1', '10.244.1.0/24', '192.168.56.102'),
      fixtureNode('node2', '10.244.2.0/24', '192.168.56.103'),
    ],
    services: [fixtureLoadBalancer('shop', 'web', ['192.168.56.240'], ['198.51.100.7'])],
  });
  const clients = [ipv4('203.0.113.10'), ipv4('203.0.113.1')];

  it('bridges every node NIC, routes each client and each LB/external IP via the first node', () => {
    const ul = buildUnderlayNetns(s, clients);
    expect(ul.devices.map((d) => `${d.ifindex}:${d.name}`)).toEqual([
      '1:lo',
      '2:br0',
      '3:n0',
      '4:n1',
      '5:x0',
      '6:x1',
    ]);
    expect(renderIpRoute(ul)).toBe(
      '192.168.56.0/24 dev br0 proto kernel scope link src 192.168.56.1 \n' +
        '192.168.56.240 via 192.168.56.102 dev br0 \n' +
        '198.51.100.7 via 192.168.56.102 dev br0 \n' +
        '203.0.113.1 dev x1 scope link \n' +
        '203.0.113.10 dev x0 scope link \n',
    );
  });

  it('gives a client eth0 ip/24 and a default route via .1, or .254 when the client is .1', () => {
    expect(renderIpRoute(buildExternalNetns(s, clients[0]!, clients))).toBe(
      'default via 203.0.113.1 dev eth0 \n203.0.113.0/24 dev eth0 proto kernel scope link src 203.0.113.10 \n',
    );
    const dotOne = buildExternalNetns(s, clients[1]!, clients);
    expect(renderIpRoute(dotOne)).toContain('default via 203.0.113.254 dev eth0 ');
    expect(dotOne.devices[1]!.peer).toEqual({ netns: 'underlay', ifname: 'x1', ifindex: 6 });
  });
});

describe('a client on the nodes’ LAN', () => {
  const s = fixtureScenario({
    nodes: [
      fixtureNode('node1', '10.244.1.0/24', '192.168.56.102'),
      fixtureNode('node2', '10.244.2.0/24', '192.168.56.103'),
    ],
  });
  const lan = ipv4('192.168.56.200');
  const clients = [ipv4('203.0.113.10'), lan];

  it('is a port of the nodes’ switch, with no address or route of the router’s', () => {
    const ul = buildUnderlayNetns(s, clients);
    const port = ul.devices.find((d) => d.name === 'x1')!;
    expect(port).toMatchObject({ master: 'br0', addresses: [] });
    expect(renderIpRoute(ul)).not.toContain('192.168.56.200');
    // The routed client keeps its own port and host route.
    expect(ul.devices.find((d) => d.name === 'x0')!.master).toBeUndefined();
    expect(renderIpRoute(ul)).toContain('203.0.113.10 dev x0 scope link');
  });

  it('has the underlay prefix on eth0 and the underlay gateway as its default route', () => {
    const ns = buildExternalNetns(s, lan, clients);
    expect(renderIpRoute(ns)).toBe(
      'default via 192.168.56.1 dev eth0 \n192.168.56.0/24 dev eth0 proto kernel scope link src 192.168.56.200 \n',
    );
    expect(ns.devices[1]!.peer).toEqual({ netns: 'underlay', ifname: 'x1', ifindex: 6 });
  });
});
