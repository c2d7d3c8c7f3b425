import { describe, expect, it } from 'vitest';
import { DEFAULT_FLOW } from '../store/store';
import { defaultEngine } from '../testing/default-engine';
import { podMiddle } from './anchor';
import { layoutScene, type Point } from './layout';
import { launchOrder, swarmRoute } from './swarm-layer';

const has = (route: readonly Point[], p: Point) => route.some((q) => q.x === p.x && q.y === p.y);

describe('swarmRoute: each connection is drawn from the client to the endpoint kube-proxy chose', () => {
  const { summary, service } = defaultEngine();
  const layout = layoutScene(summary);
  const reply = service.handle({
    kind: 'connections',
    params: { from: 'pod/default/client', to: 'svc/default/web:http' },
    count: 100,
  });
  if (reply.kind !== 'connections') throw new Error(JSON.stringify(reply));
  const [node1, node2] = layout.nodes;
  const nodeOf = (endpoint: string) => summary.pods.find((p) => p.key === endpoint.split(' ')[0])?.node;

  it('routes every endpoint of the default scenario', () => {
    expect(reply.spread).toHaveLength(3);
    for (const e of reply.spread)
      expect(swarmRoute(layout, DEFAULT_FLOW, e.endpoint)?.length).toBeGreaterThan(4);
  });

  it('an endpoint on the other node is reached over flannel.1 and the underlay; one on the same node is not', () => {
    for (const e of reply.spread) {
      const route = swarmRoute(layout, DEFAULT_FLOW, e.endpoint)!;
      expect(has(route, node1!.hooks.prerouting)).toBe(true);
      const remote = nodeOf(e.endpoint) === 'node-2';
      expect(has(route, node1!.tunnel!)).toBe(remote);
      expect(has(route, node1!.tap)).toBe(remote);
      expect(has(route, node2!.tap)).toBe(remote);
      expect(has(route, node2!.hooks.prerouting)).toBe(remote);
    }
  });

  it('ends where a packet in the endpoint pod is drawn, and starts where it is drawn in the client', () => {
    const e = reply.spread[0]!;
    const route = swarmRoute(layout, DEFAULT_FLOW, e.endpoint)!;
    const box = (key: string) => layout.nodes.flatMap((n) => n.pods).find((p) => p.key === key)!;
    const end = box(e.endpoint.split(' ')[0]!);
    const client = box('default/client');
    expect(route.at(-1)).toEqual(podMiddle(end));
    expect(route[0]).toEqual(podMiddle(client));
  });

  it('is null for an endpoint the layout does not draw', () => {
    expect(swarmRoute(layout, DEFAULT_FLOW, 'default/gone 10.244.9.9:80')).toBeNull();
  });
});

describe('launchOrder', () => {
  it('launches each endpoint’s dots spread over the sequence, not one endpoint after another', () => {
    const order = launchOrder([2, 4, 2]);
    expect(order).toHaveLength(8);
    expect(order.filter((e) => e === 1)).toHaveLength(4);
    expect(order.slice(0, 4).filter((e) => e === 1)).toHaveLength(2);
    expect(order.slice(0, 3).sort()).toEqual([0, 1, 2]);
  });
});
