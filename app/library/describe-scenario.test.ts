import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeScenario } from './describe-scenario';

const dir = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const files = [
  ...readdirSync(dir).filter((f) => f.endsWith('.yaml')),
  ...readdirSync(`${dir}conformance`)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `conformance/${f}`),
];

describe('scenario descriptions for the library', () => {
  it('reads the title and first sentence of the opening comment', () => {
    expect(
      describeScenario("# flannel's host-gw backend: no tunnel, plain routes. More.\nkind: Pod", 'x'),
    ).toEqual({
      title: "flannel's host-gw backend",
      description: 'no tunnel, plain routes.',
    });
    expect(describeScenario('kind: Pod', 'fallback').title).toBe('fallback');
  });

  it('gives every built-in scenario a short title and a one-line description', () => {
    for (const f of files) {
      const d = describeScenario(readFileSync(`${dir}${f}`, 'utf8'), f);
      expect(d.title.length, f).toBeGreaterThan(3);
      expect(d.title.length, `${f}: ${d.title}`).toBeLessThanOrEqual(80);
      expect(d.description.length, f).toBeGreaterThan(10);
      expect(d.description.length, f).toBeLessThanOrEqual(160);
    }
  });
});
