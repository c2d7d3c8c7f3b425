// `npm run bench`: build and trace figures for three cluster sizes — a classroom cluster, a large one, and
// Kubernetes' documented limits (5,000 nodes, 150,000 pods, 10,000 Services). Each tier runs in its own
// process so its peak memory is its own. Prints a table; targets are in the issue and the README.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadCluster } from '../engine/cluster/cluster';
import { traceConnection } from '../engine/trace/trace';
import { traceToJson } from '../engine/trace/json';
import { type Tier, TIERS, tierYaml } from './bench-tiers';
import { dnsIngressRows, dnsIngressTable } from './bench-dns-ingress';
import { measureMode, MODE_SIZES, MODES, type ModeRow, modesTable } from './bench-modes';

function ms(start: number): number {
  return performance.now() - start;
}

/**
 * One measured build and trace. `measureHeap` forces full collections around the rule generation to see
 * what the rules keep; forced collections slow the runs after them, so only one run per tier does it.
 */
function runTier(t: Tier, measureHeap: boolean): Record<string, string | number> {
  const text = tierYaml(t);
  let t0 = performance.now();
  const { cluster, diagnostics } = loadCluster(text, `${t.name}.yaml`, { maxBytes: 64 * 1024 * 1024 });
  const buildMs = ms(t0);
  if (!cluster)
    throw new Error(
      diagnostics
        .slice(0, 3)
        .map((d) => d.message)
        .join('; '),
    );
  const gc = measureHeap ? (globalThis as { gc?: () => void }).gc : undefined;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  t0 = performance.now();
  const kp = cluster.kubeProxyRules('n0');
  const rulesMs = ms(t0);
  gc?.();
  const rulesHeapMB = gc ? Math.round((process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024) : -1;
  t0 = performance.now();
  const ruleset = cluster.nodeRuleset('n0');
  const installMs = ms(t0);
  // The worst case for iptables: the Service whose KUBE-SERVICES rule comes last.
  // The file's own Services (kube-system's kube-dns is the add-on's and has no port 80).
  const last = cluster.scenario.services
    .filter((s) => s.namespace === 'default')
    .sort((a, b) => (`${a.namespace}/${a.name}` < `${b.namespace}/${b.name}` ? -1 : 1))
    .pop()!;
  const request = { from: 'pod/default/client', to: `svc/default/${last.name}:80` };
  t0 = performance.now();
  const first = traceToJson(traceConnection(cluster, cluster, { ...request, seed: 1 }));
  const firstTraceMs = ms(t0);
  // Cold: each seed may pick an endpoint on a node not built yet (its namespace and iptables are built
  // lazily). Warm: the same seeds again, every namespace already built: the cost of the packet walk itself.
  const runs = 20;
  t0 = performance.now();
  for (let i = 0; i < runs; i++) traceConnection(cluster, cluster, { ...request, seed: i + 2 });
  const coldMs = ms(t0) / runs;
  t0 = performance.now();
  for (let i = 0; i < runs; i++) traceConnection(cluster, cluster, { ...request, seed: i + 2 });
  const traceMs = ms(t0) / runs;
  const prerouting = first.hops.find((h) => h.kind === 'prerouting' && h.direction === 'request');
  return {
    tier: t.name,
    nodes: cluster.scenario.nodes.length,
    pods: cluster.scenario.pods.length,
    services: cluster.scenario.services.length,
    'yaml bytes': text.length,
    'parse+build ms': +buildMs.toFixed(1),
    'node rules ms': +rulesMs.toFixed(1),
    'node iptables rules': kp.natRules.length + kp.filterRules.length,
    'node rules heap MB': rulesHeapMB,
    'install ms': +installMs.toFixed(1),
    'ruleset rules': ruleset.ruleCount(),
    'first trace ms': +firstTraceMs.toFixed(2),
    'trace ms (new node)': +coldMs.toFixed(2),
    'trace ms': +traceMs.toFixed(2),
    'classroom build+trace ms': +(buildMs + rulesMs + installMs + firstTraceMs).toFixed(1),
    'rules / first packet (PREROUTING)': prerouting?.rulesEvaluated ?? 0,
    'rules / round trip': first.rulesEvaluated,
    verdict: first.verdict,
    'peak RSS MB (whole run)': Math.round(process.resourceUsage().maxRSS / 1024),
    targets: t.targets,
  };
}

const tierArg = process.argv.indexOf('--tier');
if (tierArg >= 0) {
  const tier = TIERS[process.argv[tierArg + 1] ?? ''];
  if (!tier) throw new Error('unknown tier');
  // Small tiers run several times and report each figure's median, so they measure the engine rather
  // than V8's compiler warming up; the limits tier runs once (twice would double the run time).
  const repeats = tier.name === 'classroom' ? 60 : tier.name === 'large' ? 3 : 1;
  const runs = Array.from({ length: repeats }, () => runTier(tier, repeats === 1));
  // The heap figure comes from one extra run (the only one) for the small tiers.
  const heapMB = repeats === 1 ? runs[0]!['node rules heap MB']! : runTier(tier, true)['node rules heap MB']!;
  const median = (k: string): string | number => {
    const values = runs.map((r) => r[k]!);
    if (typeof values[0] !== 'number') return values[0]!;
    const sorted = (values as number[]).slice().sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)]!;
  };
  const row = Object.fromEntries(Object.keys(runs[0]!).map((k) => [k, median(k)]));
  row['node rules heap MB'] = heapMB;
  row['runs (median shown)'] = repeats;
  process.stdout.write(JSON.stringify(row) + '\n');
} else {
  const self = fileURLToPath(import.meta.url);
  const rows: Record<string, string | number>[] = [];
  for (const name of Object.keys(TIERS)) {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--expose-gc', '--max-old-space-size=6144', self, '--tier', name],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) {
      process.stderr.write(r.stderr);
      process.exit(1);
    }
    rows.push(JSON.parse(r.stdout.trim().split('\n').pop()!));
    process.stderr.write(`  ${name} done\n`);
  }
  const keys = Object.keys(rows[0]!);
  const width = Math.max(...keys.map((k) => k.length));
  for (const k of keys)
    process.stdout.write(`${k.padEnd(width)}  ${rows.map((r) => String(r[k]).padStart(14)).join('  ')}\n`);
  // kube-proxy modes side by side (scripts/bench-modes.ts).
  const modeRows: ModeRow[] = [];
  for (const n of MODE_SIZES) for (const mode of MODES) modeRows.push(measureMode(n, mode));
  process.stdout.write('\n' + modesTable(modeRows));
  // Cluster DNS and Ingress (scripts/bench-dns-ingress.ts).
  process.stdout.write('\n' + dnsIngressTable(dnsIngressRows()));
}
