import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { firstFlow } from './first-flow';

describe('firstFlow', () => {
  it('finds the first Flow of a scenario file', () => {
    const ingress = readFileSync(
      fileURLToPath(new URL('../../scenarios/ingress.yaml', import.meta.url)),
      'utf8',
    );
    expect(firstFlow(ingress)).toEqual({
      from: 'external/203.0.113.10',
      to: 'http://shop.example.com/api/orders',
    });
  });
  it('is null without one, or for text that is not YAML', () => {
    expect(firstFlow('kind: Node')).toBeNull();
    expect(firstFlow('a: [')).toBeNull();
  });
});
