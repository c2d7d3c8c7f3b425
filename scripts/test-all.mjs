#!/usr/bin/env node
// `npm test`: every check the project has, in one run, ending with one line CI recognises:
// `N passed, N failed`. Each stage's own output stays visible above it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const stages = [];

function run(name, cmd, args, env = {}) {
  process.stdout.write(`\n=== ${name}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function gate(name, cmd, args) {
  const ok = run(name, cmd, args);
  totals[ok ? 'passed' : 'failed']++;
  stages.push(`${name}: ${ok ? 'ok' : 'FAILED'}`);
}

function counted(name, cmd, args, resultsFile, env = {}) {
  rmSync(resultsFile, { force: true });
  const ok = run(name, cmd, args, env);
  if (!existsSync(resultsFile)) {
    totals.failed++;
    stages.push(`${name}: FAILED (no results file; the runner did not finish)`);
    return;
  }
  const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
  let passed, failed, skipped;
  if ('numPassedTests' in r) {
    const brokenFiles = (r.testResults ?? []).filter(
      (f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0,
    ).length;
    passed = r.numPassedTests;
    failed = r.numFailedTests + brokenFiles;
    skipped = r.numPendingTests + (r.numTodoTests ?? 0);
  } else {
    const s = r.stats;
    passed = s.expected + s.flaky;
    failed = s.unexpected + ((r.errors?.length ?? 0) > 0 && !s.unexpected ? 1 : 0);
    skipped = s.skipped;
  }
  if (!ok && failed === 0) failed = 1;
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  stages.push(`${name}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}

const only = process.argv.slice(2);
const want = (s) => only.length === 0 || only.includes(s);

if (want('typecheck')) {
  gate('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
  gate('typecheck engine (no DOM)', 'npx', ['tsc', '--noEmit', '-p', 'engine/tsconfig.json']);
}
if (want('lint')) {
  gate('lint', 'npx', ['eslint', '--max-warnings=0', 'engine', 'app', 'e2e', 'scripts']);
  gate('format (prettier --check)', 'npx', [
    'prettier',
    '--check',
    '--log-level',
    'warn',
    'engine',
    'app',
    'e2e',
    'scripts',
  ]);
}
if (want('unit'))
  counted(
    'unit (vitest)',
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=.vitest-results.json'],
    '.vitest-results.json',
    { NO_COLOR: '1' },
  );
if (want('e2e') && existsSync('e2e') && existsSync('playwright.config.ts')) {
  counted(
    'e2e (playwright)',
    'npx',
    ['playwright', 'test', '--reporter=list,json'],
    '.playwright-results.json',
    { PLAYWRIGHT_JSON_OUTPUT_NAME: '.playwright-results.json' },
  );
}
if (want('lab') && existsSync('e2e/kernel/run-lab.ts')) {
  counted(
    'kernel lab',
    'npx',
    ['tsx', 'e2e/kernel/run-lab.ts', '--all', '--json-results', '.lab-results.json'],
    '.lab-results.json',
  );
}

process.stdout.write(`\n${stages.map((s) => `  ${s}`).join('\n')}\n`);
const tail = totals.skipped ? `, ${totals.skipped} skipped` : '';
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed${tail}\n`);
process.exit(totals.failed ? 1 : 0);
