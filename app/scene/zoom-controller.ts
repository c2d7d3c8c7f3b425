// Pan and zoom as a small `{ update, destroy }` controller (React Flow's XYPanZoom): d3-zoom owns the
// gesture maths and writes one transform on the viewport group; React never re-renders for it.
import { select, zoom, zoomIdentity, type ZoomBehavior } from 'd3';

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
  fit(): void;
  destroy(): void;
}

export function createZoomController(svg: SVGSVGElement, viewport: SVGGElement): ZoomController {
  let bounds: Bounds | null = null;
  const behavior: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent([0.08, 4])
    .on('zoom', (event: { transform: { toString(): string } }) =>
      viewport.setAttribute('transform', event.transform.toString()),
    );
  const selection = select(svg).call(behavior).on('dblclick.zoom', null);

  const fit = (): void => {
    if (!bounds) return;
    const { width, height } = svg.getBoundingClientRect();
    if (width === 0 || height === 0) return;
    const k = Math.min(2, 0.95 * Math.min(width / bounds.width, height / bounds.height));
    const tx = (width - k * bounds.width) / 2 - k * bounds.x;
    const ty = (height - k * bounds.height) / 2 - k * bounds.y;
    selection.call(behavior.transform, zoomIdentity.translate(tx, ty).scale(k));
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
    zoomBy: (factor) => selection.call(behavior.scaleBy, factor),
    fit,
    destroy: () => {
      selection.on('.zoom', null);
    },
  };
}
