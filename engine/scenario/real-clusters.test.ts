// Real-world shapes, read as cluster state (issue 13): what `kubectl get -o yaml` prints for a running
// cluster is what is running, not a list of things to create.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../cluster/cluster';
import { formatIpv4 } from '../net/ipv4';
import { traceConnection } from '../trace/trace';

const dump = readFileSync(join(__dirname, 'testdata', 'kubectl-dump.yaml'), 'utf8');

describe('a kubectl dump is cluster state', () => {
  const { cluster, diagnostics } = loadCluster(dump, 'dump.yaml');
  const slicesOf = (ns: string, service: string) =>
    cluster!.endpointSlices.filter((s) => s.namespace === ns && s.serviceName === service);
  const addresses = (ns: string, service: string) =>
    slicesOf(ns, service)
      .flatMap((s) => s.endpoints.flatMap((e) => e.addresses))
      .map(formatIpv4)
      .sort();

  it('loads, with only warnings', () => {
    expect(cluster).not.toBeNull();
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('takes the running pods as the Deployment’s replicas: it creates no more', () => {
    const web = cluster!.scenario.pods.filter((p) => p.name.startsWith('web-')).map((p) => p.name);
    expect(web).toEqual(['web-7d4b9c6f8d-2xk9p', 'web-7d4b9c6f8d-q8w4m']);
    expect(cluster!.scenario.pods.find((p) => p.name === 'web-7d4b9c6f8d-2xk9p')!.ownerDeployment).toBe(
      'default/web',
    );
    expect(addresses('default', 'web')).toEqual(['10.244.1.7', '10.244.1.8']);
  });

  it('does not add CoreDNS again: kube-dns has the 2 endpoints its slice lists', () => {
    expect(cluster!.scenario.pods.filter((p) => p.name.startsWith('coredns-'))).toHaveLength(2);
    expect(cluster!.scenario.services.filter((s) => s.name === 'kube-dns')).toHaveLength(1);
    expect(addresses('kube-system', 'kube-dns')).toEqual(['10.244.0.2', '10.244.0.3']);
  });

  it('takes the given slices as the truth, and warns about nothing they make work', () => {
    // metrics-server's pod is not in the dump, but its slice is: no "no endpoints" warning.
    expect(diagnostics.filter((d) => /no endpoints|no pod serves/.test(d.message))).toEqual([]);
    expect(addresses('kube-system', 'metrics-server')).toEqual(['10.244.1.4']);
  });

  it('mirrors a selectorless Service’s v1 Endpoints into a slice, and connects through it', () => {
    const [slice] = slicesOf('default', 'legacy-db');
    expect(slice).toMatchObject({
      managedBy: 'endpointslicemirroring-controller.k8s.io',
      serviceName: 'legacy-db',
    });
    expect(slice!.name).toMatch(/^legacy-db-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const t = traceConnection(cluster!, cluster!, {
      from: 'pod/default/client',
      to: 'svc/default/legacy-db:5432',
      seed: 1,
    });
    expect(t.verdict).toBe('delivered');
  });

  it('reaches the API server through the dump’s own kubernetes Service, added once, its static pod declaring no ports', () => {
    expect(cluster!.scenario.services.filter((s) => s.name === 'kubernetes')).toHaveLength(1);
    expect(slicesOf('default', 'kubernetes').map((s) => s.name)).toEqual(['kubernetes']);
    const t = traceConnection(cluster!, cluster!, {
      from: 'pod/default/client',
      to: 'svc/default/kubernetes:443',
      seed: 1,
    });
    expect(t.verdict).toBe('delivered');
    expect(t.deliveredTo).toMatchObject({ netns: 'node/cp-1', ip: '192.168.56.10', port: 6443 });
  });

  it('does not mirror twice when the dump holds the mirrored slice too', () => {
    const mirrored = `
- apiVersion: discovery.k8s.io/v1
  kind: EndpointSlice
  metadata:
    name: legacy-db-abcde
    namespace: default
    labels: {endpointslice.kubernetes.io/managed-by: endpointslicemirroring-controller.k8s.io, kubernetes.io/service-name: legacy-db}
  addressType: IPv4
  endpoints: [{addresses: [10.244.1.20]}]
  ports: [{name: pg, port: 5432, protocol: TCP}]
`;
    const { cluster: c } = loadCluster(dump + mirrored);
    expect(c!.endpointSlices.filter((s) => s.serviceName === 'legacy-db').map((s) => s.name)).toEqual([
      'legacy-db-abcde',
    ]);
  });
});
