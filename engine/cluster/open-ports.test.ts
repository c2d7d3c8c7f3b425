// A containerPort is informational in Kubernetes: a pod listens where its program listens. The model opens
// a pod's declared containerPorts plus every port a Service targets it on, and nothing else.
import { describe, expect, it } from 'vitest';
import { traceConnection } from '../trace/trace';
import { loadCluster } from './cluster';

// The shape of the Kubernetes docs' "Connect a Frontend to a Backend": the frontend runs nginx, which
// listens on 80, and its Deployment declares no containerPort at all.
const frontendWithoutContainerPort = `apiVersion: apps/v1
kind: Deployment
metadata: {name: frontend}
spec:
  selector: {matchLabels: {app: hello, tier: frontend}}
  replicas: 1
  template:
    metadata: {labels: {app: hello, tier: frontend}}
    spec:
      containers:
      - name: nginx
        image: gcr.io/google-samples/hello-frontend:1.0
---
apiVersion: v1
kind: Service
metadata: {name: frontend}
spec:
  selector: {app: hello, tier: frontend}
  ports:
  - protocol: TCP
    port: 80
    targetPort: 80
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: inference}
spec:
  selector: {matchLabels: {app: inference}}
  template:
    metadata: {labels: {app: inference}}
    spec:
      containers:
      - name: server
        image: registry.example/llm-server:2
        args: [--host=0.0.0.0, --port=8080]
---
apiVersion: v1
kind: Service
metadata: {name: inference}
spec: {selector: {app: inference}, ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec: {nodeName: node-1, containers: [{name: c, image: busybox}]}
`;

describe('open ports', () => {
  const { cluster, diagnostics } = loadCluster(frontendWithoutContainerPort);
  const podOf = (prefix: string) => cluster!.scenario.pods.find((p) => p.name.startsWith(prefix))!;

  it('loads without a "no pod serves" warning for a numeric targetPort', () => {
    expect(diagnostics.filter((d) => /serves|declares/.test(d.message))).toEqual([]);
  });

  it('reaches a Deployment with no containerPort through its Service (the docs example)', () => {
    const t = traceConnection(cluster!, cluster!, {
      from: 'pod/default/client',
      to: 'svc/default/frontend:80',
      seed: 1,
    });
    expect(t.verdict).toBe('delivered');
    expect(t.hops.map((h) => h.why)).toContainEqual(
      expect.stringMatching(
        /has a socket on tcp\/80 \(Service default\/frontend targets it on this port\): delivered$/,
      ),
    );
  });

  it('opens the port a Service targets, not the Service port itself', () => {
    const pod = podOf('inference-');
    expect(cluster!.listeningPorts(`default/${pod.name}`)).toEqual([{ protocol: 'TCP', port: 8080 }]);
    const to = `pod/default/${pod.name}:80`;
    const t = traceConnection(cluster!, cluster!, { from: 'pod/default/client', to, seed: 1 });
    expect(t.verdict).toBe('rejected');
    expect(t.reason).toContain(
      'a pod listens only on its containerPorts and the ports a Service targets it on',
    );
  });

  it('keeps ports nothing targets closed', () => {
    expect(cluster!.listeningPorts('default/client')).toEqual([]);
    const frontend = podOf('frontend-');
    expect(cluster!.listeningPorts(`default/${frontend.name}`)).toEqual([{ protocol: 'TCP', port: 80 }]);
  });
});
