// The VXLAN tunnel driver: a routed packet reaching flannel.1 is wrapped for the VTEP its FDB names, the
// outer packet takes the node's own output path, and the far node's VXLAN socket unwraps it onto its
// flannel.1. Two nodes joined by their eth0s: node-1 (192.168.56.11, 10.244.1.0/24) and node-2
// (192.168.56.12, 10.244.2.0/24) with pod 10.244.2.5 behind a veth; node-1 holds the three entries
// flanneld programs for node-2 (neighbour, FDB, onlink route).
import { describe, expect, it } from 'vitest';
import { Datapath } from '../../datapath/datapath';
import { labWorld, netns, route, tcpPacket, vethPair } from '../../datapath/testing/lab';
import type { NetDevice } from '../../model/netns';
import { formatIpv4, ipv4 } from '../../net/ipv4';
import { SeededRandom } from '../../random';
import { VXLAN_TUNNEL } from './tunnel';

const VTEP_1 = '0e:00:00:00:01:01';
const VTEP_2 = '0e:00:00:00:02:02';

function vxlanDevice(mac: string, podNet: string, local: string): NetDevice {
  return {
    name: 'flannel.1',
    ifindex: 3,
    kind: 'vxlan',
    mac,
    mtu: 1450,
    addresses: [{ ip: ipv4(podNet), prefix: 32, scope: 'global' }],
    vxlan: { vni: 1, local: ipv4(local), dev: 'eth0', dstport: 8472, learning: false },
  };
}

function vxlanPair() {
  const world = labWorld();
  const n1 = netns('node-1', { kind: 'node', node: 'node-1', ipForward: true });
  const n2 = netns('node-2', { kind: 'node', node: 'node-2', ipForward: true });
  const pod = netns('pod', { node: 'node-2' });
  vethPair(n1, 'eth0', '192.168.56.11/24', n2, 'eth0', '192.168.56.12/24');
  n1.devices.push(vxlanDevice(VTEP_1, '10.244.1.0', '192.168.56.11'));
  n2.devices.push(vxlanDevice(VTEP_2, '10.244.2.0', '192.168.56.12'));
  n1.routes.push({
    ...route('10.244.2.0/24', 'flannel.1', { via: '10.244.2.0', proto: 'boot' }),
    onlink: true,
  });
  n1.neighbours = [{ ip: ipv4('10.244.2.0'), dev: 'flannel.1', mac: VTEP_2, state: 'PERMANENT' }];
  n1.fdb = [{ mac: VTEP_2, dev: 'flannel.1', dst: ipv4('192.168.56.12'), self: true, permanent: true }];
  vethPair(pod, 'eth0', '10.244.2.5/24', n2, 'veth-p', '10.244.2.1/24');
  pod.routes.push(route('0.0.0.0/0', 'eth0', { via: '10.244.2.1' }));
  world.add(n1, n2, pod);
  world.tunnels.push(VXLAN_TUNNEL);
  world.listen('pod', 'tcp', 80);
  return { world, n1, n2, pod };
}

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
    expect(outer.encap).toMatchObject({ kind: 'vxlan', vni: 1, inner: { eth: { dst: VTEP_2 } } });
    expect(encap.fdb).toBe(`${VTEP_2} dev flannel.1 dst 192.168.56.12 self permanent`);
  });

  it('routes the outer packet as a locally generated one, then unwraps it on the far node', () => {
    const { hops, outcome } = send();
    const kinds = hops.map((h) => `${h.netns} ${h.kind}`);
    const encapAt = kinds.indexOf('node-1 vxlan-encap');
    expect(kinds[encapAt + 1]).toBe('node-1 routing');
    expect(kinds).toContain('node-2 vxlan-decap');
    const decap = hops.find((h) => h.kind === 'vxlan-decap')!;
    expect(decap.after.encap).toBeNull();
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
