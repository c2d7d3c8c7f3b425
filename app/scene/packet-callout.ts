// Where the moving packet's label goes: not on the packet (it would cover the device names), but in the
// empty lane above or below the frame the packet is in (layout.ts keeps those lanes free), joined to the
// packet by a leader line. The label's x follows the packet's x every frame, so it stays attached while
// playing; its lane is the one nearer the hop's device. The leader runs in the lane only, from the frame's
// edge straight above or below the packet to the label: drawn down into the frame it would cross the
// names between (the node's title, a hook's label, a device's). Pure, so it is unit-tested.
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

/**
 * The label's box (its middle at `x`, in the lane), kept inside the drawing and inside the part of it the
 * stage shows (`visible`, drawing units), so a phone zoomed to one node does not cut it at the edge.
 */
export function calloutBox(
  layout: SceneLayout,
  packet: Point,
  destination: Point,
  size: { w: number; h: number },
  visible: Box | null = null,
): Box {
  const left = Math.max(layout.minX, visible?.x ?? -Infinity) + 4;
  const right = Math.min(layout.minX + layout.width, visible ? visible.x + visible.w : Infinity) - 4;
  // Wider than the room: its left edge at the room's left, the overflow to the right.
  if (size.w > right - left)
    return { x: left, y: laneY(layout, destination) - size.h / 2, w: size.w, h: size.h };
  const cx = Math.max(left + size.w / 2, Math.min(right - size.w / 2, packet.x));
  const cy = laneY(layout, destination);
  return { x: cx - size.w / 2, y: cy - size.h / 2, w: size.w, h: size.h };
}

/** Where the leader starts: the packet itself outside any frame, else the frame's edge facing the label. */
export function leaderStart(layout: SceneLayout, packet: Point, box: Box): Point {
  const frame = layout.nodes.find(
    (n) => packet.x >= n.x && packet.x <= n.x + n.w && packet.y >= n.y && packet.y <= n.y + n.h,
  );
  if (!frame) return packet;
  return {
    x: packet.x,
    y: box.y + box.h <= frame.y ? frame.y : box.y >= frame.y + frame.h ? frame.y + frame.h : packet.y,
  };
}
