import { describe, expect, it } from 'vitest';
import { defaultEngine } from '../testing/default-engine';
import { deviceBox, unionBox } from './device-place';
import { layoutScene } from './layout';

describe('deviceBox', () => {
  const layout = layoutScene(defaultEngine().summary);
  const node = layout.nodes[0]!;

  it('frames a node, a pod and a device inside the node', () => {
    expect(deviceBox({ netns: `node/${node.name}` }, layout)).toMatchObject({ x: node.x, y: node.y });
    const pod = node.pods[0]!;
    expect(deviceBox({ netns: `pod/${pod.key}` }, layout)).toMatchObject({ x: pod.x, y: pod.y });
    const cni = deviceBox({ netns: `node/${node.name}`, device: 'cni0' }, layout)!;
    expect(cni.w).toBe(node.cni0.w);
    const hook = deviceBox({ netns: `node/${node.name}`, device: 'forward' }, layout)!;
    expect(hook.x + hook.w / 2).toBeCloseTo(node.hooks.forward.x);
  });

  it('returns null for what is not drawn', () => {
    expect(deviceBox({ netns: 'node/nope' }, layout)).toBeNull();
    expect(deviceBox({ netns: 'pod/default/nope' }, layout)).toBeNull();
    expect(unionBox([null])).toBeNull();
  });
});
