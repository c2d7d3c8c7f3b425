// A hostNetwork pod's socket lives in its node's namespace, so the answer to its connection must be
// delivered there (the reviewer found ClusterFirstWithHostNet pods could never resolve a name).
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../cluster/cluster';
import { traceConnection } from './trace';

const yaml = `apiVersion: v1
kind: Pod
metadata: {name: hc}
spec: {hostNetwork: true, dnsPolicy: ClusterFirstWithHostNet, nodeName: node-1, containers: [{name: c}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Pod
metadata: {name: w, labels: {app: web}}
spec: {nodeName: node-2, containers: [{name: c, ports: [{containerPort: 8080}]}]}
`;

describe('a hostNetwork client', () => {
  it('gets its answer back in the node namespace, by address and by name', () => {
    const { cluster } = loadCluster(yaml);
    for (const to of ['svc/default/web:80', 'web:80']) {
      const t = traceConnection(cluster!, cluster!, { from: 'pod/default/hc', to, seed: 1 });
      expect(t.verdict).toBe('delivered');
      expect(t.reply?.verdict).toBe('delivered');
    }
  });
});

describe('listeners in a node namespace', () => {
  it("kube-proxy's health server answers on the healthCheckNodePort", () => {
    const lb = `apiVersion: v1
kind: Service
metadata: {name: lb}
spec: {type: LoadBalancer, externalTrafficPolicy: Local, healthCheckNodePort: 32000, selector: {app: w}, ports: [{port: 80, targetPort: 8080, nodePort: 30080}]}
status: {loadBalancer: {ingress: [{ip: 198.51.100.7}]}}
---
apiVersion: v1
kind: Pod
metadata: {name: w, labels: {app: w}}
spec: {nodeName: node-2, containers: [{name: c, ports: [{containerPort: 8080}]}]}
`;
    const { cluster } = loadCluster(lb);
    const t = traceConnection(cluster!, cluster!, {
      from: 'external/203.0.113.10',
      to: '192.168.56.11:32000',
      seed: 1,
    });
    expect(t.verdict).toBe('delivered');
    expect(t.deliveredTo?.netns).toBe('node/node-1');
    const closed = traceConnection(cluster!, cluster!, {
      from: 'external/203.0.113.10',
      to: '192.168.56.11:32001',
      seed: 1,
    });
    expect(closed.verdict).toBe('rejected');
  });

  it('a hostNetwork pod listens on its container ports in the node namespace', () => {
    const { cluster } = loadCluster(`apiVersion: v1
kind: Pod
metadata: {name: agent}
spec: {hostNetwork: true, nodeName: node-2, containers: [{name: c, ports: [{containerPort: 9100}]}]}
`);
    const t = traceConnection(cluster!, cluster!, { from: 'node/node-1', to: '192.168.56.12:9100', seed: 1 });
    expect(t.verdict).toBe('delivered');
  });
});
