// The camera: follows the packet when asked (the active hop's devices framed, the whole path at the end)
// and carries out one-shot requests from the store (fit, zoom, focus on a lesson's devices). Outside React,
// like the packet layer: a store subscription drives d3-zoom transitions.
import { BASE_HOP_MS, selectPlayState, selectReducedMotion, type PlaybackActor } from '../machines/playback';
import type { PodpathStore } from '../store/store';
import type { HopPlace } from './anchor';
import { deviceBox, unionBox } from './device-place';
import { LANE_H, type Box, type SceneLayout } from './layout';
import type { Bounds, ZoomController } from './zoom-controller';

export interface Camera {
  setScene(layout: SceneLayout | null, places: readonly HopPlace[] | null): void;
  destroy(): void;
}

/** The smallest area the follow camera frames (drawing units): about one node, so it never zooms absurdly. */
const MIN_FRAME = { w: 520, h: 360 };
/** Follow zooms in at most this far: labels are big enough there and context stays in view. */
const FOLLOW_MAX_SCALE = 1.8;

function atLeast(box: Box): Bounds {
  const w = Math.max(box.w, MIN_FRAME.w);
  const h = Math.max(box.h, MIN_FRAME.h);
  return { x: box.x + box.w / 2 - w / 2, y: box.y + box.h / 2 - h / 2, width: w, height: h };
}

/**
 * What to frame for these packet positions: the whole node frame each one is in, with the lanes above and
 * below it (where the packet's label travels), so the camera moves node to node rather than jittering
 * around devices; a point outside any frame (the underlay, the external client) is framed with room.
 */
function pointsBox(layout: SceneLayout | null, points: readonly { x: number; y: number }[]): Box | null {
  return unionBox(
    points.map((p) => {
      const frame = layout?.nodes.find(
        (n) => p.x >= n.x && p.x <= n.x + n.w && p.y >= n.y && p.y <= n.y + n.h,
      );
      if (frame) return { x: frame.x, y: frame.y - LANE_H, w: frame.w, h: frame.h + 2 * LANE_H };
      return { x: p.x - 120, y: p.y - LANE_H, w: 240, h: 2 * LANE_H };
    }),
  );
}

/**
 * The frame widened so no node is cut at the stage's edge: the stage is wider (or taller) than the frame's
 * shape, so the view shows more than the frame; any node frame that view would show in part is taken in
 * whole. A presenter's audience then sees whole nodes, never half of node-2 at the edge.
 */
export function wholeNodes(
  frame: Bounds,
  layout: SceneLayout | null,
  view: { width: number; height: number },
  maxScale: number,
): Bounds {
  if (!layout || view.width === 0 || view.height === 0) return frame;
  let box = frame;
  for (let pass = 0; pass < 3; pass++) {
    const k = Math.min(maxScale, Math.min(view.width / box.width, view.height / box.height));
    const w = view.width / k;
    const h = view.height / k;
    const seen = { x: box.x + box.width / 2 - w / 2, y: box.y + box.height / 2 - h / 2, w, h };
    const cut = layout.nodes.filter((n) => {
      const inX = Math.min(n.x + n.w, seen.x + seen.w) - Math.max(n.x, seen.x);
      const inY = Math.min(n.y + n.h, seen.y + seen.h) - Math.max(n.y, seen.y);
      const partly = inX > 0 && inY > 0 && (inX < n.w - 1 || inY < n.h - 1);
      const outside =
        n.x < box.x || n.x + n.w > box.x + box.width || n.y < box.y || n.y + n.h > box.y + box.height;
      return partly && outside;
    });
    if (cut.length === 0) return box;
    const all = unionBox([{ x: box.x, y: box.y, w: box.width, h: box.height }, ...cut])!;
    box = { x: all.x, y: all.y, width: all.w, height: all.h };
  }
  return box;
}

export function createCamera(zoom: ZoomController, store: PodpathStore, playback: PlaybackActor): Camera {
  let layout: SceneLayout | null = null;
  let places: readonly HopPlace[] | null = null;
  const reducedMotion = () => selectReducedMotion(playback.getSnapshot());
  const isFinished = () => selectPlayState(playback.getSnapshot()) === 'finished';
  // Whether the last framing was of the finished trace: the machine reaches 'finished' in the same step
  // that moves the cursor, so the store's hop change usually frames it already; this keeps the machine's
  // own subscription from framing twice.
  let framedFinished = isFinished();

  const ms = (base: number) => (reducedMotion() ? 0 : base);

  const follow = () => {
    const s = store.getState();
    if (!s.stage.follow || !places || places.length === 0) return;
    const hop = s.view.hop;
    const finished = isFinished();
    framedFinished = finished;
    const box = finished
      ? pointsBox(
          layout,
          places.flatMap((p) => [...p.via, p.at]),
        )
      : pointsBox(layout, [places[Math.max(0, hop - 1)]!.at, ...(places[hop]?.via ?? []), places[hop]!.at]);
    if (!box) return;
    const hopMs = (0.85 * BASE_HOP_MS) / s.view.speed;
    const maxScale = finished ? 3 : FOLLOW_MAX_SCALE;
    // Presenter mode shows whole nodes (a projected half node reads as a mistake); elsewhere, a phone
    // above all, the camera keeps close on the active node.
    const frame = s.stage.presenter
      ? wholeNodes(atLeast(box), layout, zoom.viewSize(), maxScale)
      : atLeast(box);
    zoom.focus(frame, ms(finished ? 600 : hopMs), maxScale);
  };

  const unsubscribe = store.subscribe((s, prev) => {
    const cam = s.stage.camera;
    if (cam && cam !== prev.stage.camera) {
      if (cam.kind === 'fit') zoom.fit(!reducedMotion());
      else if (cam.kind === 'zoom') zoom.zoomBy(cam.factor);
      else if (layout) {
        const box = unionBox(cam.devices.map((d) => deviceBox(d, layout!)));
        if (box) zoom.focus(atLeast(box), ms(600), FOLLOW_MAX_SCALE);
      }
    }
    if (s.stage.follow && (s.view.hop !== prev.view.hop || s.stage.follow !== prev.stage.follow)) follow();
    if (!s.stage.follow && prev.stage.follow) zoom.fit(!reducedMotion());
  });
  const played = playback.subscribe(() => {
    if (store.getState().stage.follow && isFinished() !== framedFinished) follow();
  });

  return {
    setScene(nextLayout, nextPlaces) {
      layout = nextLayout;
      places = nextPlaces;
      follow();
    },
    destroy() {
      unsubscribe();
      played.unsubscribe();
    },
  };
}
