// The bridge stage, and the one receive path: a bridged frame that br_netfilter's DNAT turns into a routed
// packet gets the same ip_forward, TTL and no-route handling as a packet received on any device (it once
// took a drifted copy of ip_rcv_finish that skipped all three).
import { describe, expect, it } from 'vitest';
import { Datapath } from './datapath';
import { bridgedNode, dnatRule } from './testing/bridged-node';
import { labContext, tcpPacket } from './testing/lab';
import { SeededRandom } from '../random';

function send(
  world: ReturnType<typeof bridgedNode>['world'],
  packet = tcpPacket('10.0.3.2', 40000, '10.0.3.3', 80),
) {
  const dp = new Datapath(world, new SeededRandom(1));
  const outcome = dp.send('pod-a', packet, 'test');
  return { outcome, hops: dp.hops };
}

describe('the bridge', () => {
  it('forwards a frame out the port behind which the destination MAC was learned, across br_netfilter', () => {
    const { world } = bridgedNode();
    const { outcome, hops } = send(world);
    expect(outcome.verdict).toBe('delivered');
    const bridgeHop = hops.find((h) => h.kind === 'bridge')!;
    expect(bridgeHop.why).toBe(
      'br0 forwards from port veth-a to port veth-b, where ' + bridgeHop.before.eth!.dst + ' was learned',
    );
    // br_netfilter: the bridged frame crosses PREROUTING, FORWARD and POSTROUTING, but not routing.
    const afterBridge = hops.slice(hops.indexOf(bridgeHop)).map((h) => h.kind);
    expect(afterBridge).toEqual([
      'bridge',
      'prerouting',
      'forward',
      'postrouting',
      'veth',
      'routing',
      'deliver',
    ]);
  });

  it('sends a frame for the bridge itself up to the namespace IP stack', () => {
    const { world } = bridgedNode();
    const { hops } = send(world, tcpPacket('10.0.3.2', 40000, '10.0.2.2', 80));
    const bridgeHop = hops.find((h) => h.kind === 'bridge')!;
    expect(bridgeHop.why).toContain("addressed to the bridge itself, so it goes up to node's IP stack");
    expect(hops[hops.indexOf(bridgeHop) + 1]!.kind).toBe('prerouting');
  });

  it('drops a frame that would go back out its own port when hairpin mode is off', () => {
    const { world, node } = bridgedNode();
    node.devices = node.devices.map((d) => (d.name === 'veth-a' ? { ...d, hairpin: false } : d));
    const ctx = labContext(world);
    const portA = node.devices.find((d) => d.name === 'veth-a')!;
    const bridge = node.devices.find((d) => d.name === 'br0')!;
    const macA = world.peerDevice('pod-a', 'eth0')!.mac;
    const frame = { ...tcpPacket('10.0.3.2', 1, '10.0.3.2', 80), eth: { src: macA, dst: macA } };
    const outcome = ctx.stages.bridgeForward(node, bridge, portA, frame);
    expect(outcome).toEqual({
      verdict: 'dropped',
      reason: 'br0 would send the frame back out veth-a, where it came from, and hairpin mode is off',
    });
  });

  it('drops a frame whose destination MAC no port has learned', () => {
    const { world, node } = bridgedNode();
    const ctx = labContext(world);
    const bridge = node.devices.find((d) => d.name === 'br0')!;
    const frame = {
      ...tcpPacket('10.0.3.2', 1, '10.0.3.9', 80),
      eth: { src: 'x', dst: '02:ff:00:00:00:09' },
    };
    expect(ctx.stages.bridgeForward(node, bridge, null, frame).verdict).toBe('dropped');
  });
});

describe('a bridged frame DNATed in br_netfilter PREROUTING is received like any other packet', () => {
  it('goes to the routing decision of ip_rcv_finish, not to the bridge port', () => {
    const { world } = bridgedNode({ natPrerouting: [dnatRule('10.0.3.3', 80, '10.0.2.2:80')] });
    const { outcome, hops } = send(world);
    expect(outcome).toMatchObject({ verdict: 'delivered', netns: 'server' });
    const routing = hops.find((h) => h.kind === 'routing' && h.netns === 'node')!;
    expect(routing.why).toBe(
      'bridged frame DNATed on br0; longest prefix match for 10.0.2.2 is 10.0.2.0/24 dev eth0 proto kernel scope link',
    );
    // ip_forward decremented the TTL once, in the node.
    expect(outcome.verdict === 'delivered' && outcome.packet.ip.ttl).toBe(63);
  });

  it('is not forwarded when net.ipv4.ip_forward=0', () => {
    const { world } = bridgedNode({
      ipForward: false,
      natPrerouting: [dnatRule('10.0.3.3', 80, '10.0.2.2:80')],
    });
    expect(send(world).outcome).toEqual({
      verdict: 'dropped',
      reason: 'not for this host and net.ipv4.ip_forward=0',
    });
  });

  it('is dropped with ICMP time exceeded when its TTL runs out', () => {
    const { world } = bridgedNode({ natPrerouting: [dnatRule('10.0.3.3', 80, '10.0.2.2:80')] });
    const { outcome } = send(world, tcpPacket('10.0.3.2', 40000, '10.0.3.3', 80, { ttl: 1 }));
    expect(outcome.verdict).toBe('dropped');
    expect(outcome.verdict !== 'delivered' && outcome.answer?.packet.l4.icmp).toMatchObject({
      type: 11,
      code: 0,
    });
  });

  it('answers ICMP net unreachable when the new destination has no route', () => {
    const { world } = bridgedNode({ natPrerouting: [dnatRule('10.0.3.3', 80, '10.99.0.1:80')] });
    const { outcome } = send(world);
    expect(outcome).toMatchObject({
      verdict: 'dropped',
      reason: 'no route to 10.99.0.1: ICMP net unreachable',
    });
    expect(outcome.verdict !== 'delivered' && outcome.answer).toMatchObject({
      netns: 'node',
      kind: 'icmp-error',
      packet: { l4: { icmp: { type: 3, code: 0 } } },
    });
  });
});
