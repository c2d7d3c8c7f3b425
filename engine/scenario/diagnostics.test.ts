// Warnings never refuse a file: a dump with thousands of objects Podpath does not simulate is still a cluster.
import { describe, expect, it } from 'vitest';
import { MAX_DIAGNOSTICS } from './diagnostics';
import { parseScenario } from './parse-scenario';

function configMaps(n: number): string {
  const items: string[] = [];
  for (let i = 0; i < n; i++)
    items.push(
      `- {apiVersion: v1, kind: ConfigMap, metadata: {name: cm-${i}, namespace: default}, data: {k: v}}`,
    );
  return `apiVersion: v1\nkind: List\nitems:\n${items.join('\n')}\n`;
}

describe('many warnings', () => {
  it('loads a dump of 612 ConfigMaps, with a located summary past the cap', () => {
    const { scenario, diagnostics } = parseScenario(configMaps(612), 'dump.yaml');
    expect(scenario).not.toBeNull();
    expect(diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(diagnostics).toHaveLength(MAX_DIAGNOSTICS + 1);
    const summary = diagnostics.at(-1)!;
    expect(summary.message).toBe('… and 412 more warnings like these (only the first 200 are shown)');
    // Located at the first warning not shown: item 201 of the List, on line 4 + 200.
    expect(summary.line).toBe(204);
  });

  it('still refuses a file with errors, and summarises them past the cap at error level', () => {
    const items: string[] = [];
    for (let i = 0; i < 250; i++) items.push(`- {apiVersion: v1, kind: Pod, metadata: {name: "Bad_${i}"}}`);
    const { scenario, diagnostics } = parseScenario(
      `apiVersion: v1\nkind: List\nitems:\n${items.join('\n')}\n`,
    );
    expect(scenario).toBeNull();
    expect(diagnostics.at(-1)!.severity).toBe('error');
    expect(diagnostics.at(-1)!.message).toBe(
      '… and 50 more errors like these (only the first 200 are shown)',
    );
  });
});
