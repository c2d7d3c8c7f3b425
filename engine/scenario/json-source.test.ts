// The JSON fast path reads what the YAML path reads, and still says where a problem is.
import { parseAllDocuments } from 'yaml';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parse-scenario';

const scenarios = new URL('../../scenarios/', import.meta.url).pathname;

/** A multi-document YAML file as kubectl's JSON would print it: one `kind: List`, 4-space indents. */
function asJsonList(yaml: string): string {
  const items = parseAllDocuments(yaml)
    .map((d) => d.toJS() as unknown)
    .filter((o) => o !== null);
  return JSON.stringify(
    { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } },
    null,
    4,
  );
}

describe('JSON input (kubectl -o json)', () => {
  it('gives the same scenario as the YAML it came from', () => {
    const yaml = readFileSync(`${scenarios}/default.yaml`, 'utf8');
    const fromYaml = parseScenario(yaml, 'default.yaml');
    const fromJson = parseScenario(asJsonList(yaml), 'default.json');
    expect(fromJson.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Everything but where each object was written (a line of the YAML, an item of the List).
    const read = (s: unknown) =>
      JSON.stringify(s, (k, v: unknown) => (k === 'source' || k === 'podCIDRSource' ? undefined : v));
    expect(read(fromJson.scenario)).toBe(read(fromYaml.scenario));
    expect(fromJson.scenario?.services[0]?.source).toMatchObject({ document: 0, line: 133, column: 9 });
  });

  it('reports a wrong type at its line and column in the JSON text', () => {
    const json = JSON.stringify(
      {
        apiVersion: 'v1',
        kind: 'List',
        items: [
          { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' }, spec: { ports: [{ port: 80 }] } },
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name: 'web' },
            spec: { replicas: 'three' },
          },
        ],
      },
      null,
      4,
    );
    const lines = json.split('\n');
    const line = lines.findIndex((l) => l.includes('"replicas"')) + 1;
    const column = lines[line - 1]!.indexOf('"three"') + 1;
    const error = parseScenario(json, 'dump.json').diagnostics.find((d) => d.severity === 'error');
    expect(error).toMatchObject({ line, column, message: expect.stringContaining('expected an integer') });
  });

  it('leaves managedFields out and still reads the object', () => {
    const json = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'web',
        managedFields: [{ manager: 'kubectl', operation: 'Update', fieldsV1: { 'f:spec': {} } }],
      },
      spec: { ports: [{ port: 80 }] },
    });
    const { scenario, diagnostics } = parseScenario(json, 'svc.json');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(scenario?.services.map((s) => s.name)).toContain('web');
  });

  it('falls back to the YAML reader for broken JSON, which says where', () => {
    const { scenario, diagnostics } = parseScenario('{"apiVersion": "v1",\n "kind": "Pod", ]', 'bad.json');
    expect(scenario).toBeNull();
    expect(diagnostics[0]).toMatchObject({ severity: 'error', line: 2 });
  });

  it('refuses nesting past the depth cap', () => {
    const deep = `{"apiVersion":"v1","kind":"Pod","metadata":${'{"a":'.repeat(100)}1${'}'.repeat(100)}}`;
    const { diagnostics } = parseScenario(deep, 'deep.json');
    expect(diagnostics[0]?.message).toMatch(/nesting deeper than/);
  });
});
