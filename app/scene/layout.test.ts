import { describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../../engine/protocol';
import { defaultEngine } from '../testing/default-engine';
import { traceAnchors } from './anchor';
import { layoutScene } from './layout';

function bigCluster(nodes: number, podsPerNode: number): ScenarioSummary {
  return {
    nodes: Array.from({ length: nodes }, (_, i) => ({
      name: `node-${i + 1}`,
      internalIP: `192.168.56.${11 + i}`,
      podCIDR: `10.244.${i}.0/24`,
      zone: null,
    })),
    pods: Array.from({ length: nodes * podsPerNode }, (_, i) => ({
      key: `default/p-${i}`,
      node: `node-${(i % nodes) + 1}`,
      ip: `10.244.${i % nodes}.${2 + Math.floor(i / nodes)}`,
      ready: true,
      ports: [],
    })),
    services: [],
    flows: [],
    proxyMode: 'iptables',
    backend: 'vxlan',
  };
}

describe('scene layout', () => {
  it('puts every pod inside its node frame, without overlaps', () => {
    const layout = layoutScene(bigCluster(10, 10));
    expect(layout.nodes).toHaveLength(10);
    for (const n of layout.nodes) {
      for (const p of n.pods) {
        expect(p.x).toBeGreaterThanOrEqual(n.x);
        expect(p.x + p.w).toBeLessThanOrEqual(n.x + n.w);
        expect(p.y + p.h).toBeLessThan(n.cni0.y);
      }
    }
    const frames = layout.nodes.map((n) => [n.x, n.y, n.x + n.w, n.y + n.h] as const);
    for (const [i, a] of frames.entries())
      for (const b of frames.slice(i + 1))
        expect(a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1]).toBe(true);
  });

  it('anchors every hop of the default trace on a drawn device, crossing the underlay between nodes', () => {
    const { summary, trace } = defaultEngine();
    const layout = layoutScene(summary);
    const points = traceAnchors(trace.hops, layout);
    expect(points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y))).toBe(true);
    const first = trace.hops[0]!;
    expect(first.netns).toBe('pod/default/client');
    const client = layout.nodes[0]!.pods.find((p) => p.key === 'default/client')!;
    expect(points[0]).toEqual({ x: client.x + client.w / 2, y: client.y + client.h / 2 });
    // The host end of the client's veth pair is drawn under the client pod.
    const veth = trace.hops.findIndex((h) => h.kind === 'veth' && h.netns === 'node/node-1');
    expect(points[veth]).toEqual(client.veth);
  });
});
