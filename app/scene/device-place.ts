// Where a device named the trace's way (namespace id + device) is drawn, as a box: what the highlight
// ring circles and what the camera frames. A pure function of the layout, like `anchorOf`.
import type { DeviceRef } from '../store/stage-state';
import { anchorOf } from './anchor';
import { HOOKS, type Box, type SceneLayout } from './layout';

/** Half the size of the box drawn around a point-like device (a port, a hook marker). */
const POINT_PAD = 28;

function around(p: { x: number; y: number }, pad = POINT_PAD): Box {
  return { x: p.x - pad, y: p.y - pad, w: 2 * pad, h: 2 * pad };
}

export function deviceBox(ref: DeviceRef, layout: SceneLayout): Box | null {
  const [space, ...rest] = ref.netns.split('/');
  const name = rest.join('/');
  if (space === 'node') {
    const node = layout.nodes.find((n) => n.name === name);
    if (!node) return null;
    if (!ref.device) return node;
    if (ref.device === 'cni0') return { x: node.cni0.x, y: node.cni0.y - 14, w: node.cni0.w, h: 28 };
  }
  if (space === 'pod' && !ref.device) {
    for (const n of layout.nodes) {
      const pod = n.pods.find((p) => p.key === name) ?? (n.group?.keys.includes(name) ? n.group : null);
      if (pod) return pod;
    }
    return null;
  }
  // Devices are drawn where a hop at them is drawn: the same mapping the packet uses.
  const hook = HOOKS.find((h) => h === ref.device);
  return around(
    anchorOf({ netns: ref.netns, device: hook ? '-' : (ref.device ?? '-'), kind: hook ?? 'wire' }, layout),
  );
}

/** The smallest box holding all of them (null when none is drawn). */
export function unionBox(boxes: readonly (Box | null)[]): Box | null {
  const drawn = boxes.filter((b): b is Box => b !== null);
  if (drawn.length === 0) return null;
  const x1 = Math.min(...drawn.map((b) => b.x));
  const y1 = Math.min(...drawn.map((b) => b.y));
  const x2 = Math.max(...drawn.map((b) => b.x + b.w));
  const y2 = Math.max(...drawn.map((b) => b.y + b.h));
  return { x: x1, y: y1, w: x2 - x1, h: y2 - y1 };
}
