// Where the moving packet's label goes: not on the packet (it would cover the device names), but in the
// empty lane above or below the frame the packet is in (layout.ts keeps those lanes free), joined to the
// packet by a leader line. The label's x follows the packet's x every frame, so it stays attached while
// playing; its lane is the one nearer the hop's device. Pure, so it is unit-tested.
import type { Box, Point, SceneLayout } from './layout';

/** The lane's middle line for a point: above its frame when in the frame's upper half, else below. */
export function laneY(layout: SceneLayout, p: Point): number {
  const frame = layout.nodes.find(
    (n) => p.x >= n.x - 1 && p.x <= n.x + n.w + 1 && p.y >= n.y - 1 && p.y <= n.y + n.h + 1,
  );
  if (frame) return p.y < frame.y + frame.h / 2 ? frame.laneAbove : frame.laneBelow;
  // On the underlay or at the external client: the lane just above that row's segment.
  const segment =
    layout.segments.find((s) => s.y >= p.y - 120) ?? layout.segments[layout.segments.length - 1]!;
  const row = layout.nodes.find((n) => Math.abs(n.laneBelow + (n.laneBelow - n.y - n.h) - segment.y) < 1);
  return row ? row.laneBelow : segment.y - 52;
}

/** The label's box (its middle at `x`, in the lane), kept inside the drawing. */
export function calloutBox(
  layout: SceneLayout,
  packet: Point,
  destination: Point,
  size: { w: number; h: number },
): Box {
  const left = layout.minX + 4;
  const right = layout.minX + layout.width - 4;
  const cx = Math.max(left + size.w / 2, Math.min(right - size.w / 2, packet.x));
  const cy = laneY(layout, destination);
  return { x: cx - size.w / 2, y: cy - size.h / 2, w: size.w, h: size.h };
}
