// kube-proxy modes side by side at 1,000 / 10,000 / 30,000 Services: rule generation for one node, the first
// packet's evaluation time (a pod connecting to the Service whose iptables rule comes last), and the rules
// or lookups that packet needed at PREROUTING. iptables walks KUBE-SERVICES; nftables looks up one verdict
// map; IPVS walks a fixed handful of ip-set rules and makes one service-table lookup at LOCAL_IN (counted
// with PREROUTING here). userspace was removed in v1.26. Run: `npx tsx scripts/bench-modes.ts`.
import { loadCluster } from '../engine/cluster/cluster';
import { proxyMode } from '../engine/kube-proxy/modes';
import { PROXY_MODE_NAMES, type ProxyMode } from '../engine/model/proxy-mode';
import { syntheticScenario, syntheticServiceName } from '../engine/scenario/synthetic-scenario';
import { traceToJson } from '../engine/trace/json';
import { traceConnection } from '../engine/trace/trace';

export const MODE_SIZES = [1000, 10000, 30000] as const;
export const MODES: readonly ProxyMode[] = PROXY_MODE_NAMES;

/** N Services over 100 Deployments of 2 replicas (object caps allow 50,000 objects, not one Deployment per Service). */
export function modeYaml(services: number, mode: ProxyMode): string {
  return syntheticScenario({ nodes: 3, services, deployments: 100, replicas: 2, proxyMode: mode });
}

export interface ModeRow {
  readonly mode: ProxyMode;
  readonly services: number;
  readonly rulesMs: number;
  readonly firstPacketMs: number;
  readonly withJsonMs: number;
  readonly evaluatedAtPrerouting: number;
  readonly verdict: string;
}

export function measureMode(services: number, mode: ProxyMode): ModeRow {
  const { cluster, diagnostics } = loadCluster(modeYaml(services, mode), `modes-${services}.yaml`, {
    maxBytes: 64 * 1024 * 1024,
  });
  if (!cluster)
    throw new Error(
      diagnostics
        .slice(0, 3)
        .map((d) => d.message)
        .join('; '),
    );
  let t0 = performance.now();
  cluster.proxyRules(proxyMode(mode), 'n0');
  const rulesMs = performance.now() - t0;
  cluster.nodeRuleset('n0');
  const last = syntheticServiceName({ services }, services - 1);
  const request = { from: 'pod/default/client', to: `svc/default/${last}:80`, seed: 1 };
  // Build every node's namespace and rules first: rule generation is measured above, and this figure is
  // the packet walk itself (different seeds pick endpoints on different nodes).
  for (const n of cluster.scenario.nodes) cluster.netns(`node/${n.name}`);
  traceToJson(traceConnection(cluster, cluster, request));
  const runs = 10;
  // The simulator's walk of the packet (request and reply), then the same with the JSON the CLI prints.
  t0 = performance.now();
  for (let i = 0; i < runs; i++) traceConnection(cluster, cluster, { ...request, seed: i + 1 });
  const firstPacketMs = (performance.now() - t0) / runs;
  t0 = performance.now();
  let trace = traceToJson(traceConnection(cluster, cluster, request));
  for (let i = 1; i < runs; i++)
    trace = traceToJson(traceConnection(cluster, cluster, { ...request, seed: i + 1 }));
  const withJsonMs = (performance.now() - t0) / runs;
  const prerouting = trace.hops.find((h) => h.kind === 'prerouting' && h.direction === 'request');
  // IPVS decides at LOCAL_IN with one lookup in its service table.
  const ipvs = trace.hops.find((h) => h.kind === 'ipvs' && h.direction === 'request');
  return {
    mode,
    services,
    rulesMs,
    firstPacketMs,
    withJsonMs,
    evaluatedAtPrerouting: (prerouting?.rulesEvaluated ?? 0) + (ipvs?.rulesEvaluated ?? 0),
    verdict: trace.verdict,
  };
}

export function modesTable(rows: readonly ModeRow[]): string {
  const head =
    'mode       services  node rules ms  traced packet ms  + trace JSON ms  rules/lookups at PREROUTING  verdict';
  const body = rows.map(
    (r) =>
      `${r.mode.padEnd(9)} ${String(r.services).padStart(9)} ${r.rulesMs.toFixed(1).padStart(14)} ${r.firstPacketMs.toFixed(2).padStart(17)} ${r.withJsonMs.toFixed(2).padStart(15)} ${String(r.evaluatedAtPrerouting).padStart(28)}  ${r.verdict}`,
  );
  return (
    [
      head,
      ...body,
      'ipvs is deprecated since v1.35 (its count includes the one IPVS lookup); userspace was removed in v1.26 (simulated as it was: its portal chains grow with the Services)',
    ].join('\n') + '\n'
  );
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const rows: ModeRow[] = [];
  for (const n of MODE_SIZES) for (const mode of MODES) rows.push(measureMode(n, mode));
  process.stdout.write(modesTable(rows));
}
