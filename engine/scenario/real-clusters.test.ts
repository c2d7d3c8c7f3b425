// Real-world shapes, read as cluster state (issue 13): what `kubectl get -o yaml` prints for a running
// cluster is what is running, not a list of things to create.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../cluster/cluster';
import { formatCidr, formatIpv4 } from '../net/ipv4';
import { traceConnection } from '../trace/trace';
import { withProxyMode } from './yaml-edits';

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

describe('configuration where real clusters keep it', () => {
  const kubeProxyConfigMap = (conf: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: kube-proxy
  namespace: kube-system
  labels: {app: kube-proxy}
data:
  config.conf: |-
${conf
  .split('\n')
  .map((l) => (l === '' ? l : `    ${l}`))
  .join('\n')}
  kubeconfig.conf: |-
    apiVersion: v1
    kind: Config
`;
  const kubeadmConfig = `apiVersion: v1
kind: ConfigMap
metadata: {name: kubeadm-config, namespace: kube-system}
data:
  ClusterConfiguration: |
    apiServer: {}
    apiVersion: kubeadm.k8s.io/v1beta4
    clusterName: kubernetes
    kind: ClusterConfiguration
    networking:
      dnsDomain: cluster.example
      podSubnet: 10.32.0.0/16
      serviceSubnet: 10.100.0.0/16
`;

  it('runs kube-proxy with the ConfigMap’s config.conf (mode: ipvs, its scheduler, clusterCIDR)', () => {
    const { cluster, diagnostics } = loadCluster(
      kubeProxyConfigMap(
        'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nbindAddress: 0.0.0.0\nclusterCIDR: 10.244.0.0/16\nipvs:\n  scheduler: lc\nkind: KubeProxyConfiguration\nmode: ipvs\n',
      ),
    );
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(cluster!.scenario.kubeProxy).toMatchObject({ mode: 'ipvs', ipvsScheduler: 'lc' });
  });

  it('changes the mode inside config.conf for Compare modes, every other byte kept', () => {
    const text = kubeProxyConfigMap(
      'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\n',
    );
    const edited = withProxyMode(text, 'nftables');
    expect(edited).toBe(text.replace('mode: ipvs', 'mode: nftables'));
    expect(loadCluster(edited).cluster!.scenario.kubeProxy.mode).toBe('nftables');
    const added = withProxyMode(
      kubeProxyConfigMap('apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\n'),
      'ipvs',
    );
    expect(loadCluster(added).cluster!.scenario.kubeProxy.mode).toBe('ipvs');
  });

  it('locates an error inside config.conf at its line in the file', () => {
    const { diagnostics } = loadCluster(
      kubeProxyConfigMap(
        'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\nipvs:\n  scheduler: fastest\n',
      ),
      'cm.yaml',
    );
    expect(diagnostics.filter((d) => d.severity === 'error')).toMatchObject([
      {
        line: 13, // `      scheduler: fastest`: line 5 of the block that starts below line 8's `|-`
        column: 18,
        field: 'data["config.conf"].ipvs.scheduler',
        message: expect.stringContaining('Invalid value: "fastest"'),
      },
    ]);
  });

  it('locates invalid YAML inside config.conf too', () => {
    const { diagnostics } = loadCluster(
      kubeProxyConfigMap(
        'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: [ipvs\n',
      ),
    );
    const [error] = diagnostics.filter((d) => d.severity === 'error');
    expect(error).toMatchObject({ message: expect.stringMatching(/^invalid YAML/) });
    expect(error!.line).toBeGreaterThanOrEqual(11);
  });

  it('refuses a KubeProxyConfiguration given twice (the ConfigMap and a document)', () => {
    const { diagnostics } = loadCluster(
      kubeProxyConfigMap(
        'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\n',
      ) + '---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: nftables\n',
    );
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
      'a second KubeProxyConfiguration: only one is allowed (the first is at line 9)',
    ]);
  });

  it('takes the ranges and the DNS domain from kubeadm-config’s ClusterConfiguration', () => {
    const { cluster } = loadCluster(kubeadmConfig);
    const n = cluster!.scenario.networking;
    expect([formatCidr(n.podSubnet), formatCidr(n.serviceSubnet), n.dnsDomain]).toEqual([
      '10.32.0.0/16',
      '10.100.0.0/16',
      'cluster.example',
    ]);
    expect(formatIpv4(cluster!.scenario.dns.clusterDNS)).toBe('10.100.0.10');
    const bad = loadCluster(kubeadmConfig.replace('10.32.0.0/16', '10.32.0.0/33'), 'kubeadm.yaml');
    expect(bad.diagnostics.filter((d) => d.severity === 'error')).toMatchObject([
      { line: 12, column: 18, field: 'data["ClusterConfiguration"].networking.podSubnet' },
    ]);
  });

  it('says flannel’s and kube-proxy’s DaemonSets are simulated, not ignored', () => {
    const { diagnostics } = loadCluster(
      'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: kube-flannel-ds, namespace: kube-flannel}\n---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: kube-proxy, namespace: kube-system}\n',
    );
    const messages = diagnostics.map((d) => d.message);
    expect(messages.some((m) => m.includes('ignored'))).toBe(false);
    expect(messages).toEqual([
      expect.stringMatching(/^note: DaemonSet "kube-flannel-ds" runs flannel, which Podpath simulates/),
      expect.stringMatching(/^note: DaemonSet "kube-proxy" runs kube-proxy, which Podpath simulates/),
    ]);
  });
});
