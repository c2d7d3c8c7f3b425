// The hop panel's header layers follow the headers the engine reports for the outer packet: outer UDP and
// VXLAN for the vxlan backend, outer UDP only for flanneld's datagrams (no VXLAN header to show).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRequestHandler } from '../../engine/request-handler';
import type { HopJson } from '../../engine/trace/json';
import { defaultEngine } from '../testing/default-engine';
import { packetLayers } from './header-layers';

function encapHop(scenario: string, kind: string, from: string, to: string): HopJson {
  const handler = createRequestHandler();
  const text = readFileSync(new URL(`../../scenarios/${scenario}`, import.meta.url), 'utf8');
  const loaded = handler.handle({ kind: 'load', text });
  if (loaded.kind !== 'loaded') throw new Error(JSON.stringify(loaded));
  const r = handler.handle({ kind: 'trace', params: { from, to, seed: 1 } });
  if (r.kind !== 'trace') throw new Error(JSON.stringify(r));
  const hop = r.trace.hops.find((h) => h.kind === kind);
  if (!hop) throw new Error(`no ${kind} hop`);
  return hop;
}

const names = (hop: HopJson) => packetLayers(hop.packet).map((l) => l.name);

describe('packet layers', () => {
  it('vxlan: outer Ethernet, IPv4 (proto udp), UDP, VXLAN, then the inner frame', () => {
    const hop = defaultEngine().trace.hops.find((h) => h.kind === 'vxlan-encap')!;
    expect(names(hop).slice(0, 5)).toEqual([
      'Outer Ethernet',
      'Outer IPv4',
      'Outer UDP',
      'VXLAN',
      'Inner Ethernet',
    ]);
    expect(packetLayers(hop.packet)[1]!.fields).toContainEqual(['proto', 'udp']);
  });

  it('udp backend: an outer UDP header to port 8285 and no VXLAN layer', () => {
    const hop = encapHop('flannel-udp.yaml', 'udp-encap', 'pod/default/client', 'pod/default/server:8080');
    expect(names(hop)).not.toContain('VXLAN');
    const udp = packetLayers(hop.packet).find((l) => l.name === 'Outer UDP')!;
    expect(udp.fields).toEqual([
      ['sport', '8285'],
      ['dport', '8285'],
    ]);
  });
});
