// DNS and Ingress figures for `npm run bench` (issue 5): resolution time per name through the glibc search
// list and CoreDNS's answers, the same with every query traced as packets, and ingress-nginx routing time
// with 1,000 Ingress rules.
import { readFileSync } from 'node:fs';
import { loadCluster } from '../engine/cluster/cluster';
import { clusterDnsOf, resolveName } from '../engine/dns/resolve';
import { buildNginxModel } from '../engine/ingress/nginx-servers';
import { routeRequest } from '../engine/ingress/route';
import { traceConnection } from '../engine/trace/trace';

function perCall(n: number, fn: (i: number) => void): number {
  for (let i = 0; i < Math.min(n, 20); i++) fn(i); // warm the JIT
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  return (performance.now() - t0) / n;
}

export function dnsIngressRows(): string[][] {
  const rows: string[][] = [];
  const text = readFileSync(new URL('../scenarios/default.yaml', import.meta.url), 'utf8');
  const { cluster } = loadCluster(text, 'default.yaml');
  if (!cluster) throw new Error('default scenario does not load');
  const dns = clusterDnsOf(cluster);
  for (const [name, what] of [
    ['web', 'short name, found on the 1st search domain (2 queries)'],
    ['web.default.svc.cluster.local', 'full name, 4 dots < ndots 5: search list first (8 queries)'],
    ['api.example.com', 'outside name: 3 NXDOMAIN pairs, then as is (8 queries)'],
  ] as const) {
    let queries = 0;
    const ms = perCall(200, () => {
      queries = resolveName(dns, 'pod/default/client', name).queries.length;
    });
    rows.push([`resolve ${name}`, `${(ms * 1000).toFixed(0)} µs`, `${queries} queries; ${what}`]);
  }
  const traced = perCall(20, (i) =>
    traceConnection(cluster, cluster, { from: 'pod/default/client', to: 'web:80', seed: i + 1 }),
  );
  rows.push([
    'trace to web:80 (queries as packets + connection)',
    `${traced.toFixed(2)} ms`,
    'every query DNATed to a CoreDNS pod and back',
  ]);

  // 1,000 Ingress rules: 100 Ingresses x 10 hosts, each host with one Prefix path.
  const docs: string[] = ['apiVersion: v1\nkind: List\nitems:'];
  docs.push(
    '- {apiVersion: v1, kind: Service, metadata: {name: web}, spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}}',
  );
  docs.push(
    '- {apiVersion: v1, kind: Pod, metadata: {name: web, labels: {app: web}}, spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}}',
  );
  for (let i = 0; i < 100; i++) {
    const rules = Array.from(
      { length: 10 },
      (_, j) =>
        `{host: h${i}-${j}.example.com, http: {paths: [{path: /p${j}, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}`,
    ).join(', ');
    docs.push(
      `- {apiVersion: networking.k8s.io/v1, kind: Ingress, metadata: {name: i${i}}, spec: {ingressClassName: nginx, rules: [${rules}]}}`,
    );
  }
  const big = loadCluster(docs.join('\n') + '\n', 'ingress-1000.yaml');
  if (!big.cluster)
    throw new Error(
      big.diagnostics
        .slice(0, 3)
        .map((d) => d.message)
        .join('; '),
    );
  const ingresses = big.cluster.scenario.ingress?.ingresses ?? [];
  const rulesCount = ingresses.reduce((n, ing) => n + ing.rules.length, 0);
  let model = buildNginxModel(ingresses);
  const buildMs = perCall(20, () => {
    model = buildNginxModel(ingresses);
  });
  rows.push([
    `ingress-nginx model from ${rulesCount} Ingress rules`,
    `${buildMs.toFixed(2)} ms`,
    `${model.servers.size} nginx servers`,
  ]);
  const routeMs = perCall(2000, (i) =>
    routeRequest(model, { scheme: 'http', host: `h${i % 100}-${i % 10}.example.com`, path: `/p${i % 10}/x` }),
  );
  rows.push([
    'route one request (host, then location)',
    `${(routeMs * 1000).toFixed(1)} µs`,
    'exact host lookup, longest-prefix location',
  ]);
  return rows;
}

export function dnsIngressTable(rows: readonly string[][]): string {
  const w0 = Math.max(...rows.map((r) => r[0]!.length));
  const w1 = Math.max(...rows.map((r) => r[1]!.length));
  return rows.map((r) => `${r[0]!.padEnd(w0)}  ${r[1]!.padStart(w1)}  ${r[2]}`).join('\n') + '\n';
}
