// The corners a packet turns between two places in one node frame, so its path runs along the drawing's
// wires and the empty corridors between label rows instead of cutting across names (issue 10: "labels
// never overlap the packet"). A frame is drawn in levels (layout.ts): pods with their eth0 and veth, the
// cni0 bridge, the row of netfilter hooks, the device row, and the NIC's cable down to the underlay. Every
// place reaches the hook row by its own wire: a pod down its veth wire to the bridge and down the spine
// (the dashed wire from the bridge to the hook row), a hook is on the row (its label sits above or below
// it, never on it), a device up its left edge to the corridor between the hook labels and the device row
// and up the spine. The spine crosses the row between INPUT and FORWARD. A path is one place's way to the
// row and the other's way back, with the detours (out and back along one line) taken out. Pure, so it is
// unit-tested.
import type { NodeFrame, Point } from './layout';
import { DEVICE_H } from './layout';

/** How far below the hook row its lower labels end, and so where the device corridor can start. */
export const HOOK_LABEL_BELOW = 40;
export const HOOK_LABEL_ABOVE = 26;

/** Below a veth, the middle of the gap between its label and the next row's pod box. */
const POD_ROW_GAP_MIDDLE = 17;
/** How far the spine keeps from the middle between INPUT and FORWARD, toward the side without a label. */
const SPINE_JOG = 12;

/** The corridor between the lower hook labels and the device row. */
function deviceCorridor(node: NodeFrame): number {
  return node.nic.y - DEVICE_H / 2 - 7;
}

/** The corridor between the device row and the frame's bottom edge, where the NIC's cable leaves. */
function cableCorridor(node: NodeFrame): number {
  return node.nic.y + DEVICE_H / 2 + 8;
}

const same = (a: Point, b: Point) => Math.abs(a.x - b.x) < 0.01 && Math.abs(a.y - b.y) < 0.01;

/** Whether a point belongs to this node's drawing: inside its frame, or its cable's end on the underlay. */
export function inNode(node: NodeFrame, p: Point): boolean {
  if (same(p, node.tap)) return true;
  return p.x >= node.x - 1 && p.x <= node.x + node.w + 1 && p.y >= node.y - 1 && p.y <= node.y + node.h + 1;
}

/**
 * The spine's x above and below the hook row. It crosses the row between INPUT (labelled below) and
 * FORWARD (labelled above), so above the row it keeps to INPUT's side and below it to FORWARD's, each
 * clear of the label on its side.
 */
export function spineX(node: NodeFrame): { above: number; below: number } {
  const mid = (node.hooks.input.x + node.hooks.forward.x) / 2;
  return { above: mid - SPINE_JOG, below: mid + SPINE_JOG };
}

/** From a place to the hook row, along the wires it hangs on. */
function toRow(node: NodeFrame, p: Point): Point[] {
  const spine = spineX(node);
  const cniY = node.cni0.y;
  const hookY = node.hooks.prerouting.y;
  const corridor = deviceCorridor(node);
  const fromAbove = (points: Point[]) => [
    ...points,
    { x: spine.above, y: cniY },
    { x: spine.above, y: hookY },
  ];
  const fromBelow = (points: Point[]) => [
    ...points,
    { x: spine.below, y: corridor },
    { x: spine.below, y: hookY },
  ];
  if (same(p, node.tap)) {
    // Up the cable, then along the frame's foot to the NIC's edge and up it: never across a device's name.
    const cable = cableCorridor(node);
    return fromBelow([p, { x: p.x, y: cable }, { x: node.nic.x, y: cable }, { x: node.nic.x, y: corridor }]);
  }
  if (p.y < cniY - 1) {
    // In a pod (or the "+N pods" group): out through its eth0 and down its veth wire to the bridge.
    const box = [...node.pods, ...(node.group ? [node.group] : [])].find(
      (b) => p.x >= b.x - 1 && p.x <= b.x + b.w + 1 && p.y <= b.veth.y + 1 && p.y >= b.y - 1,
    );
    if (!box) return fromAbove([p]);
    // Inside the box, under the pod's address and above eth0's name, to its eth0.
    const inner = box.eth0.y - 10;
    const inside = p.y < box.eth0.y - 1 ? [{ x: p.x, y: inner }, { x: box.eth0.x, y: inner }, box.eth0] : [];
    // A pod with another below it: its veth wire runs on behind that pod's name, so the path steps aside
    // under the veth's label into the gap beside the pods, and goes down there.
    const below =
      node.pods.some((o) => o.x === box.x && o.y > box.y) ||
      (node.group?.x === box.x && node.group.y > box.y);
    const gapX = box.x + box.w + 8;
    const gapY = box.veth.y + POD_ROW_GAP_MIDDLE;
    const down = below
      ? [box.veth, { x: box.veth.x, y: gapY }, { x: gapX, y: gapY }, { x: gapX, y: cniY }]
      : [{ x: box.veth.x, y: cniY }];
    return fromAbove([p, ...inside, ...down]);
  }
  if (p.y < hookY - 1) return fromAbove([p]);
  if (p.y < hookY + 1) return [p];
  return fromBelow([p, { x: p.x, y: corridor }]);
}

/** Drops repeated points and points in a straight line between their neighbours (out-and-back included). */
export function simplify(points: readonly Point[]): Point[] {
  let out = [...points];
  for (let changed = true; changed;) {
    changed = false;
    const next: Point[] = [];
    for (const p of out) if (!next.length || !same(next[next.length - 1]!, p)) next.push(p);
    for (let i = 1; i < next.length - 1; i++) {
      const [a, b, c] = [next[i - 1]!, next[i]!, next[i + 1]!];
      const cross = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
      if (Math.abs(cross) < 0.01) {
        next.splice(i, 1);
        changed = true;
        break;
      }
    }
    if (next.length !== out.length) changed = true;
    out = next;
  }
  return out;
}

/** The corners between two places of one node (the places themselves excluded). */
export function nodeRoute(node: NodeFrame, from: Point, to: Point): Point[] {
  const path = simplify([...toRow(node, from), ...toRow(node, to).reverse()]);
  return path.slice(1, -1);
}
