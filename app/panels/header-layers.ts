// A packet view split into the layers a packet analyser shows (outer Ethernet / IP / UDP / VXLAN while
// encapsulated, then Ethernet, IPv4, TCP/UDP/ICMP), as rows of field → value, so the panel can compare the
// inbound and outbound packet of a hop field by field.
import type { PacketView } from '../../engine';
import { icmpName } from '../trace-view/refusal';

export interface Layer {
  readonly name: string;
  readonly fields: readonly (readonly [string, string])[];
}

/** `ip:port`, or a bare `ip` (ICMP has no ports). */
function split(endpoint: string): [string, string] {
  const colon = endpoint.lastIndexOf(':');
  return colon < 0 ? [endpoint, '–'] : [endpoint.slice(0, colon), endpoint.slice(colon + 1)];
}

export function packetLayers(p: PacketView): Layer[] {
  const layers: Layer[] = [];
  const [sip, sport] = split(p.src);
  const [dip, dport] = split(p.dst);
  if (p.outer) {
    layers.push({
      name: 'Outer Ethernet',
      fields: [
        ['src', p.outer.eth?.src ?? '–'],
        ['dst', p.outer.eth?.dst ?? '–'],
      ],
    });
    layers.push({
      name: 'Outer IPv4',
      fields: [
        ['src', p.outer.src],
        ['dst', p.outer.dst],
        ['ttl', String(p.outer.ttl)],
        ['length', String(p.outer.length)],
        ['proto', p.outer.proto],
      ],
    });
    // Only the headers the outer packet has: UDP ports, and the VXLAN header (VNI) when there is one;
    // an IP-in-IP packet goes straight from the outer IPv4 header to the inner one.
    if (p.outer.sport !== undefined && p.outer.dport !== undefined)
      layers.push({
        name: `Outer ${p.outer.proto.toUpperCase()}`,
        fields: [
          ['sport', String(p.outer.sport)],
          ['dport', String(p.outer.dport)],
        ],
      });
    if (p.outer.vni !== undefined) layers.push({ name: 'VXLAN', fields: [['vni', String(p.outer.vni)]] });
  }
  layers.push({
    name: p.outer ? 'Inner Ethernet' : 'Ethernet',
    fields: [
      ['src', p.eth?.src ?? '–'],
      ['dst', p.eth?.dst ?? '–'],
    ],
  });
  layers.push({
    name: 'IPv4',
    fields: [
      ['src', sip],
      ['dst', dip],
      ['ttl', String(p.ttl)],
      ['length', String(p.length)],
      ['df', p.df ? 'yes' : 'no'],
      ['mark', p.mark],
    ],
  });
  if (p.proto === 'icmp') {
    layers.push({
      name: 'ICMP',
      fields: [
        ['type', String(p.icmp?.type ?? '–')],
        ['code', String(p.icmp?.code ?? '–')],
        ['meaning', p.icmp ? icmpName(p.icmp) : '–'],
        ...(p.icmp?.mtu !== undefined ? ([['mtu', String(p.icmp.mtu)]] as const) : []),
        ['about', p.icmp?.about ?? '–'],
      ],
    });
    return layers;
  }
  layers.push({
    name: p.proto === 'tcp' ? 'TCP' : 'UDP',
    fields: [
      ['sport', sport],
      ['dport', dport],
      ...(p.proto === 'tcp' ? ([['flags', p.flags || '–']] as const) : []),
    ],
  });
  return layers;
}

/** Layer/field pairs whose values differ between the two views (missing layers count as changed). */
export function changedFieldKeys(before: PacketView, after: PacketView): Set<string> {
  const a = new Map(
    packetLayers(before).flatMap((l) => l.fields.map(([f, v]) => [`${l.name}.${f}`, v] as const)),
  );
  const b = new Map(
    packetLayers(after).flatMap((l) => l.fields.map(([f, v]) => [`${l.name}.${f}`, v] as const)),
  );
  const out = new Set<string>();
  for (const [k, v] of b) if (a.get(k) !== v) out.add(k);
  for (const k of a.keys()) if (!b.has(k)) out.add(k);
  return out;
}
