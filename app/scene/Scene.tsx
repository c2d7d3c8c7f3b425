// The cluster view: static devices from React, pan/zoom from the D3 controller, and the packet from the
// imperative packet layer. Each is created once in an effect and fed new data through `update`.
import { useEffect, useMemo, useRef } from 'react';
import { useApp, useSession } from '../app-context';
import { selectSelectedNode, selectSummary, selectTrace } from '../store/selectors';
import { patchSelection } from '../store/store';
import { traceAnchors } from './anchor';
import { ClusterDevices } from './ClusterDevices';
import { layoutScene } from './layout';
import { createPacketLayer, type PacketLayer } from './packet-layer';
import { createZoomController, type ZoomController } from './zoom-controller';

export function Scene() {
  const session = useSession();
  const summary = useApp(selectSummary);
  const trace = useApp(selectTrace);
  const selectedNode = useApp(selectSelectedNode);
  const layout = useMemo(() => (summary ? layoutScene(summary) : null), [summary]);
  const anchors = useMemo(() => (layout && trace ? traceAnchors(trace.hops, layout) : null), [layout, trace]);
  const svgRef = useRef<SVGSVGElement>(null);
  const viewportRef = useRef<SVGGElement>(null);
  const packetRef = useRef<SVGGElement>(null);
  const zoomRef = useRef<ZoomController | null>(null);
  const packetsRef = useRef<PacketLayer | null>(null);

  useEffect(() => {
    const zoom = createZoomController(svgRef.current!, viewportRef.current!);
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)');
    const packets = createPacketLayer(packetRef.current!, session.store, () => reduced.matches);
    zoomRef.current = zoom;
    packetsRef.current = packets;
    const refit = () => zoom.fit();
    window.addEventListener('resize', refit);
    return () => {
      window.removeEventListener('resize', refit);
      packets.destroy();
      zoom.destroy();
    };
  }, [session]);

  useEffect(() => {
    if (layout)
      zoomRef.current?.update({ x: layout.minX, y: -10, width: layout.width, height: layout.height });
  }, [layout]);

  useEffect(() => packetsRef.current?.setAnchors(anchors), [anchors]);

  const onSelectNode = useMemo(
    () => (name: string) => patchSelection(session.store, { node: name }),
    [session],
  );

  return (
    <section className="scene" aria-label="Cluster">
      <svg
        ref={svgRef}
        className="scene-svg"
        role="img"
        aria-label="The cluster drawn as its network devices, with the packet's position"
      >
        <g ref={viewportRef}>
          {layout && (
            <ClusterDevices layout={layout} selectedNode={selectedNode} onSelectNode={onSelectNode} />
          )}
          <g ref={packetRef} />
        </g>
      </svg>
      <div className="zoom-buttons" role="group" aria-label="Zoom">
        <button type="button" aria-label="Zoom in" onClick={() => zoomRef.current?.zoomBy(1.3)}>
          +
        </button>
        <button type="button" aria-label="Zoom out" onClick={() => zoomRef.current?.zoomBy(1 / 1.3)}>
          −
        </button>
        <button type="button" aria-label="Fit to view" onClick={() => zoomRef.current?.fit()}>
          ⤢
        </button>
      </div>
    </section>
  );
}
