// --default-backend-service on the controller: a request no Ingress rule matches is proxied to that
// Service's first port (the upstream-default-backend), not answered by nginx's own 404; without a ready
// endpoint there, nginx answers 404 itself.
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../cluster/cluster';
import { traceConnection } from './trace';

function scenario(fallbackReplicas: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}
spec:
  selector: {matchLabels: {app.kubernetes.io/component: controller, app.kubernetes.io/instance: ingress-nginx, app.kubernetes.io/name: ingress-nginx}}
  template:
    metadata: {labels: {app.kubernetes.io/component: controller, app.kubernetes.io/instance: ingress-nginx, app.kubernetes.io/name: ingress-nginx}}
    spec:
      containers:
      - name: controller
        image: registry.k8s.io/ingress-nginx/controller:v1.12.1
        args: [/nginx-ingress-controller, --default-backend-service=$(POD_NAMESPACE)/fallback]
        env: [{name: POD_NAMESPACE, valueFrom: {fieldRef: {fieldPath: metadata.namespace}}}]
        ports: [{name: http, containerPort: 80}, {name: https, containerPort: 443}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: fallback, namespace: ingress-nginx}
spec:
  replicas: ${fallbackReplicas}
  selector: {matchLabels: {app: fallback}}
  template:
    metadata: {labels: {app: fallback}}
    spec: {containers: [{name: c, image: registry.k8s.io/defaultbackend-amd64:1.5, ports: [{containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: fallback, namespace: ingress-nginx}
spec: {selector: {app: fallback}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec: {containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop}
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
`;
}

function get(text: string, url: string) {
  const { cluster } = loadCluster(text, 'test.yaml');
  return traceConnection(cluster!, cluster!, {
    from: 'external/203.0.113.10',
    to: url,
    protocol: 'TCP',
    seed: 1,
  }).http!;
}

describe('--default-backend-service', () => {
  it('proxies a request for an unknown host to the default backend Service', () => {
    const http = get(scenario(1), 'http://unknown.example.org/x');
    expect(http.server).toBe('_');
    expect(http.upstream).toMatchObject({ name: 'upstream-default-backend', path: '/x' });
    expect(http.upstream!.pod).toMatch(/^ingress-nginx\/fallback-/);
    expect(http.upstreamTrace?.verdict).toBe('delivered');
    expect(http.status).toBe(404);
    expect(http.why).toContain('--default-backend-service');
  });

  it('still routes what an Ingress matches to its own backend', () => {
    expect(get(scenario(1), 'http://shop.example.com/').upstream!.pod).toBe('default/web');
  });

  it("falls back to nginx's own 404 when the Service has no ready endpoint", () => {
    const http = get(scenario(0), 'http://unknown.example.org/x');
    expect(http.upstream).toBeNull();
    expect(http.status).toBe(404);
    expect(http.why).toContain('has no ready endpoint');
  });
});
