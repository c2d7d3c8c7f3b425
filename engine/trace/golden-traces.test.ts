// Golden traces: every Flow of every built-in scenario (scenarios/**/*.yaml), traced with seed 1, must equal
// the committed JSON in scenarios/golden/. A behaviour change shows up in review as a diff of these files;
// regenerate them deliberately with `UPDATE_GOLDEN=1 npx vitest run engine/trace/golden-traces.test.ts`.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../cluster/cluster';
import { traceToJson } from './json';
import { traceConnection } from './trace';

const root = new URL('../../scenarios/', import.meta.url).pathname;
const goldenDir = join(root, 'golden');
const update = process.env['UPDATE_GOLDEN'] === '1';

function scenarioFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'golden' ? [] : scenarioFiles(path);
      return name.endsWith('.yaml') ? [path] : [];
    });
}

const files = scenarioFiles(root);

describe('golden traces of the built-in scenarios', () => {
  it('has scenarios with flows to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const file of files) {
    const rel = relative(root, file);
    const { cluster, diagnostics } = loadCluster(readFileSync(file, 'utf8'), rel);
    it(`${rel} loads without errors`, () => {
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });
    if (!cluster) continue;
    for (const flow of cluster.scenario.flows) {
      it(`${rel}: flow ${flow.name}`, () => {
        const trace = traceToJson(
          traceConnection(cluster, cluster, {
            from: flow.from,
            to: flow.to,
            protocol: flow.protocol,
            seed: 1,
            ...(flow.size !== null && { size: flow.size }),
          }),
        );
        const text = JSON.stringify(trace, null, 1) + '\n';
        const golden = join(
          goldenDir,
          `${rel.replace(/\.yaml$/, '').replaceAll('/', '__')}.${flow.name}.json`,
        );
        if (update || !existsSync(golden)) {
          mkdirSync(goldenDir, { recursive: true });
          writeFileSync(golden, text);
          if (!update)
            throw new Error(`no golden trace yet; wrote ${relative(root, golden)} — review and commit it`);
        }
        expect(text).toBe(readFileSync(golden, 'utf8'));
      });
    }
  }
});
