// kube-apiserver's own Service: default/kubernetes at the first address of the Service range, port https
// 443 to every API server's advertise address at 6443, as the endpoint reconciler writes it.
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../cluster/cluster';
import { clusterDnsOf, resolveName } from '../dns/resolve';
import { formatIpv4 } from '../net/ipv4';
import { traceConnection } from '../trace/trace';
import { renderedErrors, scenarioOf } from './test-helpers';

const node = (name: string, ip: string, controlPlane: boolean) =>
  `---\napiVersion: v1\nkind: Node\nmetadata:\n  name: ${name}\n  labels: {${controlPlane ? 'node-role.kubernetes.io/control-plane: ""' : 'kubernetes.io/os: linux'}}\nstatus: {addresses: [{type: InternalIP, address: ${ip}}]}\n`;
const client = `---\napiVersion: v1\nkind: Pod\nmetadata: {name: client}\nspec: {containers: [{name: c}]}\n`;

const kubernetesOf = (text: string) => {
  const s = scenarioOf(text);
  const service = s.services.find((v) => v.namespace === 'default' && v.name === 'kubernetes');
  const slices = s.endpointSlices.filter((e) => e.namespace === 'default' && e.serviceName === 'kubernetes');
  return { s, service, slices };
};

describe('the kubernetes Service', () => {
  it('is at the first address of the Service range, https 443 → 6443, without a selector', () => {
    const { service } = kubernetesOf('');
    expect(service).toMatchObject({
      type: 'ClusterIP',
      selector: null,
      ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: 6443, nodePort: 0 }],
    });
    expect(formatIpv4(service!.clusterIP!)).toBe('10.96.0.1');
    const k3s = kubernetesOf(
      'apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking: {podSubnet: 10.42.0.0/16, serviceSubnet: 10.43.0.0/16}\n',
    );
    expect(formatIpv4(k3s.service!.clusterIP!)).toBe('10.43.0.1');
  });

  it('is backed by the slice the endpoint reconciler writes: every control-plane node at 6443', () => {
    const { slices } = kubernetesOf(
      node('cp-a', '192.168.56.11', true) +
        node('worker', '192.168.56.12', false) +
        node('cp-b', '192.168.56.9', true),
    );
    expect(slices).toHaveLength(1);
    expect(slices[0]).toMatchObject({
      name: 'kubernetes',
      addressType: 'IPv4',
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    });
    // Sorted as text, as RepackSubsets sorts them: .11 before .9.
    expect(slices[0]!.endpoints.map((e) => formatIpv4(e.addresses[0]!))).toEqual([
      '192.168.56.11',
      '192.168.56.9',
    ]);
    expect(slices[0]!.endpoints.every((e) => e.conditions.ready === true)).toBe(true);
  });

  it('runs on the first node when no node is labelled control-plane', () => {
    const { slices } = kubernetesOf('');
    expect(slices[0]!.endpoints.map((e) => formatIpv4(e.addresses[0]!))).toEqual(['192.168.56.11']);
  });

  it('claims its address before the file does: a Service asking for it is refused', () => {
    expect(
      renderedErrors(
        'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  clusterIP: 10.96.0.1\n  ports: [{port: 80}]\n',
      ),
    ).toEqual([
      'test.yaml:5:14: error: Invalid value: "10.96.0.1": failed to allocate IP 10.96.0.1: provided IP is already allocated (document 1, field spec.clusterIP)',
    ]);
  });

  it('is not added again when the file holds it (a dump), and then keeps the file’s slice', () => {
    const own = `---\napiVersion: v1\nkind: Service\nmetadata: {name: kubernetes, namespace: default}\nspec: {clusterIP: 10.96.0.1, ports: [{name: https, port: 443, targetPort: 6443}]}\n---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: kubernetes, namespace: default, labels: {kubernetes.io/service-name: kubernetes}}\naddressType: IPv4\nendpoints: [{addresses: [192.168.56.12], conditions: {ready: true}}]\nports: [{name: https, port: 6443, protocol: TCP}]\n`;
    const { s, slices } = kubernetesOf(own);
    expect(s.services.filter((v) => v.name === 'kubernetes')).toHaveLength(1);
    expect(slices.map((e) => formatIpv4(e.endpoints[0]!.addresses[0]!))).toEqual(['192.168.56.12']);
  });

  it('resolves as kubernetes.default and delivers to the API server listening on the node at 6443', () => {
    const { cluster } = loadCluster(
      node('cp', '192.168.56.11', true) + node('w', '192.168.56.12', false) + client,
    );
    const dns = clusterDnsOf(cluster!);
    expect(resolveName(dns, 'pod/default/client', 'kubernetes.default').addresses).toEqual(['10.96.0.1']);
    const t = traceConnection(cluster!, cluster!, {
      from: 'pod/default/client',
      to: 'svc/default/kubernetes:443',
      seed: 1,
    });
    expect(t.verdict).toBe('delivered');
    expect(t.deliveredTo).toMatchObject({ netns: 'node/cp', ip: '192.168.56.11', port: 6443 });
    const deliver = t.hops.find((h) => h.kind === 'deliver');
    expect(deliver?.why).toContain('tcp/6443 (kube-apiserver, behind Service default/kubernetes)');
  });
});
