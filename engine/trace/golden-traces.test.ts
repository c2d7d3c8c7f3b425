// Golden traces: every Flow of every built-in scenario (scenarios/**/*.yaml), traced with seed 1, is kept in
// scenarios/golden/ as the text `podpath trace` prints (NAME.FLOW.txt), so a behaviour change shows up in
// review as a diff a person can read. A few flows, one per shape of the JSON (iptables, nftables lookups,
// IPVS, an ICMP error with outer headers, HTTP through the ingress controller, the userspace proxy), also
// keep the whole JSON (NAME.FLOW.json) for the schema. Regenerate them deliberately with
// `npx vitest run engine/trace/golden-traces.test.ts -u` and review the diff (docs/architecture.md).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../cluster/cluster';
import { traceToJson } from './json';
import { traceToText } from './text';
import { traceConnection } from './trace';

const root = new URL('../../scenarios/', import.meta.url).pathname;
const goldenDir = join(root, 'golden');

/** The flows whose whole JSON is kept too: one for each shape the schema has. */
const JSON_GOLDENS = new Set([
  'default.client-to-web',
  'nftables-mode.pod-to-clusterip',
  'ipvs-mode.pod-to-clusterip',
  'conformance__11-oversized-over-vxlan-mtu.oversized-udp',
  'ingress.http-prefix-to-pod',
  'userspace-mode.client-to-web',
]);

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
  const seen = new Set<string>();
  for (const file of files) {
    const rel = relative(root, file);
    const { cluster, diagnostics } = loadCluster(readFileSync(file, 'utf8'), rel);
    it(`${rel} loads without errors`, () => {
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });
    if (!cluster) continue;
    for (const flow of cluster.scenario.flows) {
      const name = `${rel.replace(/\.yaml$/, '').replaceAll('/', '__')}.${flow.name}`;
      seen.add(name);
      it(`${rel}: flow ${flow.name}`, async () => {
        const trace = traceToJson(
          traceConnection(cluster, cluster, {
            from: flow.from,
            to: flow.to,
            protocol: flow.protocol,
            seed: 1,
            ...(flow.size !== null && { size: flow.size }),
          }),
        );
        await expect(traceToText(trace)).toMatchFileSnapshot(join(goldenDir, `${name}.txt`));
        if (JSON_GOLDENS.has(name))
          await expect(JSON.stringify(trace, null, 1) + '\n').toMatchFileSnapshot(
            join(goldenDir, `${name}.json`),
          );
      });
    }
  }
  it('keeps a JSON golden for every shape it names', () => {
    expect([...JSON_GOLDENS].filter((n) => !seen.has(n))).toEqual([]);
  });
  it('has no golden left over from a flow that is gone', () => {
    const stale = readdirSync(goldenDir).filter((f) => {
      const base = f.replace(/\.(txt|json)$/, '');
      return !seen.has(base) || (f.endsWith('.json') && !JSON_GOLDENS.has(base));
    });
    expect(stale).toEqual([]);
  });
});
