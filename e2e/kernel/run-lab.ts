// The kernel conformance lab: builds each scenario in real network namespaces and checks the engine's
// traces against the Linux kernel (issue 4). `podpath lab FILE [--flow "--from … --to …"]…` calls runLab;
// `npx tsx e2e/kernel/run-lab.ts --all --json-results FILE` runs the committed set for `npm test`.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FlowSpec } from '../../engine/model/scenario';
import { loadCluster } from '../../engine/cluster/cluster';
import { parseIpv4 } from '../../engine/net/ipv4';
import { formatDiagnostic } from '../../engine/scenario';
import { type CheckId, type CheckResult, CHECK_NAMES, type LabFlow, runFlow } from './flow-run';
import { DNS_PLANS, type DnsResult, runDns } from './dns-run';
import { LabHost, removeStaleNamespaces, whyNotRunnable } from './host';
import { randomScenarios } from './random-scenarios';

export const CONFORMANCE_DIR = fileURLToPath(new URL('../../scenarios/conformance/', import.meta.url));
/** A Flow annotation the lab reads (the engine's Flow has no size): IP total length of the first packet. */
export interface LabOptions {
  readonly files: string[];
  /** Scenarios given as text (the `--random` generator's), checked after the files. */
  readonly generated?: readonly { readonly file: string; readonly text: string }[];
  /** Each `--from X --to Y [--protocol TCP|UDP] [--size N] [--name N]`; replaces the scenario's own flows. */
  readonly flows?: string[];
  readonly jsonResults?: string;
  readonly out?: (text: string) => void;
}

export interface LabSummary {
  readonly passed: number;
  readonly failed: number;
}

function writeResults(file: string | undefined, passed: number, failed: number, pending: number): void {
  if (!file) return;
  writeFileSync(
    file,
    JSON.stringify({
      numPassedTests: passed,
      numFailedTests: failed,
      numPendingTests: pending,
      testResults: [],
    }) + '\n',
  );
}

export function parseFlowOption(text: string, file: string, index: number): LabFlow {
  const words = text.trim().split(/\s+/);
  const get = (flag: string) => {
    const i = words.indexOf(flag);
    return i >= 0 ? words[i + 1] : undefined;
  };
  const from = get('--from');
  const to = get('--to');
  if (!from || !to) throw new Error(`--flow "${text}": expected --from … --to …`);
  const protocol = (get('--protocol') ?? 'TCP').toUpperCase();
  if (protocol !== 'TCP' && protocol !== 'UDP')
    throw new Error(`--flow "${text}": --protocol must be TCP or UDP`);
  const size = get('--size');
  return {
    file,
    name: get('--name') ?? `flow-${index + 1}`,
    from,
    to,
    protocol,
    ...(size !== undefined && { size: Number(size) }),
  };
}

/** The scenario's own Flow documents (`spec.size` sets the first packet's IP length). */
function scenarioFlows(file: string, flows: readonly FlowSpec[]): LabFlow[] {
  return flows
    .filter((f) => f.protocol === 'TCP' || f.protocol === 'UDP')
    .map((f) => ({
      file,
      name: f.name,
      from: f.from,
      to: f.to,
      protocol: f.protocol as 'TCP' | 'UDP',
      ...(f.size !== null && { size: f.size }),
    }));
}

interface Row {
  readonly flow: LabFlow;
  readonly results: readonly CheckResult[];
  readonly error?: string;
}

const CHECKS: readonly CheckId[] = [1, 2, 3, 4, 5, 6, 7];

/** Check 8 (dns), one row per name asked; not a flow, so in its own table. */
interface DnsRow {
  readonly file: string;
  readonly from: string;
  readonly result: DnsResult | null;
  readonly error?: string;
}

function reportDns(rows: readonly DnsRow[], out: (t: string) => void): void {
  if (rows.length === 0) return;
  const label = (r: DnsRow) =>
    `${shortFile(r.file)} ${r.from.replace(/^pod\//, '')} ${r.result?.name ?? ''}`.trimEnd();
  const width = Math.max(9, ...rows.map((r) => label(r).length));
  out(`\n${pad('dns check', width)}  8 dns       engine (queries → answer)\n`);
  for (const r of rows) {
    const status = r.error ? 'ERROR' : r.result!.status === 'disagree' ? 'DISAGREE' : r.result!.status;
    out(`${pad(label(r), width)}  ${pad(status, 10)}  ${r.error ? '' : r.result!.engine}\n`);
  }
  const verbose = process.env.LAB_VERBOSE === '1';
  const problems = rows.filter((r) => verbose || r.error || r.result!.status === 'disagree');
  if (problems.length > 0) out('\nWhere glibc and the engine differ (8 dns):\n');
  for (const r of problems) {
    out(`\n  ${label(r)}\n`);
    if (r.error) {
      out(`    error: ${r.error}\n`);
      continue;
    }
    out(`    engine: ${r.result!.engine}\n    kernel: ${r.result!.kernel}\n`);
    for (const d of r.result!.details) out(`        ${d}\n`);
  }
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function report(rows: readonly Row[], out: (t: string) => void): void {
  const width = Math.max(4, ...rows.map((r) => `${shortFile(r.flow.file)} ${r.flow.name}`.length));
  const cell = 10;
  out(
    `\n${pad('flow', width)}  ${CHECKS.map((c) => pad(`${c} ${CHECK_NAMES[c]}`.slice(0, cell), cell)).join(' ')}\n`,
  );
  for (const r of rows) {
    const cells = CHECKS.map((c) => {
      if (r.error) return pad('ERROR', cell);
      const res = r.results.find((x) => x.check === c);
      return pad(res ? (res.status === 'disagree' ? 'DISAGREE' : res.status) : '-', cell);
    });
    out(`${pad(`${shortFile(r.flow.file)} ${r.flow.name}`, width)}  ${cells.join(' ')}\n`);
  }
  // LAB_VERBOSE=1 prints both sides of every check, agreeing or not.
  const verbose = process.env.LAB_VERBOSE === '1';
  const problems = rows.filter((r) => verbose || r.error || r.results.some((x) => x.status === 'disagree'));
  if (problems.length > 0) out('\nWhere they differ:\n');
  for (const r of problems) {
    out(
      `\n  ${r.flow.name} (${shortFile(r.flow.file)}: ${r.flow.from} → ${r.flow.to} ${r.flow.protocol}${r.flow.size ? ` size ${r.flow.size}` : ''})\n`,
    );
    if (r.error) out(`    error: ${r.error}\n`);
    for (const x of r.results) {
      if (x.status !== 'disagree' && !verbose) continue;
      out(
        `    check ${x.check} ${CHECK_NAMES[x.check]}:\n      engine: ${x.engine}\n      kernel: ${x.kernel}\n`,
      );
      if (verbose && x.status !== 'disagree') out(`      (${x.status})\n`);
      for (const d of x.details ?? []) out(`        ${d}\n`);
    }
  }
}

function shortFile(file: string): string {
  return file
    .split('/')
    .pop()!
    .replace(/\.ya?ml$/, '');
}

export async function runLab(opts: LabOptions): Promise<LabSummary> {
  const out = opts.out ?? ((t: string) => process.stdout.write(t));
  out('Kernel conformance lab: each flow runs against a fresh copy of its scenario in network namespaces.\n');
  out(
    'IPVS cannot be checked: this kernel has no ip_vs (ipvsadm: "Protocol not available"); scenarios in ipvs mode are reported, not run.\n',
  );
  const why = whyNotRunnable();
  if (why) {
    out(`SKIPPED: the kernel lab cannot run here: ${why}.\n0 passed, 0 failed, 1 skipped\n`);
    writeResults(opts.jsonResults, 0, 0, 1);
    return { passed: 0, failed: 0 };
  }
  for (const stale of removeStaleNamespaces())
    out(`removed ${stale}, left by an earlier lab run that no longer exists\n`);

  const host = new LabHost();
  const onSignal = (signal: NodeJS.Signals) => {
    host.cleanup();
    process.stderr.write(`\nkernel lab interrupted (${signal}); its namespaces and processes are removed\n`);
    process.exit(130);
  };
  const onExit = () => host.cleanup();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', onExit);

  const rows: Row[] = [];
  const dnsRows: DnsRow[] = [];
  let loadFailures = 0;
  const started = Date.now();
  try {
    const sources = [
      ...opts.files.map((file) => ({ file, text: readFileSync(file, 'utf8') })),
      ...(opts.generated ?? []),
    ];
    for (const { file, text } of sources) {
      const { cluster, diagnostics } = loadCluster(text, file);
      if (!cluster) {
        out(`${file}: does not load:\n${diagnostics.map((d) => `  ${formatDiagnostic(d)}\n`).join('')}`);
        loadFailures++;
        continue;
      }
      if (cluster.scenario.kubeProxy.mode !== 'iptables' && cluster.scenario.kubeProxy.mode !== 'nftables') {
        out(
          `${file}: kube-proxy mode ${cluster.scenario.kubeProxy.mode} is not checked (only iptables and nftables modes can be asked of this kernel)\n`,
        );
        continue;
      }
      const flows = opts.flows?.length
        ? opts.flows.map((f, i) => parseFlowOption(f, file, i))
        : scenarioFlows(file, cluster.scenario.flows);
      if (flows.length === 0) out(`${file}: no TCP/UDP flows to check\n`);
      for (const flow of flows) {
        const t0 = Date.now();
        // A fresh cluster per flow: conntrack, `recent` lists and counters start empty on both sides.
        const fresh = loadCluster(text, file).cluster!;
        const ext = flow.from.startsWith('external/') ? parseIpv4(flow.from.slice(9)) : null;
        if (ext !== null) fresh.addExternalClient(ext);
        let row: Row;
        try {
          row = { flow, results: await runFlow(host, fresh, flow) };
        } catch (e) {
          row = { flow, results: [], error: e instanceof Error ? e.message : String(e) };
        } finally {
          host.cleanup();
        }
        rows.push(row);
        const bad = row.error
          ? 'error'
          : `${row.results.filter((r) => r.status === 'disagree').length} disagree`;
        out(`  ${shortFile(file)} ${flow.name}: ${bad} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
      }
      // Check 8: glibc's queries against the engine's, for the scenarios with a DNS plan (not with --flow).
      const plan = opts.flows?.length ? undefined : DNS_PLANS[shortFile(file)];
      if (plan) {
        const t0 = Date.now();
        let results: DnsRow[];
        try {
          const fresh = loadCluster(text, file).cluster!;
          results = (await runDns(host, fresh, plan)).map((result) => ({ file, from: plan.from, result }));
        } catch (e) {
          results = [
            { file, from: plan.from, result: null, error: e instanceof Error ? e.message : String(e) },
          ];
        } finally {
          host.cleanup();
        }
        dnsRows.push(...results);
        const bad = results.some((r) => r.error)
          ? 'error'
          : `${results.filter((r) => r.result!.status === 'disagree').length} disagree`;
        out(
          `  ${shortFile(file)} dns (${results.length} names): ${bad} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`,
        );
      }
    }
  } finally {
    host.cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', onExit);
  }

  report(rows, out);
  reportDns(dnsRows, out);
  let passed = 0;
  let failed = loadFailures;
  for (const r of rows) {
    if (r.error) failed++;
    for (const x of r.results) {
      if (x.status === 'agree') passed++;
      else if (x.status === 'disagree') failed++;
    }
  }
  for (const r of dnsRows) {
    if (r.error || r.result?.status === 'disagree') failed++;
    else if (r.result?.status === 'agree') passed++;
  }
  out(
    `\n(${rows.length} flows${dnsRows.length ? ` and ${dnsRows.length} DNS names` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s; n/a cells are not counted)\n${passed} passed, ${failed} failed\n`,
  );
  writeResults(opts.jsonResults, passed, failed, 0);
  return { passed, failed };
}

/** Random scenarios `--all` adds: each costs about 3–4 flows (~15 s each here). */
const DEFAULT_RANDOM_IN_ALL = 2;

/** A seed that differs from run to run (the lab is a test runner, not the engine: no determinism needed here). */
function freshSeed(): number {
  return Math.floor(Date.now() / 1000) % 1_000_000;
}

/**
 * Generates the scenarios and saves them under the system's temp folder, so a disagreement can be read and
 * rerun as a file; prints how to regenerate them.
 */
function savedRandomScenarios(count: number, seed: number): { file: string; text: string }[] {
  const dir = join(tmpdir(), `podpath-lab-random-${seed}`);
  mkdirSync(dir, { recursive: true });
  process.stdout.write(
    `random scenarios: ${count} from seed ${seed} (rerun: npx tsx e2e/kernel/run-lab.ts --random ${count} --seed ${seed}; files in ${dir})\n`,
  );
  return randomScenarios(count, seed).map((s) => {
    const file = join(dir, `${s.name}.yaml`);
    writeFileSync(file, s.text);
    return { file, text: s.text };
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const files: string[] = [];
  const flows: string[] = [];
  let jsonResults: string | undefined;
  let all = false;
  let randomCount: number | undefined;
  let randomSeed: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--all') {
      all = true;
      for (const f of readdirSync(CONFORMANCE_DIR)
        .filter((x) => x.endsWith('.yaml'))
        .sort())
        files.push(join(CONFORMANCE_DIR, f));
    } else if (a === '--random') randomCount = Number(argv[++i]);
    else if (a === '--seed') randomSeed = Number(argv[++i]);
    else if (a === '--flow') flows.push(argv[++i] ?? '');
    else if (a === '--json-results') jsonResults = argv[++i];
    else if (a.startsWith('--')) {
      process.stderr.write(
        `unknown option ${a}\nusage: run-lab.ts (--all | FILE…) [--flow "--from X --to Y [--protocol P] [--size N]"]… [--json-results FILE]\n`,
      );
      return 2;
    } else files.push(a);
  }
  // --all also checks a few fresh random scenarios (LAB_RANDOM of them, 2 unless set; 0 turns them off),
  // from a new seed each run unless LAB_RANDOM_SEED or --seed names one; the seed is printed to rerun them.
  if (all && randomCount === undefined) randomCount = Number(process.env.LAB_RANDOM ?? DEFAULT_RANDOM_IN_ALL);
  if (randomCount !== undefined && (!Number.isInteger(randomCount) || randomCount < 0)) {
    process.stderr.write('--random needs a count of scenarios (a whole number)\n');
    return 2;
  }
  randomSeed ??= process.env.LAB_RANDOM_SEED ? Number(process.env.LAB_RANDOM_SEED) : freshSeed();
  if (!Number.isInteger(randomSeed)) {
    process.stderr.write('--seed needs a whole number\n');
    return 2;
  }
  const generated = randomCount ? savedRandomScenarios(randomCount, randomSeed) : [];
  if (files.length === 0 && generated.length === 0) {
    process.stderr.write(
      'usage: run-lab.ts (--all | FILE… | --random N [--seed S]) [--flow "--from X --to Y [--protocol P] [--size N]"]… [--json-results FILE]\n',
    );
    return 2;
  }
  const { failed } = await runLab({
    files,
    generated,
    flows,
    ...(jsonResults !== undefined && { jsonResults }),
  });
  return failed === 0 ? 0 : 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
