import { describe, expect, it } from 'vitest';
import { formatCidr, formatIpv4 } from '../net/ipv4';
import { fixtureNode, fixtureScenario } from '../topology/test-fixture';
import { flannelIptablesRules } from './flannel-iptables';
import { hostGwRoutes } from './host-gw/backend';
import { renderSubnetEnv, subnetEnvFor } from './subnet-env';
import { flannelVxlanDevice, vtepMac, vxlanBackendData, vxlanPeerEntries } from './vxlan/device';

const nodes = [
  fixtureNode('node1', '10.244.1.0/24', '192.168.56.102'),
  fixtureNode('node2', '10.244.2.0/24', '192.168.56.103'),
  fixtureNode('node3', '10.244.3.0/24', '192.168.56.104'),
];
const vxlan = fixtureScenario({ nodes });

describe('subnet.env', () => {
  it('writes the network, the subnet with IP+1, MTU after the 50-byte VXLAN overhead, and ipmasq', () => {
    expect(renderSubnetEnv(subnetEnvFor(vxlan, nodes[0]!))).toBe(
      'FLANNEL_NETWORK=10.244.0.0/16\nFLANNEL_SUBNET=10.244.1.1/24\nFLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n',
    );
  });
  it('keeps the NIC MTU for host-gw and takes 28 for udp', () => {
    expect(subnetEnvFor(fixtureScenario({ nodes, flannel: { backend: 'host-gw' } }), nodes[0]!).mtu).toBe(
      1500,
    );
    expect(subnetEnvFor(fixtureScenario({ nodes, flannel: { backend: 'udp' } }), nodes[0]!).mtu).toBe(1472);
  });
});

describe('flannel VXLAN backend', () => {
  it('creates flannel.1 with the podCIDR .0/32, MTU NIC−50, the node IP as local and the kernel port 8472', () => {
    const dev = flannelVxlanDevice(vxlan, nodes[0]!, 3);
    expect(dev.name).toBe('flannel.1');
    expect(dev.mtu).toBe(1450);
    expect(dev.addresses.map((a) => `${formatIpv4(a.ip)}/${a.prefix}`)).toEqual(['10.244.1.0/32']);
    expect(dev.vxlan).toEqual({
      vni: 1,
      local: nodes[0]!.internalIP,
      dev: 'eth0',
      dstport: 8472,
      learning: false,
    });
    expect(
      flannelVxlanDevice(fixtureScenario({ nodes, flannel: { port: 4789, vni: 4096 } }), nodes[0]!, 3).vxlan
        ?.dstport,
    ).toBe(4789);
  });

  it('programs one neighbour, one self FDB entry and one onlink route per remote node', () => {
    const e = vxlanPeerEntries(vxlan, nodes[0]!);
    expect(e.neighbours.map((n) => `${formatIpv4(n.ip)} ${n.mac} ${n.state}`)).toEqual([
      `10.244.2.0 ${vtepMac('node2', 1)} PERMANENT`,
      `10.244.3.0 ${vtepMac('node3', 1)} PERMANENT`,
    ]);
    expect(e.fdb.map((f) => `${f.mac} ${formatIpv4(f.dst!)} ${f.self} ${f.permanent}`)).toEqual([
      `${vtepMac('node2', 1)} 192.168.56.103 true true`,
      `${vtepMac('node3', 1)} 192.168.56.104 true true`,
    ]);
    expect(
      e.routes.map(
        (r) => `${formatCidr(r.dst)} via ${formatIpv4(r.gateway!)} dev ${r.dev} onlink=${r.onlink}`,
      ),
    ).toEqual([
      '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink=true',
      '10.244.3.0/24 via 10.244.3.0 dev flannel.1 onlink=true',
    ]);
  });

  it('publishes VNI and VtepMAC in the backend-data annotation with Go field names', () => {
    expect(vxlanBackendData(vxlan, nodes[1]!)).toBe(`{"VNI":1,"VtepMAC":"${vtepMac('node2', 1)}"}`);
  });
});

describe('flannel host-gw backend', () => {
  it('routes each remote podCIDR via that node’s IP on eth0', () => {
    const routes = hostGwRoutes(fixtureScenario({ nodes, flannel: { backend: 'host-gw' } }), nodes[1]!);
    expect(routes.map((r) => `${formatCidr(r.dst)} via ${formatIpv4(r.gateway!)} dev ${r.dev}`)).toEqual([
      '10.244.1.0/24 via 192.168.56.102 dev eth0',
      '10.244.3.0/24 via 192.168.56.104 dev eth0',
    ]);
  });
});

describe('flanneld iptables rules', () => {
  it('are, word for word, what iptables-save printed back in the kernel lab', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const saved = readFileSync(join(__dirname, '../inspect/testdata/iptables-save-flannel.txt'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('-A '));
    const ours = flannelIptablesRules(vxlan, nodes[0]!).map((r) => `-A ${r.chain} ${r.args.join(' ')}`);
    expect(ours).toEqual(saved);
  });

  it('parse into the matches the datapath evaluates', () => {
    const [jump, markReturn] = flannelIptablesRules(vxlan, nodes[0]!);
    expect(jump!.spec.target).toEqual({ kind: 'jump', chain: 'FLANNEL-POSTRTG' });
    expect(jump!.spec.modules).toEqual([{ module: 'comment', text: 'flanneld masq' }]);
    expect(markReturn!.spec.modules[0]).toEqual({
      module: 'mark',
      value: 0x4000,
      mask: 0x4000,
      negated: false,
    });
  });

  it('leave out the masquerade chain without --ip-masq', () => {
    const rules = flannelIptablesRules(fixtureScenario({ nodes, flannel: { ipMasq: false } }), nodes[0]!);
    expect(rules.map((r) => `${r.table} ${r.chain}`)).toEqual([
      'filter FORWARD',
      'filter FLANNEL-FWD',
      'filter FLANNEL-FWD',
    ]);
  });
});
