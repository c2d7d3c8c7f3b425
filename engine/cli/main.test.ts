// The command-line tool as a user meets it: exit codes, output formats, and errors that say where.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeShare } from '../share/link-codec';
import { runCli } from './main';

const scenarios = new URL('../../scenarios/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'podpath-cli-'));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('podpath validate', () => {
  it('accepts the default scenario', async () => {
    const r = await run('validate', join(scenarios, 'default.yaml'));
    expect(r.code).toBe(0);
    // The file's 4 pods and 1 Service, plus kubeadm's CoreDNS (2 pods behind kube-system/kube-dns) and
    // kube-apiserver's default/kubernetes.
    expect(r.out).toContain('2 nodes, 6 pods, 3 services');
  });

  it('reports invalid YAML with file, line and column, and exits 1', async () => {
    const bad = file('bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   labels: [\n');
    const r = await run('validate', bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.yaml:\d+:\d+: error: /);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('names the document, line and field of a wrong type', async () => {
    const bad = file(
      'type.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: three\n',
    );
    const r = await run('validate', bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain('type.yaml:5:13: error:');
    expect(r.err).toContain('field spec.replicas');
  });

  it('rejects two Services claiming one ClusterIP', async () => {
    const bad = file(
      'dup.yaml',
      ['a', 'b']
        .map(
          (n) =>
            `apiVersion: v1\nkind: Service\nmetadata: {name: ${n}}\nspec: {clusterIP: 10.96.0.20, ports: [{port: 80}]}\n`,
        )
        .join('---\n'),
    );
    const r = await run('validate', bad);
    expect(r.code).toBe(1);
    expect(r.err).toContain('provided IP is already allocated');
    expect(r.err).toContain('field spec.clusterIP');
  });

  it('reports an exhausted pod CIDR as the kubelet would', async () => {
    const text = `apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nspec: {podCIDR: 10.244.0.0/30}\n---\napiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking: {podSubnet: 10.244.0.0/16}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 3, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c}]}}}\n`;
    const r = await run('validate', file('full.yaml', text));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no IP addresses available in range set|too small to allocate/);
  });

  it('says when the file does not exist', async () => {
    const r = await run('validate', join(dir, 'missing.yaml'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('no such file');
  });
});

describe('podpath rules and cni', () => {
  it('prints the kube-proxy restore payload and the node iptables-save', async () => {
    const restore = await run('rules', join(scenarios, 'default.yaml'), '--node', 'node-1');
    expect(restore.out.startsWith('*filter\n')).toBe(true);
    expect(restore.out).toContain('-j MARK --or-mark 0x00004000');
    const save = await run('rules', join(scenarios, 'default.yaml'), '--node', 'node-1', '--format', 'save');
    expect(save.out).toContain('--set-xmark 0x4000/0x4000');
    expect(save.out).toContain(
      '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
    );
  });

  it('prints the CNI ADD result of a pod', async () => {
    const r = await run('cni', join(scenarios, 'default.yaml'), '--pod', 'default/client');
    const result = JSON.parse(r.out);
    expect(result.cniVersion).toBe('0.3.1');
    expect(result.ips[0]).toEqual({
      version: '4',
      interface: 2,
      address: '10.244.0.2/24',
      gateway: '10.244.0.1',
    });
    expect(
      result.interfaces.map((i: { name: string }) => i.name.replace(/^veth[0-9a-f]{8}$/, 'vethXXXXXXXX')),
    ).toEqual(['cni0', 'vethXXXXXXXX', 'eth0']);
  });

  it('is a usage error without --node', async () => {
    const r = await run('rules', join(scenarios, 'default.yaml'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('--node is required');
  });
});

describe('podpath trace', () => {
  it('prints the documented JSON', async () => {
    const r = await run(
      'trace',
      join(scenarios, 'default.yaml'),
      '--from',
      'pod/default/client',
      '--to',
      'svc/default/web:http',
      '--json',
      '--seed',
      '7',
    );
    expect(r.code).toBe(0);
    const t = JSON.parse(r.out);
    expect(t.verdict).toBe('delivered');
    expect(t.deliveredTo.pod).toMatch(/^default\/web-/);
    const kinds = t.hops.map((h: { kind: string }) => h.kind);
    expect(kinds).toContain('prerouting');
    for (const h of t.hops) {
      expect(h).toHaveProperty('node');
      expect(h).toHaveProperty('device');
      expect(h.packet.src).toMatch(/^\d+\.\d+\.\d+\.\d+(:\d+)?$/);
      for (const rule of h.rules)
        expect(Object.keys(rule)).toEqual(expect.arrayContaining(['table', 'chain', 'rule', 'matched']));
    }
  });

  it('is byte-for-byte repeatable for a seed', async () => {
    const args = [
      'trace',
      join(scenarios, 'nodeport-policies.yaml'),
      '--from',
      'external/203.0.113.10',
      '--to',
      '192.168.56.11:30080',
      '--json',
      '--seed',
      '3',
    ];
    expect((await run(...args)).out).toBe((await run(...args)).out);
  });

  it('explains a destination it cannot resolve', async () => {
    const r = await run(
      'trace',
      join(scenarios, 'default.yaml'),
      '--from',
      'pod/default/client',
      '--to',
      'svc/default/web:https',
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('has no port https');
  });
});

describe('podpath dns', () => {
  it('prints the resolv.conf, every query with its rcode and the replica that answered, and the answer', async () => {
    const r = await run('dns', join(scenarios, 'default.yaml'), '--from', 'pod/default/client', 'web');
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      '  search default.svc.cluster.local svc.cluster.local cluster.local\n  nameserver 10.96.0.10\n  options ndots:5\n',
    );
    expect(r.out).toMatch(
      / 1 {2}A {5}web\.default\.svc\.cluster\.local\. {2}NOERROR via 10\.96\.0\.10:53 → kube-system\/coredns-\S+ on node-\d/,
    );
    expect(r.out).toContain('AAAA  web.default.svc.cluster.local.  NOERROR (NODATA)');
    expect(r.out).toContain('web.default.svc.cluster.local.\t30\tIN\tA\t10.96.1.1');
  });

  it('gives JSON with the queries in glibc’s order, and exits 1 for a name that does not exist', async () => {
    const r = await run(
      'dns',
      join(scenarios, 'default.yaml'),
      '--from',
      'pod/default/client',
      'api.example.com',
      '--json',
    );
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.schema).toBe('podpath.dns/v1');
    expect(j.queries.map((q: { name: string; type: string }) => `${q.type} ${q.name}`)).toEqual(
      [
        'api.example.com.default.svc.cluster.local.',
        'api.example.com.svc.cluster.local.',
        'api.example.com.cluster.local.',
        'api.example.com.',
      ].flatMap((n) => [`A ${n}`, `AAAA ${n}`]),
    );
    expect(j.failure).toBe('EAI_NONAME');
  });

  it('asks SRV and PTR with --type (an address becomes its in-addr.arpa name)', async () => {
    const srv = await run(
      'dns',
      join(scenarios, 'default.yaml'),
      '--from',
      'pod/default/client',
      '--type',
      'SRV',
      '_dns._udp.kube-dns.kube-system.svc.cluster.local.',
    );
    expect(srv.out).toContain(
      '_dns._udp.kube-dns.kube-system.svc.cluster.local.\t30\tIN\tSRV\t0 100 53 kube-dns.kube-system.svc.cluster.local.',
    );
    const ptr = await run(
      'dns',
      join(scenarios, 'default.yaml'),
      '--from',
      'pod/default/client',
      '--type',
      'PTR',
      '10.96.0.10',
    );
    expect(ptr.out).toContain(
      '10.0.96.10.in-addr.arpa.\t30\tIN\tPTR\tkube-dns.kube-system.svc.cluster.local.',
    );
  });

  it('is a usage error without a NAME or with an unknown --type', async () => {
    expect((await run('dns', join(scenarios, 'default.yaml'), '--from', 'pod/default/client')).code).toBe(2);
    expect(
      (
        await run(
          'dns',
          join(scenarios, 'default.yaml'),
          '--from',
          'pod/default/client',
          'web',
          '--type',
          'MX',
        )
      ).code,
    ).toBe(2);
  });

  it('traces a connection to a name: resolution first, then the connection', async () => {
    const r = await run(
      'trace',
      join(scenarios, 'default.yaml'),
      '--from',
      'pod/default/client',
      '--to',
      'http://web.default.svc.cluster.local/',
      '--json',
    );
    const t = JSON.parse(r.out);
    expect(t.verdict).toBe('delivered');
    expect(t.dns.queries.at(-1)).toMatchObject({ name: 'web.default.svc.cluster.local.', type: 'AAAA' });
    expect(t.dns.addresses).toEqual(['10.96.1.1']);
  });
});

describe('podpath link', () => {
  it('makes the link the app opens: scenario, flow, seed and step', async () => {
    const r = await run('link', join(scenarios, 'default.yaml'), '--seed', '5', '--step', '9');
    expect(r.code).toBe(0);
    const decoded = await decodeShare(r.out.trim());
    expect(decoded).toMatchObject({
      ok: true,
      view: { flow: { from: 'pod/default/client', to: 'svc/default/web:http' }, seed: 5, step: 9 },
    });
  });
});

describe('podpath trace to a URL through the ingress controller', () => {
  const ingress = join(scenarios, 'ingress.yaml');

  it('connects to the LoadBalancer IP, routes by host and path, and traces the upstream leg to the pod', async () => {
    const r = await run(
      'trace',
      ingress,
      '--from',
      'external/203.0.113.10',
      '--to',
      'http://shop.example.com/api/orders',
      '--json',
    );
    expect(r.code).toBe(0);
    const t = JSON.parse(r.out);
    expect(t.verdict).toBe('delivered');
    expect(t.hops[0].packet.dst).toBe('192.0.2.80:80');
    expect(t.http).toMatchObject({
      request: { method: 'GET', scheme: 'http', host: 'shop.example.com', path: '/api/orders' },
      status: 200,
      matched: {
        ingress: 'default/shop',
        host: 'shop.example.com',
        path: '/api',
        pathType: 'Prefix',
        backend: 'default/api:http',
      },
      upstream: {
        name: 'default-api-http',
        pod: 'default/api',
        headers: { 'X-Forwarded-Proto': 'http', 'X-Forwarded-Host': 'shop.example.com' },
      },
    });
    expect(t.http.rules.filter((row: { winner: boolean }) => row.winner)).toHaveLength(1);
    expect(t.http.upstreamTrace.request.from).toMatch(/^pod\/ingress-nginx\/ingress-nginx-controller-/);
    expect(t.http.upstreamTrace.deliveredTo.pod).toBe('default/api');
  });

  it('prints the matching table, the status and the redirect in text', async () => {
    const r = await run(
      'trace',
      ingress,
      '--from',
      'external/203.0.113.10',
      '--to',
      'http://secure.example.com/login',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('status: 308 Permanent Redirect; Location: https://secure.example.com/login');
    expect(r.out).toMatch(/▶ location \/ +Prefix +→ default\/web:80 \(ingress default\/secure\)/);
  });

  it('reaches a NodePort when the controller has no LoadBalancer address', async () => {
    const text =
      'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec: {ingressClassName: nginx, defaultBackend: {service: {name: web, port: {number: 80}}}}\n';
    const r = await run(
      'trace',
      file('nodeport-ingress.yaml', text),
      '--from',
      'external/203.0.113.10',
      '--to',
      'http://any.example/',
      '--json',
    );
    const t = JSON.parse(r.out);
    expect(t.http.connect).toMatchObject({
      address: '192.168.56.11',
      via: expect.stringContaining('NodePort'),
    });
    expect(t.hops[0].packet.dst).toBe(`192.168.56.11:${t.http.connect.port}`);
    // The Service has no endpoints: nginx answers 503 itself.
    expect(t.http).toMatchObject({ status: 503, statusText: 'Service Temporarily Unavailable' });
  });
});
