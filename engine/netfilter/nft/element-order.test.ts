// nft lists a single-field set (cluster-ips) in numeric order, but a concatenated map (service-ips) by the
// key's bytes read little-endian. The kernel lab caught the first: 10.96.0.10 lists before 10.96.1.1.
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../../cluster/cluster';
import { NFTABLES_MODE } from '../../kube-proxy/nftables/mode';
import { listRuleText, listRuleset } from './list-ruleset';
import { parseNftRule } from './rule-parse';

const yaml = `apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
mode: nftables
---
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
`;

describe('nft list element order', () => {
  it('lists the cluster-ips set numerically: 10.96.0.10 before 10.96.1.1', () => {
    const { cluster } = loadCluster(yaml);
    const text = listRuleset([cluster!.proxyRules(NFTABLES_MODE, 'node-1').table]);
    // The set's elements, wrapped over lines as nft wraps them.
    const start = text.indexOf('set cluster-ips {');
    const elements = text.slice(
      text.indexOf('elements = {', start),
      text.indexOf('}', text.indexOf('elements = {', start)),
    );
    expect(elements).toContain('10.96.1.1');
    expect(elements.indexOf('10.96.0.10')).toBeLessThan(elements.indexOf('10.96.1.1'));
  });
});

// Written → listed, as `nft -f` then `nft list ruleset` gave them back (nft 1.0.6, kernel 6.18).
describe('nft list of an anonymous address set', () => {
  const listed = (text: string) => listRuleText({ chain: 'c', text, statements: parseNftRule(text) });
  it.each([
    // loadBalancerSourceRanges as kube-proxy writes them, in the Service's order.
    ['ip saddr != { 192.168.0.0/16 , 10.0.0.0/8 } drop', 'ip saddr != { 10.0.0.0/8, 192.168.0.0/16 } drop'],
    [
      'ip saddr != { 203.0.113.0/24 , 198.51.100.9 } drop',
      'ip saddr != { 198.51.100.9, 203.0.113.0/24 } drop',
    ],
    // Plain addresses: a hash set, sorted and never merged.
    [
      'ip saddr { 192.168.1.5, 10.0.0.2, 10.0.0.1 } drop',
      'ip saddr { 10.0.0.1, 10.0.0.2, 192.168.1.5 } drop',
    ],
    // With a prefix it is an interval set: contained, overlapping and adjacent elements merge.
    ['ip saddr != { 10.0.0.0/8, 10.1.0.0/16 } drop', 'ip saddr != { 10.0.0.0/8 } drop'],
    ['ip saddr != { 10.128.0.0/9 , 10.0.0.0/9 } drop', 'ip saddr != { 10.0.0.0/8 } drop'],
    ['ip saddr != { 10.0.0.0/24, 10.0.1.0/25 } drop', 'ip saddr != { 10.0.0.0-10.0.1.127 } drop'],
    ['ip saddr != { 10.0.0.2, 10.0.0.0/31 } drop', 'ip saddr != { 10.0.0.0-10.0.0.2 } drop'],
    ['ip saddr != { 10.0.0.0/32, 10.0.0.1/32 } drop', 'ip saddr != { 10.0.0.0/31 } drop'],
    // One element written in braces loses them.
    ['ip saddr { 192.168.0.0/16 } drop', 'ip saddr 192.168.0.0/16 drop'],
  ])('%s lists as %s', (written, expected) => {
    expect(listed(written)).toBe(expected);
  });
});
