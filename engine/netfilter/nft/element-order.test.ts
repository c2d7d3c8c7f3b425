// nft lists a single-field set (cluster-ips) in numeric order, but a concatenated map (service-ips) by the
// key's bytes read little-endian. The kernel lab caught the first: 10.96.0.10 lists before 10.96.1.1.
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../../cluster/cluster';
import { listRuleset } from './list-ruleset';

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
    const text = listRuleset([cluster!.kubeProxyNftablesRules('node-1').table]);
    const line = text
      .split('\n')
      .find((l) => l.includes('elements = {') && l.includes('10.96.0.10') && !l.includes(' . '));
    expect(line).toBeDefined();
    expect(line!.indexOf('10.96.0.10')).toBeLessThan(line!.indexOf('10.96.1.1'));
  });
});
