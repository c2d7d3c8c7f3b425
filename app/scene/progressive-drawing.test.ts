// A large cluster is drawn in chunks of nodes small enough for one short task; a small one at once.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRequestHandler } from '../../engine/request-handler';
import { grownScenario } from '../../engine/scenario/synthetic-scenario';
import { defaultEngine } from '../testing/default-engine';
import { layoutScene } from './layout';
import { chunkEnds, ELEMENTS_PER_CHUNK, nodeElements } from './progressive-drawing';

describe('chunkEnds', () => {
  it('draws the default cluster (and so every built-in scenario of its size) in one go', () => {
    const { summary } = defaultEngine();
    const layout = layoutScene(summary);
    expect(chunkEnds(layout.nodes)).toEqual([layout.nodes.length]);
  });

  it('splits 20 nodes into chunks within the element budget, each holding at least one node', () => {
    const yaml = readFileSync(new URL('../../scenarios/default.yaml', import.meta.url), 'utf8');
    const loaded = createRequestHandler().handle({
      kind: 'load',
      text: grownScenario(yaml, { nodes: 20, replicas: 200 }),
    });
    if (loaded.kind !== 'loaded' || !loaded.summary) throw new Error('the grown scenario did not load');
    const layout = layoutScene(loaded.summary);
    const ends = chunkEnds(layout.nodes);
    expect(ends.at(-1)).toBe(20);
    expect(ends.length).toBeGreaterThan(2);
    let start = 0;
    for (const end of ends) {
      expect(end).toBeGreaterThan(start);
      const cost = layout.nodes.slice(start, end).reduce((sum, n) => sum + nodeElements(n), 0);
      if (end - start > 1) expect(cost).toBeLessThanOrEqual(ELEMENTS_PER_CHUNK);
      start = end;
    }
  });

  it('gives a node too big for the budget a chunk of its own', () => {
    const { summary } = defaultEngine();
    const layout = layoutScene(summary);
    expect(chunkEnds(layout.nodes, 1)).toEqual(layout.nodes.map((_, i) => i + 1));
  });
});
