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
