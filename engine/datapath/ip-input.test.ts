// IP input: after PREROUTING the routing decision sends a packet to local delivery, to forwarding, or back
// with ICMP net unreachable. Later stages are replaced by recorders, so each case shows where it went.
import { describe, expect, it } from 'vitest';
import type { Outcome } from './context';
import { labContext, tcpPacket, twoSubnets } from './testing/lab';

const reached = (stage: string): Outcome => ({ verdict: 'dropped', reason: `reached ${stage}` });

function setup() {
  const lab = twoSubnets();
  const calls: string[] = [];
  const ctx = labContext(lab.world, {
    localIn: (_ns, _skb, inDev) => (calls.push(`localIn ${inDev}`), reached('localIn')),
    forward: (_ns, inDev, _skb, route) => (calls.push(`forward ${inDev} → ${route.dev}`), reached('forward')),
  });
  return { ...lab, ctx, calls };
}

describe('ip_rcv and the routing decision', () => {
  it('delivers a packet for one of the namespace addresses locally', () => {
    const { ctx, router, calls } = setup();
    ctx.stages.ipReceive(router, 'veth-c', { packet: tcpPacket('10.0.1.2', 1, '10.0.2.1', 80), ct: null });
    expect(calls).toEqual(['localIn veth-c']);
    expect(ctx.hops.map((h) => h.kind)).toEqual(['routing']);
  });

  it('forwards a packet for another host by the longest-prefix route', () => {
    const { ctx, router, calls } = setup();
    ctx.stages.ipReceive(router, 'veth-c', { packet: tcpPacket('10.0.1.2', 1, '10.0.2.2', 80), ct: null });
    expect(calls).toEqual(['forward veth-c → veth-s']);
  });

  it('answers ICMP net unreachable from the receiving namespace when no route matches', () => {
    const { ctx, router, calls } = setup();
    const outcome = ctx.stages.ipReceive(router, 'veth-c', {
      packet: tcpPacket('10.0.1.2', 1, '192.0.2.7', 80),
      ct: null,
    });
    expect(calls).toEqual([]);
    expect(outcome).toMatchObject({
      verdict: 'dropped',
      reason: 'no route to 192.0.2.7: ICMP net unreachable',
    });
    // icmp_send picks the source address on the route back to the sender: the router's 10.0.1.1.
    expect(outcome.verdict === 'dropped' && outcome.answer?.why).toBe(
      'router sends ICMP net unreachable from 10.0.1.1 to 10.0.1.2',
    );
  });

  it('sends a packet received after PREROUTING elsewhere through the same routing decision', () => {
    const { ctx, router, calls } = setup();
    ctx.stages.routeInput(router, 'br0', { packet: tcpPacket('10.0.1.2', 1, '10.0.2.2', 80), ct: null }, 'x');
    expect(calls).toEqual(['forward br0 → veth-s']);
  });
});
