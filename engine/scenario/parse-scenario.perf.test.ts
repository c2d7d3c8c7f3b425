// Kubernetes' documented large cluster (5,000 nodes, 10,000 Services, 150,000 pods) parses in seconds.
// The YAML parse dominates; everything after it is linear or n log n.
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse-scenario';

function largeCluster(): string {
  const lines = [
    'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking: {podSubnet: 10.0.0.0/8}\n---\napiVersion: v1\nkind: List\nitems:',
  ];
  for (let i = 0; i < 5000; i++) lines.push(`- {apiVersion: v1, kind: Node, metadata: {name: n${i}}}`);
  lines.push('---\napiVersion: v1\nkind: List\nitems:');
  for (let i = 0; i < 10000; i++)
    lines.push(
      `- {apiVersion: v1, kind: Service, metadata: {name: s${i}}, spec: {selector: {app: a${i % 1000}}, ports: [{port: 80, targetPort: http}]}}`,
    );
  lines.push('---\napiVersion: v1\nkind: List\nitems:');
  for (let i = 0; i < 1000; i++) {
    lines.push(
      `- {apiVersion: apps/v1, kind: Deployment, metadata: {name: d${i}}, spec: {replicas: 150, template: {metadata: {labels: {app: a${i}}}, spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}}}}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('scale', () => {
  it('parses 5,000 nodes, 10,000 Services and 150,000 pods in a few seconds', () => {
    const text = largeCluster();
    const start = performance.now();
    const { scenario, diagnostics } = parseScenario(text);
    const seconds = (performance.now() - start) / 1000;
    expect(diagnostics).toEqual([]);
    expect(scenario?.nodes).toHaveLength(5000);
    expect(scenario?.services).toHaveLength(10000);
    expect(scenario?.pods).toHaveLength(150000);
    expect(seconds).toBeLessThan(8);
  }, 30_000);
});
