// Encapsulation: a VXLAN device wraps the routed packet for the VTEP its FDB names, the outer packet takes
// the node's own output path, and the far node's VXLAN socket unwraps it onto its flannel.1.
import { describe, expect, it } from 'vitest';
import { Datapath } from './datapath';
import { tcpPacket } from './testing/lab';
import { VTEP_2, vxlanPair } from './testing/vxlan-pair';
import { SeededRandom } from '../random';
import { formatIpv4 } from '../net/ipv4';

function send() {
  const lab = vxlanPair();
  const dp = new Datapath(lab.world, new SeededRandom(1));
  const outcome = dp.send('node-1', tcpPacket('10.244.1.0', 40000, '10.244.2.5', 80, { length: 60 }), 'test');
  return { ...lab, outcome, hops: dp.hops };
}

describe('VXLAN encapsulation', () => {
  it('wraps the frame in UDP to the FDB entry’s node, with the VNI and 50 bytes of overhead', () => {
    const { hops } = send();
    const encap = hops.find((h) => h.kind === 'vxlan-encap')!;
    const outer = encap.after;
    expect(formatIpv4(outer.ip.src)).toBe('192.168.56.11');
    expect(formatIpv4(outer.ip.dst)).toBe('192.168.56.12');
    expect(outer.l4).toMatchObject({ proto: 'udp', dport: 8472 });
    expect(outer.ip.length).toBe(60 + 50);
    expect(outer.vxlan).toMatchObject({ vni: 1, inner: { eth: { dst: VTEP_2 } } });
    expect(encap.fdb).toBe(`${VTEP_2} dev flannel.1 dst 192.168.56.12 self permanent`);
  });

  it('routes the outer packet as a locally generated one, then unwraps it on the far node', () => {
    const { hops, outcome } = send();
    const kinds = hops.map((h) => `${h.netns} ${h.kind}`);
    const encapAt = kinds.indexOf('node-1 vxlan-encap');
    expect(kinds[encapAt + 1]).toBe('node-1 routing');
    expect(kinds).toContain('node-2 vxlan-decap');
    const decap = hops.find((h) => h.kind === 'vxlan-decap')!;
    expect(decap.after.vxlan).toBeNull();
    expect(outcome).toMatchObject({ verdict: 'delivered', netns: 'pod' });
  });

  it('drops when no FDB entry names the VTEP (flanneld has not programmed the peer)', () => {
    const lab = vxlanPair();
    lab.n1.fdb = [];
    const dp = new Datapath(lab.world, new SeededRandom(1));
    expect(dp.send('node-1', tcpPacket('10.244.1.0', 1, '10.244.2.5', 80), 't')).toEqual({
      verdict: 'dropped',
      reason: `no FDB entry for ${VTEP_2} on flannel.1: the VTEP is unknown`,
    });
  });
});
