// `npm run bench:real`: the CLI, whole process, on generated dumps shaped like kubectl's (real-dumps.ts),
// against issue 14's targets. Each run is a fresh `node bin/podpath.mjs` (the bundle users run), timed
// from spawn to exit; memory is the child's peak RSS (getrusage RUSAGE_CHILDREN, read through
// /usr/bin/time). The kernel comparison loads podpath's own restore text with iptables-restore in a scratch
// network namespace (root only), so both sides handle the same 10,000 Services.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { amplificationYaml, ISSUE_14_FILE } from '../engine/scenario/testdata/amplification';
import { dumpJson, dumpYaml, type DumpShape } from './real-dumps';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin/podpath.mjs');
const dir = mkdtempSync(join(tmpdir(), 'podpath-bench-real-'));
const TIME = '/usr/bin/time';
/** `npm run bench:real -- rules`: only the rules-versus-iptables-restore comparison (about a minute). */
const rulesOnly = process.argv[2] === 'rules';

interface Measured {
  seconds: number;
  /** User + system CPU time: on a shared machine the wall clock also counts other people's work. */
  cpu: number | null;
  rssMB: number | null;
  code: number | null;
  stderr: string;
}

function measure(cmd: string, args: string[], stdout?: string): Measured {
  const timed = existsSync(TIME);
  const started = performance.now();
  const r = spawnSync(timed ? TIME : cmd, timed ? ['-f', 'RSS_KB %M CPU %U %S', cmd, ...args] : args, {
    encoding: 'utf8',
    maxBuffer: 1024 ** 3,
  });
  const seconds = (performance.now() - started) / 1000;
  if (stdout !== undefined) writeFileSync(stdout, r.stdout);
  const m = /RSS_KB (\d+) CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  return {
    seconds,
    cpu: m ? Number(m[2]) + Number(m[3]) : null,
    rssMB: m ? Math.round(Number(m[1]) / 1024) : null,
    code: r.status,
    stderr: r.stderr,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const rows: string[][] = [];
function row(what: string, size: string, got: string, target: string, ok: boolean | null): void {
  rows.push([what, size, got, target, ok === null ? 'n/a' : ok ? 'holds' : 'MISSED']);
  process.stdout.write(`${what} | ${size} | ${got} | ${target} | ${rows.at(-1)![4]}\n`);
}

function mb(file: string): string {
  return `${(statSync(file).size / 1024 / 1024).toFixed(1)} MiB`;
}

// 1. Start-up: the bundle against node itself (npx adds npm's own start-up, printed apart).
if (!rulesOnly) {
  const node = median([1, 2, 3, 4, 5].map(() => measure(process.execPath, ['-e', '0']).seconds));
  const help = median([1, 2, 3, 4, 5].map(() => measure(process.execPath, [cli, 'help']).seconds));
  const npx = median([1, 2, 3].map(() => measure('npx', ['podpath', 'help']).seconds));
  row(
    'start-up: node bin/podpath.mjs help',
    '-',
    `${help.toFixed(3)} s = ${(help / node).toFixed(1)}× node -e 0 (${node.toFixed(3)} s)`,
    '≤ 4×',
    help <= 4 * node,
  );
  row('start-up: npx podpath help (npm itself included)', '-', `${npx.toFixed(3)} s`, '-', null);
}

// 2. Dumps, validated whole process.
const dumps: Array<{ name: string; shape: DumpShape; seconds: number; rss: number }> = [
  {
    name: 'svc+endpointslices, 10,000 Services',
    shape: { services: 10_000, podsPerService: 3, full: false, nodes: 100 },
    seconds: 3,
    rss: 1024,
  },
  {
    name: 'full dump with pods, 3,000 Services',
    shape: { services: 3_000, podsPerService: 3, full: true, nodes: 100 },
    seconds: 4,
    rss: 1536,
  },
];
for (const d of rulesOnly ? [] : dumps) {
  for (const format of ['json', 'yaml'] as const) {
    const file = join(dir, `${d.shape.services}-${d.shape.full ? 'full' : 'svc'}.${format}`);
    writeFileSync(file, format === 'json' ? dumpJson(d.shape) : dumpYaml(d.shape));
    const m = measure(process.execPath, [cli, 'validate', file]);
    const failed =
      m.code !== 0 ? ` (exit ${m.code}: ${m.stderr.split('\n').find((l) => l.includes('error')) ?? ''})` : '';
    row(
      `podpath validate, ${d.name} (-o ${format})`,
      mb(file),
      `${m.seconds.toFixed(1)} s (${m.cpu?.toFixed(1) ?? '?'} s CPU), ${m.rssMB ?? '?'} MB${failed}`,
      `≤ ${d.seconds} s, ≤ ${d.rss} MB`,
      m.code === 0 && m.seconds <= d.seconds && (m.rssMB ?? 0) <= d.rss,
    );
    rmSync(file);
  }
}

// 2b. Issue 14's amplification file: a few KB asking for 8 million endpoints, refused by the cost budget.
if (!rulesOnly) {
  const file = join(dir, 'amplification.yaml');
  writeFileSync(file, amplificationYaml(ISSUE_14_FILE));
  const m = measure(process.execPath, [cli, 'validate', file]);
  const refused = /budget/.test(m.stderr);
  row(
    'podpath validate, 199,000 replicas × 40 Services (refused by the cost budget)',
    `${(statSync(file).size / 1024).toFixed(0)} KiB`,
    `${m.seconds.toFixed(1)} s (${m.cpu?.toFixed(1) ?? '?'} s CPU), ${m.rssMB ?? '?'} MB, ${refused ? 'refused with a located error' : `exit ${m.code}, not refused`}`,
    '≤ 10 s, ≤ 2048 MB',
    refused && m.seconds <= 10 && (m.rssMB ?? 0) <= 2048,
  );
  rmSync(file);
}

// 3. One node's iptables rules for 10,000 Services from a JSON List, against iptables-restore of that text.
{
  // Ten nodes: the 2,000 pods do not fit one node's /24, and the ruleset printed is n0's either way.
  const items: unknown[] = Array.from({ length: 10 }, (_, n) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `n${n}` },
  }));
  for (let i = 0; i < 10_000; i++) {
    items.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: `s${i}` },
      spec: { selector: { a: `d${i % 1000}` }, ports: [{ port: 80, targetPort: 8080 }] },
    });
  }
  for (let i = 0; i < 1000; i++) {
    items.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: `d${i}` },
      spec: {
        replicas: 2,
        template: {
          metadata: { labels: { a: `d${i}` } },
          spec: { containers: [{ name: 'c', ports: [{ containerPort: 8080 }] }] },
        },
      },
    });
  }
  const file = join(dir, 'services-10k.json');
  writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  const out = join(dir, 'rules.txt');
  const runs = [1, 2, 3].map(() =>
    measure(process.execPath, [cli, 'rules', file, '--node', 'n0', '--format', 'restore'], out),
  );
  const podpath = median(runs.map((r) => r.seconds));
  const podpathCpu = median(runs.map((r) => r.cpu ?? NaN));
  const rules = readFileSync(out, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('-A ')).length;
  // The kernel side: the same text loaded by plain `iptables-restore` (flushing each table it names), each
  // run into a fresh network namespace so every run starts from the same empty tables. kube-proxy itself
  // runs it with --noflush --counters (proxier.go RestoreAll), but with iptables 1.8.9 (nf_tables) that took
  // over 100 s for this text here, so the plain load is the kernel's fastest figure and the fairer bar.
  // Whichever iptables the machine has is used (nf_tables or legacy, printed), as a node would. Its CPU
  // time is the process's user + system time, which includes the kernel's work on the netlink messages
  // made in that process's context.
  let kernel: { seconds: number; cpu: number; version: string } | null = null;
  const rootUser = process.getuid?.() === 0;
  const version = spawnSync('iptables-restore', ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
  if (rootUser && version !== '') {
    const restore = [1, 2, 3].map((n) => {
      const ns = `podpath-bench-${process.pid}-${n}`;
      if (spawnSync('ip', ['netns', 'add', ns]).status !== 0) throw new Error(`ip netns add ${ns} failed`);
      try {
        // KUBE-FORWARD's first rule counts into this nfacct object, as kube-proxy creates it before restoring.
        spawnSync('ip', ['netns', 'exec', ns, 'nfacct', 'add', 'ct_state_invalid_dropped_pkts']);
        const m = measure('ip', ['netns', 'exec', ns, 'iptables-restore', out], undefined);
        if (m.code !== 0) throw new Error(`iptables-restore failed: ${m.stderr.slice(0, 300)}`);
        return m;
      } finally {
        spawnSync('ip', ['netns', 'del', ns]);
      }
    });
    kernel = {
      seconds: median(restore.map((r) => r.seconds)),
      cpu: median(restore.map((r) => r.cpu ?? NaN)),
      version,
    };
  }
  // On a shared machine the wall clock counts other people's work too, so the ratio is taken on CPU time
  // (user + system of each whole process); the wall-clock ratio is printed beside it.
  row(
    `podpath rules --format restore (whole process) vs iptables-restore of its output`,
    `${mb(file)}, ${rules} rules`,
    kernel === null
      ? `${podpath.toFixed(2)} s (${podpathCpu.toFixed(2)} s CPU); iptables-restore not run (${rootUser ? 'not installed' : 'needs root'})`
      : `${podpathCpu.toFixed(2)} s CPU vs ${kernel.cpu.toFixed(2)} s CPU (${kernel.version}): ${(kernel.cpu / podpathCpu).toFixed(2)}× the kernel's speed; wall ${podpath.toFixed(2)} s vs ${kernel.seconds.toFixed(2)} s (${(kernel.seconds / podpath).toFixed(2)}×)`,
    '≥ 10×',
    kernel === null ? null : kernel.cpu / podpathCpu >= 10,
  );
}

rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `\nmachine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 1024 ** 3)} GiB, node ${process.version}\n`,
);
