// The pod's side of DNS: the resolv.conf the kubelet writes for each dnsPolicy, and the questions glibc
// asks in order (the kernel lab's getaddrinfo capture: `cart` → 2 queries, `api.example.com` → 8).
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../cluster/cluster';
import { formatIpv4 } from '../net/ipv4';
import { traceConnection } from '../trace/trace';
import { traceToJson } from '../trace/json';
import { glibcSearch, searchCandidates } from './glibc-search';
import { clusterDnsOf, resolveName, ResolveError } from './resolve';

const pod = (ns: string, name: string, spec = ''): string =>
  `---\napiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  containers: [{name: c}]\n${spec}`;
const yaml =
  pod('shop', 'client') +
  pod('shop', 'host', '  hostNetwork: true\n') +
  pod('shop', 'host-cluster', '  hostNetwork: true\n  dnsPolicy: ClusterFirstWithHostNet\n') +
  pod('shop', 'plain', '  dnsPolicy: Default\n') +
  pod(
    'shop',
    'custom',
    '  dnsPolicy: None\n  dnsConfig:\n    nameservers: [1.1.1.1]\n    searches: [corp.example]\n    options: [{name: ndots, value: "2"}, {name: edns0}]\n',
  ) +
  pod(
    'shop',
    'merged',
    '  dnsConfig:\n    searches: [corp.example]\n    options: [{name: ndots, value: "1"}]\n',
  ) +
  pod('shop', 'db-0', '  hostname: db-0\n  subdomain: db\n') +
  '---\napiVersion: v1\nkind: Service\nmetadata: {name: cart, namespace: shop}\nspec: {ports: [{port: 80}]}\n' +
  '---\napiVersion: v1\nkind: Service\nmetadata: {name: my-svc, namespace: other}\nspec: {ports: [{port: 80}]}\n';

const { cluster } = loadCluster(yaml, 'dns.yaml');
const dns = clusterDnsOf(cluster!);
const asked = (from: string, name: string) =>
  resolveName(dns, from, name).queries.map((q) => `${q.type} ${q.name} ${q.rcode}`);

describe('the resolv.conf the kubelet writes', () => {
  const conf = (name: string) => dns.resolvConfFor(`pod/shop/${name}`);
  it('ClusterFirst: kube-dns, the three cluster search domains, ndots:5', () => {
    expect(resolveName(dns, 'pod/shop/client', 'cart').resolvConf).toBe(
      'search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
  });
  it('Default, and ClusterFirst on the host network: the node’s own resolver', () => {
    expect(conf('plain')).toMatchObject({ nameservers: ['192.168.56.1'], searches: [], options: [] });
    expect(conf('host')).toMatchObject({ nameservers: ['192.168.56.1'], searches: [] });
  });
  it('ClusterFirstWithHostNet: the cluster’s, even on the host network', () => {
    expect(conf('host-cluster')).toMatchObject({
      nameservers: ['10.96.0.10'],
      searches: ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
    });
  });
  it('None: only dnsConfig; otherwise dnsConfig is appended and its options override', () => {
    expect(conf('custom')).toMatchObject({
      nameservers: ['1.1.1.1'],
      searches: ['corp.example'],
      options: [
        { name: 'ndots', value: '2' },
        { name: 'edns0', value: null },
      ],
    });
    expect(conf('merged')).toMatchObject({
      nameservers: ['10.96.0.10'],
      searches: ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'corp.example'],
      options: [{ name: 'ndots', value: '1' }],
    });
  });
  it('reports a None policy without nameservers, and more than 3, as the API server does', () => {
    const { diagnostics } = loadCluster(
      pod('a', 'x', '  dnsPolicy: None\n') +
        pod(
          'a',
          'x2',
          '  dnsPolicy: None\n  dnsConfig: {nameservers: [1.1.1.1, 1.1.1.2, 1.1.1.3, 1.1.1.4]}\n',
        ),
    );
    expect(diagnostics.map((d) => d.message)).toEqual([
      'Required value: must provide `dnsConfig` when `dnsPolicy` is None',
      'Invalid value: ["1.1.1.1","1.1.1.2","1.1.1.3","1.1.1.4"]: must not have more than 3 nameservers',
    ]);
  });
});

describe('the glibc search, query by query', () => {
  it('cart → A and AAAA for cart.shop.svc.cluster.local. (2 queries)', () => {
    expect(asked('pod/shop/client', 'cart')).toEqual([
      'A cart.shop.svc.cluster.local. NOERROR',
      'AAAA cart.shop.svc.cluster.local. NOERROR (NODATA)',
    ]);
  });

  it('api.example.com → three NXDOMAIN pairs under the search domains, then the name itself (8 queries)', () => {
    expect(asked('pod/shop/client', 'api.example.com')).toEqual([
      'A api.example.com.shop.svc.cluster.local. NXDOMAIN',
      'AAAA api.example.com.shop.svc.cluster.local. NXDOMAIN',
      'A api.example.com.svc.cluster.local. NXDOMAIN',
      'AAAA api.example.com.svc.cluster.local. NXDOMAIN',
      'A api.example.com.cluster.local. NXDOMAIN',
      'AAAA api.example.com.cluster.local. NXDOMAIN',
      'A api.example.com. NXDOMAIN',
      'AAAA api.example.com. NXDOMAIN',
    ]);
  });

  it('my-svc.other: NXDOMAIN in the pod’s namespace, found under svc.cluster.local', () => {
    expect(asked('pod/shop/client', 'my-svc.other')).toEqual([
      'A my-svc.other.shop.svc.cluster.local. NXDOMAIN',
      'AAAA my-svc.other.shop.svc.cluster.local. NXDOMAIN',
      'A my-svc.other.svc.cluster.local. NOERROR',
      'AAAA my-svc.other.svc.cluster.local. NOERROR (NODATA)',
    ]);
  });

  it('a trailing dot asks only the name; five dots ask it first', () => {
    const search = ['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local'];
    expect(searchCandidates('example.com.', search, 5)).toEqual(['example.com.']);
    expect(searchCandidates('a.b.c.d.e.f', search, 5)[0]).toBe('a.b.c.d.e.f.');
    expect(asked('pod/shop/client', 'cart.shop.svc.cluster.local.')).toEqual([
      'A cart.shop.svc.cluster.local. NOERROR',
      'AAAA cart.shop.svc.cluster.local. NOERROR (NODATA)',
    ]);
  });

  it('honours ndots from dnsConfig', () => {
    expect(asked('pod/shop/merged', 'cart.shop')[0]).toBe('A cart.shop. NXDOMAIN');
  });

  it('answers a pod’s own names from the kubelet’s /etc/hosts, without a query', () => {
    const r = resolveName(dns, 'pod/shop/db-0', 'db-0.db.shop.svc.cluster.local');
    expect(r).toMatchObject({ source: 'hosts', queries: [] });
    expect(r.addresses).toEqual([formatIpv4(cluster!.addressing.podIPs.get('shop/db-0')!)]);
  });

  it('refuses a name over 253 characters or with an empty label', () => {
    expect(() => resolveName(dns, 'pod/shop/client', `${'a'.repeat(60)}.`.repeat(5))).toThrow(ResolveError);
    expect(() => resolveName(dns, 'pod/shop/client', 'cart..shop')).toThrow(/empty label/);
  });
});

describe('queries are packets', () => {
  it('sends each question to kube-dns, DNATed to a CoreDNS pod, and the answer back through conntrack', () => {
    const t = traceToJson(traceConnection(cluster!, cluster!, { from: 'pod/shop/client', to: 'cart:80' }));
    expect(t.dns!.queries.map((q) => q.type)).toEqual(['A', 'AAAA']);
    for (const q of t.dns!.queries) {
      expect(q.trace!.request).toMatchObject({ to: '10.96.0.10:53', protocol: 'udp' });
      expect(q.trace!.deliveredTo!.pod).toMatch(/^kube-system\/coredns-/);
      expect(q.trace!.deliveredTo!.port).toBe(53);
      expect(q.trace!.reply!.verdict).toBe('delivered');
      expect(q.trace!.hops.some((h) => h.nat?.kind === 'DNAT' && h.nat.from === '10.96.0.10:53')).toBe(true);
    }
    // A and AAAA share the socket, so the AAAA follows the A's conntrack entry to the same replica.
    expect(t.dns!.queries[1]!.trace!.deliveredTo).toEqual(t.dns!.queries[0]!.trace!.deliveredTo);
    expect(t.request.label).toBe('cart');
    expect(t.hops[0]!.packet.dst).toBe(`${t.dns!.addresses[0]}:80`);
  });

  it('times out when kubeadm skipped the CoreDNS addon: nothing answers at 10.96.0.10', () => {
    const { cluster: bare } = loadCluster(
      `${yaml}---\napiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\nskipPhases: [addon/coredns]\n`,
    );
    const t = traceConnection(bare!, bare!, { from: 'pod/shop/client', to: 'cart:80' });
    expect(t.verdict).toBe('dropped');
    expect(t.reason).toContain('EAI_AGAIN');
    expect(t.dns!.queries[0]!.rcode).toBe('TIMEOUT');
  });
});

describe('a search candidate too long for DNS', () => {
  it('ends the search list; the name is then asked as it is (glibc 2.36)', () => {
    const label = 'a'.repeat(60);
    const name = `${label}.${label}.${label}.${label}.abc`; // 247 characters, 4 dots < ndots 5
    const result = glibcSearch(
      name,
      ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
      5,
      ['A', 'AAAA'],
      () =>
        ({
          rcode: 'NXDOMAIN',
          answer: [],
          authority: [],
          additional: [],
          by: 'test',
        }) as never,
    );
    expect(result.steps.map((s) => `${s.name.length} ${s.type}`)).toEqual([
      `${name.length + 1} A`,
      `${name.length + 1} AAAA`,
    ]);
  });
});
