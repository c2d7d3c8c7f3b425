// Per-pod DNS through a headless Service. CoreDNS's kubernetes plugin answers
// `<hostname>.<service>.<ns>.svc.<zone>` from the Service's endpoints (plugin/kubernetes kubernetes.go
// findServices: an endpoint query matches each endpoint address's Hostname), and the EndpointSlice
// controller sets an endpoint's hostname only when the pod's spec.subdomain is that Service's name
// (endpointslice utils podToEndpoint / ShouldSetHostname). A StatefulSet's pods get hostname = pod name and
// subdomain = spec.serviceName, so web-0.nginx.default.svc.cluster.local is web-0's address.
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../cluster/cluster';
import { formatIpv4 } from '../net/ipv4';
import { webStatefulSet } from '../scenario/testdata/statefulset-web';
import { traceConnection } from '../trace/trace';
import { traceToJson } from '../trace/json';
import { clusterDnsOf, resolveName } from './resolve';

const client = '---\napiVersion: v1\nkind: Pod\nmetadata: {name: client}\nspec: {containers: [{name: c}]}\n';
// A pod that sets hostname and subdomain itself (the DNS docs' "busybox-1.busybox-subdomain" shape).
const byHand = `---
apiVersion: v1
kind: Service
metadata: {name: busybox-subdomain}
spec:
  selector: {name: busybox}
  clusterIP: None
  ports: [{name: foo, port: 1234}]
---
apiVersion: v1
kind: Pod
metadata: {name: busybox1, labels: {name: busybox}}
spec:
  hostname: busybox-1
  subdomain: busybox-subdomain
  containers: [{name: busybox, image: busybox:1.28, command: [sleep, "3600"]}]
`;

const { cluster } = loadCluster(webStatefulSet + client + byHand, 'web.yaml');
const dns = clusterDnsOf(cluster!);
const ip = (pod: string) => formatIpv4(cluster!.addressing.podIPs.get(`default/${pod}`)!);

describe('per-pod names through the headless Service', () => {
  it('answers each ordinal’s name with that pod’s address', () => {
    for (const pod of ['web-0', 'web-1', 'web-2'])
      expect(resolveName(dns, 'pod/default/client', `${pod}.nginx.default.svc.cluster.local`)).toMatchObject({
        source: 'dns',
        addresses: [ip(pod)],
        failure: null,
      });
  });

  it('reaches the short name through the search list: web-0.nginx → web-0.nginx.default.svc.cluster.local.', () => {
    const r = resolveName(dns, 'pod/default/client', 'web-0.nginx');
    expect(r.queries[0]).toMatchObject({
      type: 'A',
      name: 'web-0.nginx.default.svc.cluster.local.',
      rcode: 'NOERROR',
    });
    expect(r.addresses).toEqual([ip('web-0')]);
  });

  it('answers the Service’s own name with every ready endpoint', () => {
    expect([...resolveName(dns, 'pod/default/client', 'nginx').addresses].sort()).toEqual(
      ['web-0', 'web-1', 'web-2'].map(ip).sort(),
    );
  });

  it('gives SRV records whose targets are the per-pod names', () => {
    const r = resolveName(dns, 'pod/default/client', '_web._tcp.nginx.default.svc.cluster.local', {
      type: 'SRV',
    });
    expect(r.records.map((rr) => rr.split('\t').pop()).sort()).toEqual([
      '0 33 80 web-0.nginx.default.svc.cluster.local.',
      '0 33 80 web-1.nginx.default.svc.cluster.local.',
      '0 33 80 web-2.nginx.default.svc.cluster.local.',
    ]);
  });

  it('is NXDOMAIN for an ordinal that does not exist', () => {
    expect(resolveName(dns, 'pod/default/client', 'web-3.nginx.default.svc.cluster.local').failure).toBe(
      'EAI_NONAME',
    );
  });

  it('works the same for a pod that sets spec.hostname and spec.subdomain itself', () => {
    expect(
      resolveName(dns, 'pod/default/client', 'busybox-1.busybox-subdomain.default.svc.cluster.local')
        .addresses,
    ).toEqual([ip('busybox1')]);
  });

  it('puts the pod’s FQDN first in its own /etc/hosts, as the kubelet writes it', () => {
    expect(dns.hostsFileFor('pod/default/web-1').text).toContain(
      `${ip('web-1')}\tweb-1.nginx.default.svc.cluster.local\tweb-1\n`,
    );
  });

  it('traces --to web-0.nginx:80 to web-0 itself, not through a ClusterIP', () => {
    const t = traceToJson(
      traceConnection(cluster!, cluster!, { from: 'pod/default/client', to: 'web-0.nginx:80' }),
    );
    expect(t.dns!.addresses).toEqual([ip('web-0')]);
    expect(t.deliveredTo).toMatchObject({ pod: 'default/web-0', port: 80 });
    expect(t.hops.some((h) => h.nat?.kind === 'DNAT')).toBe(false);
  });
});
