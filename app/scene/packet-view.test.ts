import { describe, expect, it } from 'vitest';
import type { TraceJson } from '../../engine/trace/json';
import { defaultEngine } from '../testing/default-engine';
import { envelopeLines, packetLook } from './packet-view';

function crossNodeTrace(): TraceJson {
  const { service } = defaultEngine();
  for (let seed = 1; seed < 50; seed++) {
    const r = service.handle({
      kind: 'trace',
      params: { from: 'pod/default/client', to: 'svc/default/web:http', seed },
    });
    if (r.kind === 'trace' && r.trace.hops.some((h) => h.kind === 'vxlan-encap')) return r.trace;
  }
  throw new Error('no seed crosses the overlay');
}

describe('packet look', () => {
  it('wears the VXLAN envelope from encap to decap, and shows the DNAT rewrite', () => {
    const trace = crossNodeTrace();
    const encap = trace.hops.findIndex((h) => h.kind === 'vxlan-encap');
    const decap = trace.hops.findIndex((h) => h.kind === 'vxlan-decap');
    expect(packetLook(trace.hops[encap - 1]!).envelope).toBeNull();
    expect(packetLook(trace.hops[encap]!).envelope).toMatch(
      /^VXLAN VNI 1 · UDP \d+→8472 · 192\.168\.56\.11 → 192\.168\.56\.12$/,
    );
    expect(packetLook(trace.hops[decap]!).envelope).toBeNull();
    const dnat = trace.hops.find((h) => h.nat?.kind === 'DNAT')!;
    expect(packetLook(dnat).nat).toMatchObject({ kind: 'DNAT', from: '10.96.1.1:80' });
    expect(packetLook(trace.hops[trace.hops.length - 1]!)).toMatchObject({
      tone: 'delivered',
      verdict: 'DELIVERED',
    });
  });

  it('names only the headers the outer packet has: flanneld datagrams carry no VXLAN header', () => {
    const hop = crossNodeTrace().hops.find((h) => h.kind === 'vxlan-encap')!;
    const { vni, ...outer } = hop.packet.outer!;
    expect(vni).toBe(1);
    const udp = { ...outer, sport: 8285, dport: 8285 };
    expect(packetLook({ ...hop, packet: { ...hop.packet, outer: udp } }).envelope).toBe(
      `UDP 8285→8285 · ${outer.src} → ${outer.dst}`,
    );
  });

  it('splits the envelope before the outer addresses only when it does not fit', () => {
    const text = 'VXLAN VNI 1 · UDP 36374→8472 · 192.168.56.11 → 192.168.56.12';
    expect(envelopeLines(text, 80)).toEqual([text]);
    expect(envelopeLines(text, 40)).toEqual([
      'VXLAN VNI 1 · UDP 36374→8472',
      '192.168.56.11 → 192.168.56.12',
    ]);
  });
});
