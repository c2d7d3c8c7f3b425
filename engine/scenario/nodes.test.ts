import { describe, expect, it } from 'vitest';
import { formatCidr, formatIpv4 } from '../net/ipv4';
import { errorsOf, renderedErrors, scenarioOf } from './test-helpers';

const node = (name: string, extra = ''): string =>
  `---\napiVersion: v1\nkind: Node\nmetadata:\n  name: ${name}\n${extra}`;

describe('node podCIDRs', () => {
  it('hands out consecutive /24s of the podSubnet in document order, skipping given ones', () => {
    const s = scenarioOf(node('a') + node('b', 'spec: {podCIDR: 10.244.1.0/24}\n') + node('c'));
    expect(s.nodes.map((n) => formatCidr(n.podCIDR))).toEqual([
      '10.244.0.0/24',
      '10.244.1.0/24',
      '10.244.2.0/24',
    ]);
  });

  it('uses flannel’s own message when a podCIDR is outside its network', () => {
    expect(renderedErrors(node('worker1', 'spec:\n  podCIDR: 192.168.1.0/24\n'))).toEqual([
      'test.yaml:7:12: error: subnet "10.244.0.0/16" specified in the flannel net config doesn\'t contain "192.168.1.0/24" PodCIDR of the "worker1" node (document 1, field spec.podCIDR)',
    ]);
  });

  it('refuses two nodes with one podCIDR', () => {
    const spec = 'spec: {podCIDR: 10.244.5.0/24}\n';
    expect(errorsOf(node('a', spec) + node('b', spec))[0]!.message).toBe(
      'podCIDR "10.244.5.0/24" is already the podCIDR of node "a" (10.244.5.0/24)',
    );
  });

  it('says when the podSubnet runs out of /24s', () => {
    const cc =
      'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking: {podSubnet: 10.244.0.0/24}\n';
    const errors = errorsOf(cc + node('a') + node('b') + node('c'));
    expect(errors).toHaveLength(1); // once, not once per node
    expect(errors[0]!.message).toMatch(/^no podCIDR left for node "b" \(nor for 1 more\)/);
  });
});

describe('node addresses', () => {
  it('reads InternalIP, zone and the NIC MTU annotation', () => {
    const s = scenarioOf(
      node(
        'a',
        '  labels: {topology.kubernetes.io/zone: zone-a}\n  annotations: {podpath.dev/nic-mtu: "9000"}\nstatus:\n  addresses:\n  - {type: Hostname, address: a}\n  - {type: InternalIP, address: 192.168.56.50}\n',
      ) + node('b'),
    );
    expect(s.nodes.map((n) => [formatIpv4(n.internalIP), n.zone, n.nicMtu])).toEqual([
      ['192.168.56.50', 'zone-a', 9000],
      ['192.168.56.11', null, 1500],
    ]);
  });

  it('refuses two nodes with one InternalIP', () => {
    const status = 'status: {addresses: [{type: InternalIP, address: 192.168.56.20}]}\n';
    expect(errorsOf(node('a', status) + node('b', status))).toMatchObject([
      {
        document: 1,
        field: 'status.addresses[0].address',
        message: 'InternalIP 192.168.56.20 is already the address of node "a"',
      },
    ]);
  });

  it('widens the underlay to 192.168.0.0/16 past 244 nodes', () => {
    const cc =
      'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking: {podSubnet: 10.244.0.0/15}\n';
    const s = scenarioOf(cc + Array.from({ length: 300 }, (_, i) => node(`n${i}`)).join(''));
    expect(formatCidr(s.underlay.subnet)).toBe('192.168.0.0/16');
    expect(formatIpv4(s.nodes[0]!.internalIP)).toBe('192.168.1.11');
    expect(formatIpv4(s.nodes[299]!.internalIP)).toBe('192.168.2.54');
  });

  it('takes the /24 around given addresses elsewhere', () => {
    const s = scenarioOf(
      node('a', 'status: {addresses: [{type: InternalIP, address: 10.0.7.4}]}\n') + node('b'),
    );
    expect(formatCidr(s.underlay.subnet)).toBe('10.0.7.0/24');
    expect(formatIpv4(s.nodes[1]!.internalIP)).toBe('10.0.7.11');
  });
});
