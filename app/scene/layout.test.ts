import { describe, expect, it } from 'vitest';
import type { TraceJson } from '../../engine/trace/json';
import { createRequestHandler } from '../../engine/request-handler';
import { grownScenario } from '../../engine/scenario/synthetic-scenario';
import { DEFAULT_YAML, defaultEngine } from '../testing/default-engine';
import { podMiddle, traceAnchors } from './anchor';
import { COLLAPSED_SLOTS, HOOKS, layoutScene, type Box, type Point, type SceneLayout } from './layout';

/** The default scenario grown to 10 nodes and 100 pods. */
function tenNodesYaml(): string {
  // Whatever else the default scenario holds (the client, cluster add-ons), web makes it 100 pods.
  const others = defaultEngine().summary.pods.filter((p) => !p.key.startsWith('default/web-')).length;
  return grownScenario(DEFAULT_YAML, { nodes: 10, replicas: 100 - others });
}

function tenNodes() {
  const service = createRequestHandler();
  const loaded = service.handle({ kind: 'load', text: tenNodesYaml() });
  if (loaded.kind !== 'loaded' || !loaded.summary) throw new Error(JSON.stringify(loaded));
  const trace = (to: string, seed = 1): TraceJson => {
    const r = service.handle({ kind: 'trace', params: { from: 'pod/default/client', to, seed } });
    if (r.kind !== 'trace') throw new Error(JSON.stringify(r));
    return r.trace;
  };
  return { summary: loaded.summary, trace };
}

const centre = (b: Box): Point => podMiddle(b);

/** Every point the scene draws a device at, where a hop may be anchored. */
function drawnPoints(layout: SceneLayout): Point[] {
  return [
    layout.external,
    layout.switchAt,
    ...layout.nodes.flatMap((n) => [
      ...n.pods.flatMap((p) => [centre(p), p.eth0, p.veth]),
      ...(n.group ? [centre(n.group), n.group.eth0, n.group.veth] : []),
      { x: n.cni0.x + n.cni0.w / 2, y: n.cni0.y },
      ...HOOKS.map((h) => n.hooks[h]),
      ...n.devices.map((d) => d.port),
      n.nic,
      n.tap,
    ]),
  ];
}

function onUnderlay(layout: SceneLayout, p: Point): boolean {
  return layout.segments.some((s) => s.y === p.y && p.x >= s.x1 && p.x <= s.x2);
}

function expectAnchored(layout: SceneLayout, trace: TraceJson): Point[] {
  const drawn = drawnPoints(layout);
  const points = traceAnchors(trace.hops, layout);
  points.forEach((p, i) => {
    const hop = trace.hops[i]!;
    const ok = drawn.some((d) => d.x === p.x && d.y === p.y) || onUnderlay(layout, p);
    expect(ok, `hop ${i} ${hop.kind} at ${hop.netns} ${hop.device}`).toBe(true);
  });
  return points;
}

function disjoint(a: Box, b: Box): boolean {
  return a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
}

function expectNoOverlaps(layout: SceneLayout): void {
  for (const n of layout.nodes) {
    const boxes = [...n.pods, ...(n.group ? [n.group] : [])];
    for (const b of boxes) {
      expect(b.x).toBeGreaterThanOrEqual(n.x);
      expect(b.x + b.w).toBeLessThanOrEqual(n.x + n.w);
      expect(b.y).toBeGreaterThan(n.y + 24); // below the node's title
      expect(b.veth.y + 7).toBeLessThan(n.cni0.y);
    }
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) expect(disjoint(a, b)).toBe(true);
  }
  for (const [i, a] of layout.nodes.entries())
    for (const b of layout.nodes.slice(i + 1)) expect(disjoint(a, b), `${a.name} / ${b.name}`).toBe(true);
}

describe('scene layout', () => {
  it('anchors every hop of the default trace on a drawn device, the host veth found by its name', () => {
    const { summary, trace } = defaultEngine();
    const layout = layoutScene(summary);
    const points = expectAnchored(layout, trace);
    expect(layout.nodes.every((n) => n.group === null)).toBe(true);
    const first = trace.hops[0]!;
    expect(first.netns).toBe('pod/default/client');
    const client = layout.nodes[0]!.pods.find((p) => p.key === 'default/client')!;
    expect(points[0]).toEqual(centre(client));
    const veth = trace.hops.findIndex((h) => h.kind === 'veth' && h.netns === 'node/node-1');
    expect(trace.hops[veth]!.device).toBe(client.hostVeth);
    expect(points[veth]).toEqual(client.veth);
  });

  describe('at 10 nodes and 100 pods', () => {
    const { summary, trace } = tenNodes();

    it('collapses each node past the threshold into one "+N pods" group, every pod drawn once', () => {
      expect(summary.nodes).toHaveLength(10);
      expect(summary.pods).toHaveLength(100);
      const layout = layoutScene(summary);
      expectNoOverlaps(layout);
      for (const n of layout.nodes) {
        const mine = summary.pods.filter((p) => p.node === n.name);
        expect(mine.length).toBeGreaterThan(COLLAPSED_SLOTS);
        expect(n.pods).toHaveLength(COLLAPSED_SLOTS - 1);
        expect(n.group?.keys).toHaveLength(mine.length - n.pods.length);
        expect([...n.pods.map((p) => p.key), ...n.group!.keys].sort()).toEqual(mine.map((p) => p.key).sort());
      }
    });

    it('anchors every hop of a trace into a collapsed pod on its group, request and reply', () => {
      const layout = layoutScene(summary);
      const far = layout.nodes[5]!;
      const hidden = far.group!.keys[0]!;
      const t = trace(`pod/${hidden}:8080`);
      expect(t.verdict).toBe('delivered');
      const points = expectAnchored(layout, t);
      const deliver = t.hops.findIndex((h) => h.kind === 'deliver');
      expect(points[deliver]).toEqual(centre(far.group!));
      const replyVeth = t.hops.findIndex(
        (h) => h.direction === 'reply' && h.kind === 'veth' && h.netns === `node/${far.name}`,
      );
      expect(far.group!.hostVeths).toContain(t.hops[replyVeth]!.device);
      expect(points[replyVeth]).toEqual(far.group!.veth);
      // And the Service flow, whichever replica it reaches.
      for (const seed of [1, 2, 3]) expectAnchored(layout, trace('svc/default/web:http', seed));
    });

    it('expands one node to all its pods, growing only its row, still without overlaps', () => {
      const collapsed = layoutScene(summary);
      const layout = layoutScene(summary, new Set(['node-6']));
      expectNoOverlaps(layout);
      const six = layout.nodes.find((n) => n.name === 'node-6')!;
      expect(six.group).toBeNull();
      expect(six.expanded).toBe(true);
      expect(six.pods).toHaveLength(summary.pods.filter((p) => p.node === 'node-6').length);
      // node-6 is in the second row of four: the first row keeps its height.
      expect(layout.nodes[0]!.h).toBe(collapsed.nodes[0]!.h);
      expect(six.h).toBeGreaterThan(collapsed.nodes[5]!.h);
      const t = trace(`pod/${six.pods[COLLAPSED_SLOTS + 1]!.key}:8080`);
      const points = expectAnchored(layout, t);
      expect(points[t.hops.findIndex((h) => h.kind === 'deliver')]).toEqual(
        centre(six.pods[COLLAPSED_SLOTS + 1]!),
      );
    });
  });
});
