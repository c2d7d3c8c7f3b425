// Pan and zoom as a small `{ update, destroy }` controller (React Flow's XYPanZoom): d3-zoom owns the
// gesture maths and writes one transform on the viewport group; React never re-renders for it. The camera
// moves (fit, focus on devices, zoom steps) are d3-zoom transitions, so they glide and a user's drag
// interrupts them. A resize keeps the user's zoom and keeps the same point of the drawing in the middle.
import { select, zoom, zoomIdentity, zoomTransform, type ZoomBehavior, type ZoomTransform } from 'd3';

export interface Bounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface ZoomController {
  /** New content bounds; fitted into view when `refit` (a new cluster) and they changed. */
  update(bounds: Bounds, refit?: boolean): void;
  zoomBy(factor: number): void;
  fit(animate?: boolean): void;
  /** Frame this box (drawing units), glide there over `ms` (0: jump). */
  focus(box: Bounds, ms: number, maxScale?: number): void;
  /** Called on every transform change with the scale (for the level of detail). */
  onScale(listener: (k: number) => void): void;
  /** The stage's size changed: keep the scale, keep the middle of the view where it was. */
  resized(): void;
  transform(): ZoomTransform;
  /** The stage's size on screen (CSS pixels). */
  viewSize(): { width: number; height: number };
  destroy(): void;
}

/** Room around a focused box, as a fraction of the stage. */
const MARGIN = 0.035;

export function createZoomController(svg: SVGSVGElement, viewport: SVGGElement): ZoomController {
  let bounds: Bounds | null = null;
  let listener: (k: number) => void = () => {};
  let size = { width: 0, height: 0 };
  const behavior: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent([0.05, 6])
    .on('zoom', (event: { transform: ZoomTransform }) => {
      viewport.setAttribute('transform', event.transform.toString());
      listener(event.transform.k);
    });
  const selection = select(svg).call(behavior).on('dblclick.zoom', null);
  const measure = () => {
    const r = svg.getBoundingClientRect();
    return { width: r.width, height: r.height };
  };
  size = measure();

  const framing = (box: Bounds, maxScale: number): ZoomTransform | null => {
    const { width, height } = measure();
    if (width === 0 || height === 0 || box.width <= 0 || box.height <= 0) return null;
    // Framed for the size the stage has now: a resize observed later (presenter mode's new layout, whose
    // observer fires after the camera has moved) must not shift the view again by the same change.
    size = { width, height };
    const k = Math.min(maxScale, (1 - 2 * MARGIN) * Math.min(width / box.width, height / box.height));
    const tx = width / 2 - k * (box.x + box.width / 2);
    const ty = height / 2 - k * (box.y + box.height / 2);
    return zoomIdentity.translate(tx, ty).scale(k);
  };

  const go = (t: ZoomTransform | null, ms: number) => {
    if (!t) return;
    if (ms > 0) selection.transition('camera').duration(ms).call(behavior.transform, t);
    else {
      selection.interrupt('camera');
      selection.call(behavior.transform, t);
    }
  };

  const fit = (animate = false): void => {
    if (bounds) go(framing(bounds, 3), animate ? 450 : 0);
  };

  return {
    update(next, refit = true) {
      const changed =
        !bounds ||
        bounds.x !== next.x ||
        bounds.y !== next.y ||
        bounds.width !== next.width ||
        bounds.height !== next.height;
      bounds = next;
      if (changed && refit) fit();
    },
    zoomBy: (factor) => selection.transition('camera').duration(200).call(behavior.scaleBy, factor),
    fit,
    focus: (box, ms, maxScale = 3) => go(framing(box, maxScale), ms),
    onScale(l) {
      listener = l;
      l(zoomTransform(svg).k);
    },
    resized() {
      const next = measure();
      if (next.width === 0 || next.height === 0) return;
      const before = size;
      size = next;
      if (before.width === 0 || before.height === 0) return fit();
      const t = zoomTransform(svg);
      selection.call(
        behavior.transform,
        t.translate((next.width - before.width) / 2 / t.k, (next.height - before.height) / 2 / t.k),
      );
    },
    transform: () => zoomTransform(svg),
    viewSize: measure,
    destroy: () => {
      selection.interrupt('camera');
      selection.on('.zoom', null);
    },
  };
}
