// "Send 100 connections", drawn: every delivered connection is a dot that travels from the client to the
// endpoint kube-proxy chose for it, staggered, all at once. Like the packet layer it lives outside React
// (STYLE: high-rate data skips React): a store subscription starts a requestAnimationFrame loop that
// rewrites one SVG path per endpoint (a path of small circles, so 100 dots cost one attribute write per
// endpoint per frame, and pan/zoom come for free from the viewport group), and the loop sleeps once the
// last dot has arrived. Under reduced motion the dots land at once.
import { schemeTableau10, select, type Selection } from 'd3';
import type { ConnectionSpread } from '../../engine/protocol';
import type { PodpathStore } from '../store/store';
import type { TraceSlice } from '../store/state';
import type { SharedFlow } from '../../engine';
import type { NodeFrame, Point, SceneLayout } from './layout';
import { podMiddle } from './anchor';

export interface SwarmLayer {
  /** A new layout (new cluster, a node expanded or collapsed): routes are recomputed, dots keep their progress. */
  setLayout(layout: SceneLayout | null): void;
  destroy(): void;
}

/** How long one connection's dot takes from client to endpoint at 1× speed, and the gap between starts. */
export const SWARM_TRAVEL_MS = 4000;
export const SWARM_STAGGER_MS = 10;
/** In layout units: the default cluster is fitted at about a third of its size, where this is a 3 px dot. */
const DOT_R = 9;

type Connections = NonNullable<TraceSlice['connections']>;

/** The pod box (or the "+N pods" group standing for it) and the node frame holding a pod. */
function podPlace(layout: SceneLayout, key: string) {
  for (const node of layout.nodes) {
    const pod = node.pods.find((p) => p.key === key);
    if (pod) return { node, box: pod };
    if (node.group?.keys.includes(key)) return { node, box: node.group };
  }
  return null;
}

function nodeNamed(layout: SceneLayout, name: string): NodeFrame | null {
  return layout.nodes.find((n) => n.name === name) ?? null;
}

/** Along the underlay: on one row's segment straight across, between rows by way of the trunk. */
function underlay(layout: SceneLayout, from: Point, to: Point): Point[] {
  if (from.y === to.y) return [from, to];
  return [from, { x: layout.trunk.x, y: from.y }, { x: layout.trunk.x, y: to.y }, to];
}

/** A pod's way up into its node: the middle of its box, eth0, the host veth, down onto cni0. */
function podToBridge(
  node: NodeFrame,
  box: { x: number; y: number; w: number; h: number; eth0: Point; veth: Point },
) {
  return [podMiddle(box), box.eth0, box.veth, { x: box.veth.x, y: node.cni0.y }];
}

/**
 * The drawn path of one connection: client → its node's hooks (where kube-proxy's DNAT picks the
 * endpoint) → over the tunnel device (if the backend has one), the NIC and the underlay when the endpoint lives elsewhere → the endpoint's
 * node's hooks → cni0, the endpoint's veth and eth0. `endpoint` is the engine's label
 * (`NS/POD IP:PORT`, or the netns for a host-network endpoint). Null when either end is not drawn.
 */
export function swarmRoute(layout: SceneLayout, flow: SharedFlow, endpoint: string): Point[] | null {
  const target = endpoint.split(' ')[0] ?? '';
  const [space, ...rest] = flow.from.split('/');
  const points: Point[] = [];
  let entry: NodeFrame | null = null;
  if (space === 'pod') {
    const client = podPlace(layout, rest.join('/'));
    if (!client) return null;
    entry = client.node;
    points.push(...podToBridge(client.node, client.box));
    points.push(entry.hooks.prerouting, entry.hooks.routing, entry.hooks.forward, entry.hooks.postrouting);
  } else if (space === 'node') {
    entry = nodeNamed(layout, rest.join('/'));
    if (!entry) return null;
    points.push(entry.hooks.output, entry.hooks.routing, entry.hooks.postrouting);
  } else {
    // From outside, the packet enters at the NodePort's node, or the first node for anything else.
    const nodePort = /^node\/([^:]+):/.exec(flow.to);
    entry = (nodePort && nodeNamed(layout, nodePort[1]!)) || layout.nodes[0] || null;
    if (!entry) return null;
    points.push(...underlay(layout, layout.external, entry.tap), entry.nic);
    points.push(entry.hooks.prerouting, entry.hooks.routing, entry.hooks.forward, entry.hooks.postrouting);
  }

  const pod = podPlace(layout, target);
  const host = pod ? pod.node : target.startsWith('node/') ? nodeNamed(layout, target.slice(5)) : null;
  if (!host) return null;
  if (host !== entry) {
    points.push(
      ...(entry.tunnel ? [entry.tunnel] : []),
      entry.nic,
      ...underlay(layout, entry.tap, host.tap),
      host.nic,
      ...(host.tunnel ? [host.tunnel] : []),
    );
    points.push(host.hooks.prerouting, host.hooks.routing);
    if (pod) points.push(host.hooks.forward, host.hooks.postrouting);
  }
  if (pod) points.push(...podToBridge(pod.node, pod.box).reverse());
  else points.push(host.hooks.input);
  return points.filter((p, i) => i === 0 || p.x !== points[i - 1]!.x || p.y !== points[i - 1]!.y);
}

/** A polyline with its cumulative lengths, so a point a fraction of the way along is a short search. */
interface Route {
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly cum: Float64Array;
}

function measure(points: readonly Point[]): Route {
  const n = points.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const cum = new Float64Array(n);
  points.forEach((p, i) => {
    xs[i] = p.x;
    ys[i] = p.y;
    if (i > 0) cum[i] = cum[i - 1]! + Math.hypot(p.x - points[i - 1]!.x, p.y - points[i - 1]!.y);
  });
  return { xs, ys, cum };
}

/** Appends a dot `t` of the way along the route to an SVG path string (two arcs make a circle). */
function dotAt(route: Route, t: number): string {
  const n = route.cum.length;
  const want = t * route.cum[n - 1]!;
  let i = 1;
  while (i < n - 1 && route.cum[i]! < want) i++;
  const leg = route.cum[i]! - route.cum[i - 1]!;
  const f = leg === 0 ? 1 : Math.min(1, (want - route.cum[i - 1]!) / leg);
  const x = route.xs[i - 1]! + (route.xs[i]! - route.xs[i - 1]!) * f;
  const y = route.ys[i - 1]! + (route.ys[i]! - route.ys[i - 1]!) * f;
  return `M${(x - DOT_R).toFixed(1)},${y.toFixed(1)}a${DOT_R},${DOT_R} 0 1,0 ${2 * DOT_R},0a${DOT_R},${DOT_R} 0 1,0 ${-2 * DOT_R},0`;
}

/**
 * Which endpoint each dot goes to, in launch order: each endpoint's dots are spread evenly over the
 * sequence (the engine reports counts, not the order), so the endpoints take turns the way kube-proxy's
 * random draws make them.
 */
export function launchOrder(counts: readonly number[]): number[] {
  const keyed = counts.flatMap((c, e) => Array.from({ length: c }, (_, j) => ({ e, key: (j + 0.5) / c })));
  return keyed.sort((a, b) => a.key - b.key || a.e - b.e).map((d) => d.e);
}

type G = Selection<SVGGElement, unknown, null, undefined>;

export function createSwarmLayer(
  root: SVGGElement,
  store: PodpathStore,
  reducedMotion: () => boolean,
): SwarmLayer {
  const g: G = select(root).attr('data-testid', 'swarm').attr('aria-hidden', 'true');
  let layout: SceneLayout | null = null;
  let swarm: Connections | null = null;
  let routes: (Route | null)[] = [];
  let order: number[] = [];
  let startedAt: number | null = null;
  let frame = 0;
  let shown = { inFlight: -1, arrived: -1 };

  const rebuild = () => {
    const s = store.getState();
    const spread = swarm?.spread ?? [];
    routes = spread.map((e) => {
      const points = layout ? swarmRoute(layout, s.trace.flow, e.endpoint) : null;
      return points && points.length > 1 ? measure(points) : null;
    });
    g.selectAll('*').remove();
    g.selectAll<SVGPathElement, ConnectionSpread>('path')
      .data(spread)
      .join('path')
      .attr('fill', (_, i) => schemeTableau10[i % 10]!)
      .attr('stroke', '#fff')
      .attr('stroke-width', 2);
    g.selectAll<SVGTextElement, ConnectionSpread>('text')
      .data(spread)
      .join('text')
      .attr('text-anchor', 'end')
      .style('font', '700 16px ui-monospace, monospace')
      .style('fill', 'var(--ink)')
      .each(function (this: SVGTextElement, e) {
        const target = layout && podPlace(layout, e.endpoint.split(' ')[0] ?? '');
        if (target)
          // Bottom right inside the pod box: clear of its name, address and eth0.
          if (target)
            select(this)
              .attr('x', target.box.x + target.box.w - 4)
              .attr('y', target.box.y + target.box.h - 5);
      });
  };

  /** Draws the dots at `now`; true while some are still on their way. */
  const draw = (now: number): boolean => {
    const spread = swarm?.spread ?? [];
    const speed = store.getState().view.speed;
    const travel = reducedMotion() ? 0 : SWARM_TRAVEL_MS / speed;
    const stagger = reducedMotion() ? 0 : SWARM_STAGGER_MS / speed;
    const elapsed = startedAt === null ? 0 : now - startedAt;
    const paths = spread.map(() => '');
    const arrived = spread.map(() => 0);
    let inFlight = 0;
    order.forEach((e, i) => {
      const t = travel === 0 ? 1 : (elapsed - i * stagger) / travel;
      const route = routes[e];
      if (t >= 1 || !route) arrived[e]!++;
      else if (t >= 0) {
        inFlight++;
        paths[e] += dotAt(route, t);
      }
    });
    g.selectAll<SVGPathElement, unknown>('path').attr('d', (_, i) => paths[i] || null);
    g.selectAll<SVGTextElement, unknown>('text').text((_, i) => (arrived[i] ? `×${arrived[i]}` : ''));
    const total = arrived.reduce((a, b) => a + b, 0);
    if (shown.inFlight !== inFlight || shown.arrived !== total) {
      // The e2e tests and the UI bench read these; written only when they change.
      g.attr('data-in-flight', inFlight).attr('data-arrived', total).attr('data-total', order.length);
      shown = { inFlight, arrived: total };
    }
    return total < order.length;
  };

  const tick = (now: number): void => {
    frame = 0;
    startedAt ??= now;
    if (draw(now)) frame = requestAnimationFrame(tick);
  };

  const start = (next: Connections | null) => {
    swarm = next;
    order = launchOrder(next?.spread.map((e) => e.count) ?? []);
    startedAt = null;
    rebuild();
    if (frame) cancelAnimationFrame(frame);
    frame = requestAnimationFrame(tick);
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.trace.connections !== prev.trace.connections) start(s.trace.connections);
  });
  g.attr('data-in-flight', 0).attr('data-arrived', 0).attr('data-total', 0);

  return {
    setLayout(next) {
      layout = next;
      rebuild();
      if (!frame && swarm) frame = requestAnimationFrame(tick);
    },
    destroy() {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
      g.selectAll('*').remove();
    },
  };
}
