// IP output and forwarding: the local output path's routing, and ip_forward's checks in kernel order
// (ip_forward sysctl, TTL, MTU) before the FORWARD hook, which sees the decremented TTL.
import { describe, expect, it } from 'vitest';
import { Datapath } from './datapath';
import { labContext, route, tcpPacket, twoSubnets, udpPacket } from './testing/lab';
import { SeededRandom } from '../random';

describe('ip_forward', () => {
  it('carries a packet across the router with its TTL decremented once', () => {
    const { world } = twoSubnets();
    const dp = new Datapath(world, new SeededRandom(1));
    const outcome = dp.send('client', tcpPacket('10.0.1.2', 40000, '10.0.2.2', 80), 'test');
    expect(outcome).toMatchObject({ verdict: 'delivered', netns: 'server', packet: { ip: { ttl: 63 } } });
  });

  it('drops a packet not for this host when net.ipv4.ip_forward=0', () => {
    const { world } = twoSubnets({ routerForwards: false });
    const dp = new Datapath(world, new SeededRandom(1));
    expect(dp.send('client', tcpPacket('10.0.1.2', 40000, '10.0.2.2', 80), 'test')).toEqual({
      verdict: 'dropped',
      reason: 'not for this host and net.ipv4.ip_forward=0',
    });
  });

  it('answers ICMP time exceeded when the TTL would reach zero', () => {
    const { world, router } = twoSubnets();
    const ctx = labContext(world);
    const outcome = ctx.stages.forward(
      router,
      'veth-c',
      { packet: tcpPacket('10.0.1.2', 1, '10.0.2.2', 80, { ttl: 1 }), ct: null },
      router.routes.find((r) => r.dev === 'veth-s')!,
      0,
    );
    expect(outcome).toMatchObject({
      verdict: 'dropped',
      reason: 'TTL expired in transit: ICMP time exceeded',
    });
    expect(outcome.verdict === 'dropped' && outcome.answer?.why).toBe(
      'router sends ICMP time exceeded from 10.0.1.1 to 10.0.1.2',
    );
  });

  it('answers fragmentation needed before FORWARD when a DF packet exceeds the next MTU', () => {
    const { world, router } = twoSubnets();
    router.devices = router.devices.map((d) => (d.name === 'veth-s' ? { ...d, mtu: 1400 } : d));
    const dp = new Datapath(world, new SeededRandom(1));
    const outcome = dp.send('client', udpPacket('10.0.1.2', 40000, '10.0.2.2', 53, 1450), 'test');
    expect(outcome.verdict === 'dropped' && outcome.answer?.packet.l4.icmp).toMatchObject({
      type: 3,
      code: 4,
      mtu: 1400,
    });
  });
});

describe('ip_local_out', () => {
  it('fails with ENETUNREACH when nothing routes the destination', () => {
    const { world, client } = twoSubnets();
    client.routes = client.routes.filter((r) => r.dst.prefix !== 0);
    const dp = new Datapath(world, new SeededRandom(1));
    expect(dp.send('client', tcpPacket('10.0.1.2', 1, '192.0.2.1', 80), 'test')).toEqual({
      verdict: 'dropped',
      reason: 'no route to 192.0.2.1: connect() fails with ENETUNREACH',
    });
  });

  it('turns a local packet over the device MTU into EMSGSIZE for the sender, not an ICMP error', () => {
    const { world, client } = twoSubnets();
    client.routes.push(route('10.0.9.0/24', 'eth0', { via: '10.0.1.1' }));
    client.devices = client.devices.map((d) => ({ ...d, mtu: 1000 }));
    const dp = new Datapath(world, new SeededRandom(1));
    const outcome = dp.send('client', udpPacket('10.0.1.2', 1, '10.0.2.2', 53, 1200), 'test');
    expect(outcome.verdict === 'dropped' && outcome.reason).toContain('the sender gets EMSGSIZE');
    expect(outcome.verdict === 'dropped' && outcome.answer).toBeUndefined();
  });
});
