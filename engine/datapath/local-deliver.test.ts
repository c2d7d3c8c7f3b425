// Local delivery: the socket a packet reaches, and what the kernel answers when there is none.
import { describe, expect, it } from 'vitest';
import { ipv4 } from '../net/ipv4';
import { icmpError } from './icmp';
import { labContext, tcpPacket, twoSubnets, udpPacket } from './testing/lab';

function deliver(packet: ReturnType<typeof tcpPacket>) {
  const lab = twoSubnets();
  const ctx = labContext(lab.world);
  return { ctx, outcome: ctx.stages.localDeliver(lab.server, { packet, ct: null }, 'eth0') };
}

describe('local delivery', () => {
  it('delivers to a listening socket', () => {
    expect(deliver(tcpPacket('10.0.1.2', 1, '10.0.2.2', 80)).outcome).toMatchObject({ verdict: 'delivered' });
  });

  it('answers a TCP segment for a closed port with a RST from the port it was sent to', () => {
    const { outcome } = deliver(tcpPacket('10.0.1.2', 40000, '10.0.2.2', 81));
    expect(outcome.verdict === 'rejected' && outcome.answer).toMatchObject({
      kind: 'tcp-reset',
      packet: {
        ip: { src: ipv4('10.0.2.2'), dst: ipv4('10.0.1.2') },
        l4: { sport: 81, dport: 40000, flags: 'R.' },
      },
    });
  });

  it('answers a UDP datagram for a closed port with ICMP port unreachable', () => {
    const { outcome } = deliver(udpPacket('10.0.1.2', 40000, '10.0.2.2', 54));
    expect(outcome.verdict === 'rejected' && outcome.answer?.packet.l4.icmp).toMatchObject({
      type: 3,
      code: 3,
    });
  });

  it('gives a reply to the connecting socket, and refuses one from an address it did not connect to', () => {
    const lab = twoSubnets();
    const ctx = labContext(lab.world);
    ctx.openClientSocket('client', 'tcp', ipv4('10.0.1.2'), 40000, ipv4('10.0.2.2'), 80);
    const reply = tcpPacket('10.0.2.2', 80, '10.0.1.2', 40000, { flags: 'S.' });
    expect(ctx.stages.localDeliver(lab.client, { packet: reply, ct: null }, 'eth0').verdict).toBe(
      'delivered',
    );
    const stranger = tcpPacket('10.0.2.9', 80, '10.0.1.2', 40000, { flags: 'S.' });
    expect(ctx.stages.localDeliver(lab.client, { packet: stranger, ct: null }, 'eth0')).toMatchObject({
      verdict: 'rejected',
      reason:
        'the answer comes from 10.0.2.9:80, but the socket connected to 10.0.2.2:80: the kernel answers with a RST and the connection fails',
    });
  });

  it('hands an ICMP error to the socket whose packet it embeds', () => {
    const lab = twoSubnets();
    const ctx = labContext(lab.world);
    ctx.openClientSocket('client', 'udp', ipv4('10.0.1.2'), 40000, ipv4('10.0.2.2'), 54);
    const error = icmpError(lab.server, udpPacket('10.0.1.2', 40000, '10.0.2.2', 54), 3, 3);
    const outcome = ctx.stages.localDeliver(lab.client, { packet: error.packet, ct: null }, 'eth0');
    expect(outcome.verdict).toBe('delivered');
    expect(ctx.hops.at(-1)!.why).toBe(
      'the ICMP error about 10.0.1.2:40000 → 10.0.2.2:54 reaches that socket, which gets ECONNREFUSED',
    );
  });
});

describe('icmp_send', () => {
  it('sends from the destination address when it is local, else from the address on the route back', () => {
    const { server, router } = twoSubnets();
    const about = udpPacket('10.0.1.2', 1, '10.0.2.2', 54);
    expect(icmpError(server, about, 3, 3).packet.ip.src).toBe(ipv4('10.0.2.2'));
    expect(icmpError(router, about, 3, 0).packet.ip.src).toBe(ipv4('10.0.1.1'));
    expect(icmpError(router, about, 3, 4, 1400).packet.l4.icmp).toMatchObject({ mtu: 1400 });
  });
});
