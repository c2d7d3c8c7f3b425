// The cluster view: static devices from React, pan/zoom from the D3 controller, the camera and the packet
// from imperative layers. Each is created once in an effect and fed new data through `update`.
import { useEffect, useMemo, useRef } from 'react';
import { useApp, useSession } from '../app-context';
import { selectReducedMotion } from '../machines/playback';
import {
  selectExpandedNodes,
  selectHighlighted,
  selectPlayedHops,
  selectSelectedNode,
  selectDrawnSummary,
} from '../store/selectors';
import { patchSelection, toggleNodePods } from '../store/store';
import { activeSelectors, markActive } from './active-devices';
import { tracePlaces } from './anchor';
import { createCamera, type Camera } from './camera';
import { ExportPicture } from './ExportPicture';
import { ClusterDevices } from './ClusterDevices';
import { deviceBox } from './device-place';
import { layoutScene } from './layout';
import { BASE_MIN_PX, levelOfDetail, PRESENTER_MIN_PX } from './level-of-detail';
import { createPacketLayer, type PacketLayer } from './packet-layer';
import { useProgressiveNodes } from './progressive-drawing';
import { createSwarmLayer, type SwarmLayer } from './swarm-layer';
import { StageToolbar } from './StageToolbar';
import { createZoomController, type ZoomController } from './zoom-controller';

/** `scenarioTitle`: the open scenario's title, for an exported picture's caption. */
export function Scene({ scenarioTitle }: { scenarioTitle: string }) {
  const session = useSession();
  const summary = useApp(selectDrawnSummary);
  const hops = useApp(selectPlayedHops);
  const selectedNode = useApp(selectSelectedNode);
  const expanded = useApp(selectExpandedNodes);
  const highlighted = useApp(selectHighlighted);
  const layout = useMemo(() => (summary ? layoutScene(summary, expanded) : null), [summary, expanded]);
  const drawnNodes = useProgressiveNodes(layout);
  const places = useMemo(() => (layout && hops.length ? tracePlaces(hops, layout) : null), [layout, hops]);
  const rings = useMemo(
    () => (layout ? highlighted.map((d) => deviceBox(d, layout)).filter((b) => b !== null) : []),
    [layout, highlighted],
  );
  const svgRef = useRef<SVGSVGElement>(null);
  const viewportRef = useRef<SVGGElement>(null);
  const packetRef = useRef<SVGGElement>(null);
  const zoomRef = useRef<ZoomController | null>(null);
  const cameraRef = useRef<Camera | null>(null);
  const packetsRef = useRef<PacketLayer | null>(null);
  const swarmRef = useRef<SVGGElement>(null);
  const swarmLayerRef = useRef<SwarmLayer | null>(null);
  const layoutRef = useRef(layout);
  const markActiveRef = useRef<() => void>(() => {});

  useEffect(() => {
    const svg = svgRef.current!;
    const zoom = createZoomController(svg, viewportRef.current!);
    // Reduced motion is the playback machine's (main.tsx feeds it the media query).
    const reduced = () => selectReducedMotion(session.playback.getSnapshot());
    let k = 0;
    const minPx = () => (session.store.getState().stage.presenter ? PRESENTER_MIN_PX : BASE_MIN_PX);
    const visible = () => {
      const t = zoom.transform();
      const { width, height } = zoom.viewSize();
      return width && height ? { x: -t.x / t.k, y: -t.y / t.k, w: width / t.k, h: height / t.k } : null;
    };
    const packets = createPacketLayer(
      packetRef.current!,
      session.store,
      reduced,
      () => Math.max(14, minPx() / Math.max(0.05, k || 1)),
      visible,
    );
    const swarm = createSwarmLayer(swarmRef.current!, session.store, reduced);
    const camera = createCamera(zoom, session.store, session.playback);
    zoomRef.current = zoom;
    cameraRef.current = camera;
    packetsRef.current = packets;
    swarmLayerRef.current = swarm;
    // The level of detail follows the scale: a class for which labels show, and the scale itself so
    // labels that must stay legible can grow as the drawing shrinks (styles/stage.css). Presenter mode asks for
    // bigger labels, so it has its own thresholds.
    let lod = '';
    let scale = 1;
    const restyle = () => {
      const next = levelOfDetail(scale, minPx());
      if (next !== lod) svg.setAttribute('data-lod', (lod = next));
      // Rounded down to a step, so a glide restyles the labels a few times rather than every frame, and
      // a label is never drawn under its minimum.
      const q = Math.max(0.05, Math.floor(scale * 20) / 20);
      if (q !== k) svg.style.setProperty('--k', String((k = q)));
    };
    zoom.onScale((next) => {
      scale = next;
      restyle();
      // The packet's label keeps inside the part of the drawing on view, which a pan moves too.
      packets.redraw();
    });
    // The active hop's devices keep their names at every level of detail (active-devices.ts).
    markActiveRef.current = () => {
      const s = session.store.getState();
      const hop = selectPlayedHops(s)[s.view.hop];
      const drawn = layoutRef.current;
      markActive(viewportRef.current!, hop && drawn ? activeSelectors(hop, drawn) : []);
    };
    const unsubscribe = session.store.subscribe((s, prev) => {
      if (s.stage.presenter !== prev.stage.presenter) restyle();
      if (s.view.hop !== prev.view.hop || s.trace.trace !== prev.trace.trace) markActiveRef.current();
    });
    const resize = new ResizeObserver(() => zoom.resized());
    resize.observe(svg);
    return () => {
      resize.disconnect();
      unsubscribe();
      camera.destroy();
      packets.destroy();
      swarm.destroy();
      zoom.destroy();
    };
  }, [session]);

  // A new cluster is fitted into view; expanding or collapsing a node's pods keeps the user's zoom.
  const fittedSummary = useRef<typeof summary>(null);
  useEffect(() => {
    if (!layout) return;
    const refit = fittedSummary.current !== summary;
    fittedSummary.current = summary;
    zoomRef.current?.update(
      { x: layout.minX, y: layout.minY, width: layout.width, height: layout.height },
      refit,
    );
  }, [layout, summary]);

  useEffect(() => packetsRef.current?.setPlaces(places, layout), [places, layout]);
  useEffect(() => {
    layoutRef.current = layout;
    // Again as each chunk of a large cluster is drawn: the active hop's devices may be in it.
    markActiveRef.current();
  }, [layout, drawnNodes]);
  useEffect(() => cameraRef.current?.setScene(layout, places), [layout, places]);
  useEffect(() => swarmLayerRef.current?.setLayout(layout), [layout]);

  const onSelectNode = useMemo(
    () => (name: string) => patchSelection(session.store, { node: name }),
    [session],
  );
  const onToggleNode = useMemo(
    () => (name: string, open: boolean) => toggleNodePods(session.store, name, open),
    [session],
  );

  return (
    <section className="scene" aria-label="Cluster">
      <svg
        ref={svgRef}
        className="scene-svg"
        role="group"
        aria-label="The cluster drawn as its network devices, with the packet's position"
      >
        <g ref={viewportRef} data-testid="viewport">
          {layout && (
            <ClusterDevices
              layout={layout}
              drawnNodes={drawnNodes}
              selectedNode={selectedNode}
              onSelectNode={onSelectNode}
              onToggleNode={onToggleNode}
            />
          )}
          {rings.map((b, i) => (
            <rect
              key={i}
              className="highlight-ring"
              data-testid="highlight"
              x={b.x - 6}
              y={b.y - 6}
              width={b.w + 12}
              height={b.h + 12}
              rx={10}
            />
          ))}
          <g ref={swarmRef} />
          <g ref={packetRef} />
        </g>
      </svg>
      <StageToolbar extra={<ExportPicture svgRef={svgRef} scenarioTitle={scenarioTitle} />} />
    </section>
  );
}
