// Nodes share one kube-proxy result when their node-specific inputs agree (Cluster.proxySignature). This
// checks the sharing never changes a node's rules: for every built-in scenario and every node, the shared
// payload equals what that node's own sync writes, including scenarios built to make nodes differ.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { restorePayload, syncIptablesRules } from '../kube-proxy/iptables/sync-proxy-rules';
import { loadCluster } from './cluster';

const root = new URL('../../scenarios/', import.meta.url).pathname;
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : n.endsWith('.yaml') ? [p] : [];
  });

const differing = `
apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: Node, metadata: {name: a, labels: {topology.kubernetes.io/zone: z1}}}
- {apiVersion: v1, kind: Node, metadata: {name: b, labels: {topology.kubernetes.io/zone: z2}}}
- {apiVersion: v1, kind: Node, metadata: {name: c, labels: {topology.kubernetes.io/zone: z2}}}
- {apiVersion: v1, kind: Pod, metadata: {name: p1, labels: {app: x}}, spec: {nodeName: a, containers: [{name: c, ports: [{containerPort: 80}]}]}}
- {apiVersion: v1, kind: Pod, metadata: {name: p2, labels: {app: x}}, spec: {nodeName: b, containers: [{name: c, ports: [{containerPort: 80}]}]}}
- {apiVersion: v1, kind: Service, metadata: {name: local}, spec: {type: NodePort, externalTrafficPolicy: Local, selector: {app: x}, ports: [{port: 80}]}}
- {apiVersion: v1, kind: Service, metadata: {name: itp}, spec: {internalTrafficPolicy: Local, selector: {app: x}, ports: [{port: 81, targetPort: 80}]}}
`;

describe('kube-proxy rules shared between equivalent nodes', () => {
  const cases: [string, string][] = [
    ...files(root).map((f): [string, string] => [f.slice(root.length), readFileSync(f, 'utf8')]),
    ['nodes-that-differ', differing],
  ];
  for (const [name, text] of cases) {
    it(`${name}: every node's shared rules equal its own sync`, () => {
      const { cluster } = loadCluster(text, name);
      expect(cluster).not.toBeNull();
      for (const node of cluster!.scenario.nodes) {
        const own = restorePayload(syncIptablesRules(cluster!.proxierInput(node.name)));
        expect(restorePayload(cluster!.kubeProxyRules(node.name))).toBe(own);
      }
    });
  }

  it('tells apart nodes whose Local-policy endpoints differ', () => {
    const { cluster } = loadCluster(differing);
    const sig = (n: string) => cluster!.proxySignature(n);
    expect(sig('a')).not.toBe(sig('b'));
    expect(sig('b')).not.toBe(sig('c'));
  });
});
