// The pod names held in a namespace answer as one set of every name would: checked against such a set on
// generated sequences of names, drawn (base + 5-character suffix) and given, with short alphabets so that
// the same name often arrives both ways.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeldPodNames } from './pod-names';

const bases = fc.constantFrom('web-', 'web-ab', 'we', 'web-abcde-', '');
const suffixes = fc.stringMatching(/^[ab]{5}$/);
const op = fc.oneof(
  fc.record({ kind: fc.constant('draw' as const), base: bases, suffix: suffixes }),
  fc.record({
    kind: fc.constant('name' as const),
    name: fc.stringMatching(/^(web-|we|)(ab|abcde-)?[ab]{0,6}$/),
  }),
);

describe('HeldPodNames', () => {
  it('agrees with one set of all names, whichever way each name arrived', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 40 }),
        fc.array(fc.tuple(bases, suffixes), { maxLength: 10 }),
        (ops, probes) => {
          const held = new HeldPodNames();
          const all = new Set<string>();
          for (const o of ops) {
            const name = o.kind === 'draw' ? o.base + o.suffix : o.name;
            if (o.kind === 'draw') {
              expect(held.hasDrawn(o.base, o.suffix)).toBe(all.has(name));
              held.addDrawn(o.base, o.suffix);
            } else {
              expect(held.has(o.name)).toBe(all.has(name));
              held.add(o.name);
            }
            all.add(name);
          }
          for (const name of all) expect(held.has(name)).toBe(true);
          for (const [base, suffix] of probes) {
            expect(held.hasDrawn(base, suffix)).toBe(all.has(base + suffix));
            expect(held.has(base + suffix)).toBe(all.has(base + suffix));
          }
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });
});
