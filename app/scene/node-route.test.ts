// The packet's path inside a node runs along wires and corridors: only horizontal and vertical legs, and
// none of them through a hook's label band or across the bridge's name.
import { describe, expect, it } from 'vitest';
import { defaultEngine } from '../testing/default-engine';
import { tracePlaces } from './anchor';
import { HOOKS, layoutScene, type Point } from './layout';
import { HOOK_LABEL_ABOVE, HOOK_LABEL_BELOW, nodeRoute, simplify, spineX } from './node-route';

describe('nodeRoute', () => {
  const engine = defaultEngine();
  const layout = layoutScene(engine.summary);
  const node = layout.nodes[0]!;
  const hookY = node.hooks.prerouting.y;

  it('drops repeated points and out-and-back detours', () => {
    const a = { x: 0, y: 0 };
    expect(simplify([a, { x: 5, y: 0 }, { x: 5, y: 0 }, { x: 2, y: 0 }, { x: 2, y: 4 }])).toEqual([
      a,
      { x: 2, y: 0 },
      { x: 2, y: 4 },
    ]);
  });

  it('goes along the hook row between hooks, and down the spine from the bridge to a hook', () => {
    expect(nodeRoute(node, node.hooks.prerouting, node.hooks.postrouting)).toEqual([]);
    const bridge = { x: node.cni0.x + node.cni0.w / 2, y: node.cni0.y };
    const spine = spineX(node);
    expect(nodeRoute(node, bridge, node.hooks.prerouting)).toEqual([
      { x: spine.above, y: bridge.y },
      { x: spine.above, y: hookY },
    ]);
  });

  it('every leg of the default trace inside a node is straight across or straight down, clear of the hook labels', () => {
    const places = tracePlaces(engine.trace.hops, layout);
    const legs: [Point, Point][] = [];
    for (const [i, p] of places.entries()) {
      const pts = [places[i - 1]?.at, ...p.via, p.at].filter((q): q is Point => q !== undefined);
      for (let j = 1; j < pts.length; j++) legs.push([pts[j - 1]!, pts[j]!]);
    }
    const inFrames = legs.filter(([a, b]) =>
      layout.nodes.some((n) =>
        [a, b].every((q) => q.x >= n.x && q.x <= n.x + n.w && q.y >= n.y && q.y <= n.y + n.h),
      ),
    );
    expect(inFrames.length).toBeGreaterThan(10);
    for (const [a, b] of inFrames) {
      const inPod = layout.nodes.some((n) =>
        n.pods.some((p) =>
          [a, b].every((q) => q.y <= p.y + p.h && q.y >= p.y && q.x >= p.x && q.x <= p.x + p.w),
        ),
      );
      if (!inPod)
        expect(a.x === b.x || a.y === b.y, `${JSON.stringify(a)} → ${JSON.stringify(b)}`).toBe(true);
      // A vertical leg beside the hook row keeps clear of the labels on that side (a label is centred on
      // its hook and, at the near level, at most ~30 units to each side).
      for (const n of layout.nodes) {
        if (a.x !== b.x || a.x < n.x || a.x > n.x + n.w) continue;
        const y = n.hooks.prerouting.y;
        const top = Math.min(a.y, b.y);
        const bottom = Math.max(a.y, b.y);
        HOOKS.forEach((h, i) => {
          const labelAbove = i % 2 === 1;
          const passes = labelAbove
            ? top < y - 1 && bottom > y - HOOK_LABEL_ABOVE - 20
            : bottom > y + 1 && top < y + HOOK_LABEL_BELOW;
          if (passes)
            expect(Math.abs(a.x - n.hooks[h].x), `vertical leg at x ${a.x} by ${h}'s label`).toBeGreaterThan(
              h === 'forward' || h === 'routing' ? 30 : 22,
            );
        });
      }
    }
  });
});
