import { describe, expect, it } from 'vitest';
import { wholeNodes } from './camera';
import type { SceneLayout } from './layout';

const layout = {
  nodes: [
    { x: 0, y: 0, w: 500, h: 600 },
    { x: 540, y: 0, w: 500, h: 600 },
  ],
} as unknown as SceneLayout;

describe('the presenter camera frames whole nodes', () => {
  it("takes in node-2 when a wide stage would show part of it next to node-1's frame", () => {
    const frame = { x: 0, y: -50, width: 500, height: 700 };
    const box = wholeNodes(frame, layout, { width: 1400, height: 1000 }, 1.8);
    expect(box).toEqual({ x: 0, y: -50, width: 1040, height: 700 });
  });

  it('leaves the frame alone when the other node stays out of view', () => {
    const frame = { x: 0, y: -50, width: 500, height: 700 };
    // A tall narrow stage: the view shows no more width than the frame.
    expect(wholeNodes(frame, layout, { width: 500, height: 900 }, 1.8)).toEqual(frame);
  });
});
