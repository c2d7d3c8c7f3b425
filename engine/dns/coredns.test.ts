// CoreDNS's own table (coredns plugin/kubernetes/handler_test.go, dnsTestCases) on a scenario holding the
// same objects: Qname/Qtype → Rcode and records, printed as miekg/dns prints them. The mock's IPv6
// endpoints and dual-stack Services are left out (the simulated cluster is IPv4-only), so the headless SRV
// weight is 100/4 = 25 where CoreDNS's six endpoints give 16.
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../cluster/cluster';
import { clusterDnsOf } from './resolve';
import { rcodeText, type RRType, zoneLine } from './records';

const yaml = `
apiVersion: kubeadm.k8s.io/v1beta4
kind: ClusterConfiguration
networking: {serviceSubnet: 10.0.0.0/16}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: coredns, namespace: kube-system}
data:
  Corefile: |
    .:53 {
        errors
        hosts {
            1.2.3.4 ext.interwebs.test
            fallthrough
        }
        kubernetes cluster.local in-addr.arpa ip6.arpa {
            fallthrough in-addr.arpa ip6.arpa
        }
        forward . /etc/resolv.conf
    }
---
# CoreDNS's mock puts svc1 at the range's first address, which kube-apiserver takes for default/kubernetes:
# the file writes that Service itself (as a dump would), elsewhere in the range.
apiVersion: v1
kind: Service
metadata: {name: kubernetes, namespace: default}
spec: {clusterIP: 10.0.200.1, ports: [{name: https, port: 443, targetPort: 6443}]}
---
apiVersion: v1
kind: Service
metadata: {name: svc1, namespace: testns}
spec: {clusterIP: 10.0.0.1, ports: [{name: http, port: 80}]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: svc1-slice1, namespace: testns, labels: {kubernetes.io/service-name: svc1}}
addressType: IPv4
endpoints: [{addresses: [172.0.0.1], hostname: ep1a}]
ports: [{name: http, port: 80, protocol: TCP}]
---
apiVersion: v1
kind: Service
metadata: {name: hdls1, namespace: testns}
spec: {clusterIP: None, ports: [{name: http, port: 80}]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: hdls1-slice1, namespace: testns, labels: {kubernetes.io/service-name: hdls1}}
addressType: IPv4
endpoints:
  - addresses: [172.0.0.2]
  - addresses: [172.0.0.3]
  - {addresses: [172.0.0.4], hostname: dup-name}
  - {addresses: [172.0.0.5], hostname: dup-name}
ports: [{name: http, port: 80, protocol: TCP}]
---
apiVersion: v1
kind: Service
metadata: {name: hdlsprtls, namespace: testns}
spec: {clusterIP: None}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: hdlsprtls-slice1, namespace: testns, labels: {kubernetes.io/service-name: hdlsprtls}}
addressType: IPv4
endpoints: [{addresses: [172.0.0.20]}]
---
apiVersion: v1
kind: Service
metadata: {name: external, namespace: testns}
spec: {type: ExternalName, externalName: ext.interwebs.test, ports: [{name: http, port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: external-to-service, namespace: testns}
spec: {type: ExternalName, externalName: svc1.testns.svc.cluster.local., ports: [{name: http, port: 80}]}
`;

const { cluster, diagnostics } = loadCluster(yaml, 'coredns-table.yaml');
const dns = clusterDnsOf(cluster!);
const SOA =
  'cluster.local.\t5\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1499347823 7200 1800 86400 5';

function ask(name: string, type: RRType) {
  const a = dns.coredns.answer(name, type);
  return {
    rcode: rcodeText(a),
    answer: a.answer.map(zoneLine),
    ns: a.authority.map(zoneLine),
    extra: a.additional.map(zoneLine),
  };
}

describe("CoreDNS's kubernetes plugin, handler_test.go dnsTestCases", () => {
  it('loads the fixture', () => {
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  const cases: Array<[string, RRType, Partial<ReturnType<typeof ask>>]> = [
    [
      'svc1.testns.svc.cluster.local.',
      'A',
      { rcode: 'NOERROR', answer: ['svc1.testns.svc.cluster.local.\t5\tIN\tA\t10.0.0.1'] },
    ],
    [
      'svc1.testns.svc.cluster.local.',
      'SRV',
      {
        answer: ['svc1.testns.svc.cluster.local.\t5\tIN\tSRV\t0 100 80 svc1.testns.svc.cluster.local.'],
        extra: ['svc1.testns.svc.cluster.local.\t5\tIN\tA\t10.0.0.1'],
      },
    ],
    [
      '_http._tcp.svc1.testns.svc.cluster.local.',
      'SRV',
      {
        answer: [
          '_http._tcp.svc1.testns.svc.cluster.local.\t5\tIN\tSRV\t0 100 80 svc1.testns.svc.cluster.local.',
        ],
        extra: ['svc1.testns.svc.cluster.local.\t5\tIN\tA\t10.0.0.1'],
      },
    ],
    [
      'hdls1.testns.svc.cluster.local.',
      'A',
      {
        answer: ['172.0.0.2', '172.0.0.3', '172.0.0.4', '172.0.0.5'].map(
          (ip) => `hdls1.testns.svc.cluster.local.\t5\tIN\tA\t${ip}`,
        ),
      },
    ],
    [
      'hdlsprtls.testns.svc.cluster.local.',
      'A',
      { answer: ['hdlsprtls.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.20'] },
    ],
    [
      '172-0-0-20.hdlsprtls.testns.svc.cluster.local.',
      'A',
      { answer: ['172-0-0-20.hdlsprtls.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.20'] },
    ],
    [
      '172-0-0-2.hdls1.testns.svc.cluster.local.',
      'A',
      { answer: ['172-0-0-2.hdls1.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.2'] },
    ],
    [
      'dup-name.hdls1.testns.svc.cluster.local.',
      'A',
      {
        answer: [
          'dup-name.hdls1.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.4',
          'dup-name.hdls1.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.5',
        ],
      },
    ],
    [
      '_http._tcp.hdls1.testns.svc.cluster.local.',
      'SRV',
      {
        answer: ['172-0-0-2', '172-0-0-3', 'dup-name'].map(
          (h) =>
            `_http._tcp.hdls1.testns.svc.cluster.local.\t5\tIN\tSRV\t0 25 80 ${h}.hdls1.testns.svc.cluster.local.`,
        ),
        extra: [
          '172-0-0-2.hdls1.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.2',
          '172-0-0-3.hdls1.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.3',
          'dup-name.hdls1.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.4',
          'dup-name.hdls1.testns.svc.cluster.local.\t5\tIN\tA\t172.0.0.5',
        ],
      },
    ],
    [
      'external.testns.svc.cluster.local.',
      'CNAME',
      { answer: ['external.testns.svc.cluster.local.\t5\tIN\tCNAME\text.interwebs.test.'] },
    ],
    [
      'external.testns.svc.cluster.local.',
      'A',
      {
        answer: [
          'external.testns.svc.cluster.local.\t5\tIN\tCNAME\text.interwebs.test.',
          'ext.interwebs.test.\t3600\tIN\tA\t1.2.3.4',
        ],
      },
    ],
    [
      'external-to-service.testns.svc.cluster.local.',
      'A',
      {
        answer: [
          'external-to-service.testns.svc.cluster.local.\t5\tIN\tCNAME\tsvc1.testns.svc.cluster.local.',
          'svc1.testns.svc.cluster.local.\t5\tIN\tA\t10.0.0.1',
        ],
      },
    ],
    ['svc1.testns.svc.cluster.local.', 'AAAA', { rcode: 'NOERROR (NODATA)', answer: [], ns: [SOA] }],
    ['svc0.testns.svc.cluster.local.', 'AAAA', { rcode: 'NXDOMAIN', ns: [SOA] }],
    ['svc0.testns.svc.cluster.local.', 'A', { rcode: 'NXDOMAIN', ns: [SOA] }],
    ['svc0.svc-nons.svc.cluster.local.', 'A', { rcode: 'NXDOMAIN', ns: [SOA] }],
    [
      'dns-version.cluster.local.',
      'TXT',
      { answer: ['dns-version.cluster.local.\t28800\tIN\tTXT\t"1.1.0"'] },
    ],
    ['bogusendpoint.hdls1.testns.svc.cluster.local.', 'A', { rcode: 'NXDOMAIN', ns: [SOA] }],
    ['bogusendpoint.svc0.testns.svc.cluster.local.', 'A', { rcode: 'NXDOMAIN', ns: [SOA] }],
    ['svc.cluster.local.', 'A', { rcode: 'NOERROR (NODATA)', ns: [SOA] }],
    ['pod.cluster.local.', 'A', { rcode: 'NOERROR (NODATA)', ns: [SOA] }],
    ['testns.svc.cluster.local.', 'A', { rcode: 'NOERROR (NODATA)', ns: [SOA] }],
    ['svc.cluster.local.', 'NS', { rcode: 'NOERROR (NODATA)', ns: [SOA] }],
    ['foo.cluster.local.', 'NS', { rcode: 'NXDOMAIN', ns: [SOA] }],
    ['foo.svc.cluster.local.', 'NS', { rcode: 'NXDOMAIN', ns: [SOA] }],
    ['svc1.testns.svc.cluster.local.', 'SOA', { rcode: 'NOERROR (NODATA)', ns: [SOA] }],
    ['endpoint.external.testns.svc.cluster.local.', 'CNAME', { rcode: 'NXDOMAIN', ns: [SOA] }],
  ];
  for (const [name, type, want] of cases) {
    it(`${name} ${type} → ${want.rcode ?? 'NOERROR'}`, () => {
      expect(ask(name, type)).toMatchObject({ rcode: 'NOERROR', ...want });
    });
  }
});

describe('reverse lookups (reverse_test.go) and the apex', () => {
  it('answers PTR for a ClusterIP, then for an endpoint', () => {
    expect(ask('1.0.0.10.in-addr.arpa.', 'PTR').answer).toEqual([
      '1.0.0.10.in-addr.arpa.\t5\tIN\tPTR\tsvc1.testns.svc.cluster.local.',
    ]);
    expect(ask('1.0.0.172.in-addr.arpa.', 'PTR').answer).toEqual([
      '1.0.0.172.in-addr.arpa.\t5\tIN\tPTR\tep1a.svc1.testns.svc.cluster.local.',
    ]);
    expect(ask('10.0.0.10.in-addr.arpa.', 'PTR').answer).toEqual([
      '10.0.0.10.in-addr.arpa.\t5\tIN\tPTR\tkube-dns.kube-system.svc.cluster.local.',
    ]);
  });

  it('passes an unknown address on (fallthrough in-addr.arpa) to the upstream resolver', () => {
    const a = dns.coredns.answer('9.9.9.9.in-addr.arpa.', 'PTR');
    expect(a.rcode).toBe('NXDOMAIN');
    expect(a.by).toMatch(/^forward → 192\.168\.56\.1/);
  });

  it('answers SOA and NS at the apex, NS with CoreDNS’s own address as glue', () => {
    expect(ask('cluster.local.', 'SOA').answer).toEqual([SOA]);
    expect(ask('cluster.local.', 'NS')).toMatchObject({
      answer: ['cluster.local.\t5\tIN\tNS\tns.dns.cluster.local.'],
      extra: ['ns.dns.cluster.local.\t5\tIN\tA\t10.0.0.10'],
    });
  });
});

describe('kubeadm’s Corefile (pods insecure, ttl 30)', () => {
  const { cluster: c } = loadCluster(
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: podns}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {ports: [{port: 80}]}\n',
  );
  const kubeadm = clusterDnsOf(c!);
  it('answers any dashed address in any existing namespace (handler_pod_insecure_test.go)', () => {
    expect(kubeadm.coredns.answer('10-240-0-1.shop.pod.cluster.local.', 'A').answer.map(zoneLine)).toEqual([
      '10-240-0-1.shop.pod.cluster.local.\t30\tIN\tA\t10.240.0.1',
    ]);
    expect(kubeadm.coredns.answer('10-240-0-1.nonexistent.pod.cluster.local.', 'A').rcode).toBe('NXDOMAIN');
    expect(kubeadm.coredns.answer('not-an-ip.shop.pod.cluster.local.', 'A').rcode).toBe('NXDOMAIN');
  });
  it('gives the SOA the kubeadm TTLs: min(30, 300) and minttl 30', () => {
    expect(kubeadm.coredns.answer('nope.shop.svc.cluster.local.', 'A').authority.map(zoneLine)).toEqual([
      'cluster.local.\t30\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1499347823 7200 1800 86400 30',
    ]);
  });
});
