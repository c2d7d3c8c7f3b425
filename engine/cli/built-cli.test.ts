// The bundled CLI (dist/cli/podpath.mjs, built by `npm install`'s prepare step) run as users run it: a
// separate node process, real arguments, real files, pipes and devices. Each case of issue 14's list of
// arguments and inputs that were accepted or read without bound has its test here.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const cli = join(root, 'bin/podpath.mjs');
const scenario = join(root, 'scenarios/default.yaml');
const dir = mkdtempSync(join(tmpdir(), 'podpath-built-'));

interface Run {
  code: number | null;
  out: string;
  err: string;
  ms: number;
}

function podpath(
  args: readonly string[],
  stdin?: string | ((w: NodeJS.WritableStream) => void),
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdin.on('error', () => undefined); // the CLI may stop reading (and exit) before we stop writing
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err, ms: performance.now() - started }));
    if (typeof stdin === 'function') stdin(child.stdin);
    else child.stdin.end(stdin ?? '');
  });
}

const trace = ['trace', scenario, '--from', 'pod/default/client', '--to', 'svc/default/web:http'];

/** One line of error, no stack trace. */
function oneLine(text: string): void {
  expect(text.trim().split('\n')).toHaveLength(1);
  expect(text).not.toMatch(/\n\s+at /);
}

// Each case starts a node process; on a shared 2-core machine one can take seconds.
const slow = { timeout: 60_000 };

describe('the built CLI: arguments', slow, () => {
  it('refuses a mistyped flag (--sed 7) with exit 2 and the usage line', async () => {
    const r = await podpath([...trace, '--sed', '7']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown option '--sed'");
    expect(r.err).toContain('usage: podpath trace FILE');
    expect(r.out).toBe('');
  });

  it('refuses a value given to a switch (--json=no)', async () => {
    const r = await podpath([...trace, '--json=no']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("option '--json' does not take an argument");
    expect(r.out).toBe('');
  });

  it('refuses a second FILE rather than ignoring it', async () => {
    const r = await podpath(['validate', scenario, scenario]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`unexpected operand "${scenario}"`);
    expect(r.err).toContain('usage: podpath validate FILE');
  });

  it.each([
    ['1e300', 'expected a decimal integer'],
    ['0x10', 'expected a decimal integer'],
    ['', 'expected a decimal integer'],
    ['-1', 'expected a decimal integer'],
    ['9007199254740992', 'out of range'], // 2^53: the first integer a double cannot tell from its neighbour
    ['9007199254740993', 'out of range'], // 2^53+1, which Number() rounds down
  ])('refuses --seed %j', async (seed, why) => {
    const r = await podpath([...trace, `--seed=${seed}`]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--seed `);
    expect(r.err).toContain(why);
  });

  it('accepts the largest seed, 2^53-1, and traces with it', async () => {
    const r = await podpath([...trace, '--seed', '9007199254740991', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).request.seed).toBe(9007199254740991);
  });

  it("quotes the URL's port as typed, not the address it was rewritten to", async () => {
    const r = await podpath([
      'trace',
      join(root, 'scenarios/ingress.yaml'),
      '--from',
      'external/203.0.113.10',
      '--to',
      'http://shop.example.com:99999/api',
    ]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('--to http://shop.example.com:99999/api: port must be 1-65535, got 99999');
  });

  it('lists the generated pod names with ls, and as JSON with ls --json', async () => {
    const table = await podpath(['ls', scenario]);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^NAME {3,}INTERNAL-IP {3,}POD-CIDR {3,}TAINTS\n/);
    expect(table.out).toMatch(/\ndefault {3,}web-[0-9a-z]{10}-[0-9a-z]{5} {3,}10\.244\./);
    const json = await podpath(['ls', scenario, '--json']);
    expect(JSON.parse(json.out).schema).toBe('podpath.ls/v1');
  });
});

describe('the built CLI: inputs', slow, () => {
  it('stops reading /dev/zero at once with a one-line error', async () => {
    const r = await podpath(['validate', '/dev/zero']);
    expect(r.code).toBe(1);
    oneLine(r.err);
    expect(r.err).toContain('/dev/zero: a NUL byte at offset 0');
  });

  it('reads - as standard input', async () => {
    const r = await podpath(
      ['validate', '-'],
      await import('node:fs').then((f) => f.readFileSync(scenario, 'utf8')),
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('<stdin>: valid — 2 nodes, 6 pods, 3 services');
  });

  it('stops an endless pipe at the byte cap, counted while reading', async () => {
    let writing = true;
    const r = await podpath(['validate', '-', '--max-bytes', '1MiB'], (w) => {
      const chunk = '# an endless comment\n'.repeat(4096);
      const pump = (): void => {
        while (writing && w.write(chunk));
        if (writing) w.once('drain', pump);
      };
      w.on('error', () => (writing = false));
      pump();
    });
    writing = false;
    expect(r.code).toBe(1);
    oneLine(r.err);
    expect(r.err).toContain('standard input: more than 1 MiB, the input cap; stopped reading');
  });

  it('says a directory is not a scenario file, in one line', async () => {
    const r = await podpath(['validate', dir]);
    expect(r.code).toBe(1);
    oneLine(r.err);
    expect(r.err).toBe(`podpath: ${dir}: is a directory, not a scenario file\n`);
  });

  it('refuses a regular file larger than --max-bytes before reading it', async () => {
    const big = join(dir, 'big.yaml');
    writeFileSync(big, '#'.repeat(2048));
    const r = await podpath(['validate', big, '--max-bytes', '1024']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('2048 bytes, more than 1 KiB, the input cap');
  });

  it('reads a file above the old 2 MiB cap', async () => {
    const text = (await import('node:fs')).readFileSync(scenario, 'utf8');
    const big = join(dir, 'padded.yaml');
    writeFileSync(big, `${'# padding\n'.repeat(220_000)}${text}`);
    const r = await podpath(['validate', big]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('valid — 2 nodes');
  });
});

describe('the built CLI: output', slow, () => {
  it('stops quietly when the reader closes the pipe early (| head)', async () => {
    const r = await new Promise<Run>((resolve, reject) => {
      const started = performance.now();
      const cniSteps = ['cni', scenario, '--pod', 'default/client', '--steps'];
      const child = spawn(process.execPath, [cli, ...cniSteps], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      // Read the first chunk, then close our end, as `head -1` does.
      child.stdout.once('data', () => child.stdout.destroy());
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out: '', err, ms: performance.now() - started }));
    });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });
});
