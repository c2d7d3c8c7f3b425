// The cluster view: static devices from React, pan/zoom from the D3 controller, and the packet from the
// imperative packet layer. Each is created once in an effect and fed new data through `update`.
import { useEffect, useMemo, useRef } from 'react';
import { useApp, useSession } from '../app-context';
import { selectExpandedNodes, selectPlayedHops, selectSelectedNode, selectSummary } from '../store/selectors';
import { patchSelection, toggleNodePods } from '../store/store';
import { tracePlaces } from './anchor';
import { ClusterDevices } from './ClusterDevices';
import { layoutScene } from './layout';
import { createPacketLayer, type PacketLayer } from './packet-layer';
import { createSwarmLayer, type SwarmLayer } from './swarm-layer';
import { createZoomController, type ZoomController } from './zoom-controller';

export function Scene() {
  const session = useSession();
  const summary = useApp(selectSummary);
  const hops = useApp(selectPlayedHops);
  const selectedNode = useApp(selectSelectedNode);
  const expanded = useApp(selectExpandedNodes);
  const layout = useMemo(() => (summary ? layoutScene(summary, expanded) : null), [summary, expanded]);
  const places = useMemo(() => (layout && hops.length ? tracePlaces(hops, layout) : null), [layout, hops]);
  const svgRef = useRef<SVGSVGElement>(null);
  const viewportRef = useRef<SVGGElement>(null);
  const packetRef = useRef<SVGGElement>(null);
  const zoomRef = useRef<ZoomController | null>(null);
  const packetsRef = useRef<PacketLayer | null>(null);
  const swarmRef = useRef<SVGGElement>(null);
  const swarmLayerRef = useRef<SwarmLayer | null>(null);

  useEffect(() => {
    const zoom = createZoomController(svgRef.current!, viewportRef.current!);
    const reduced = window.matchMedia('(prefers-reduced-motion: reduce)');
    const packets = createPacketLayer(packetRef.current!, session.store, () => reduced.matches);
    const swarm = createSwarmLayer(swarmRef.current!, session.store, () => reduced.matches);
    zoomRef.current = zoom;
    packetsRef.current = packets;
    swarmLayerRef.current = swarm;
    const refit = () => zoom.fit();
    window.addEventListener('resize', refit);
    return () => {
      window.removeEventListener('resize', refit);
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
    zoomRef.current?.update({ x: layout.minX, y: -10, width: layout.width, height: layout.height }, refit);
  }, [layout, summary]);

  useEffect(() => packetsRef.current?.setPlaces(places), [places]);
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
              selectedNode={selectedNode}
              onSelectNode={onSelectNode}
              onToggleNode={onToggleNode}
            />
          )}
          <g ref={swarmRef} />
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
