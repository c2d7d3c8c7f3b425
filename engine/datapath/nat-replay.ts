// NAT for every packet after a flow's first: conntrack replays the binding the nat table chose
// (nf_nat_packet), and an ICMP error about a NATed flow is translated on both of its headers
// (nf_nat_icmp_reply_translation). The dst is rewritten at PREROUTING/OUTPUT, the src at POSTROUTING/INPUT.
import { formatIpv4, type Ipv4 } from '../net/ipv4';
import type { NatChange } from './hop';
import { endpointText, type Packet } from '../net/packet';
import type { Skb } from './skb';

function withDst(p: Packet, ip: Ipv4, port: number): Packet {
  return { ...p, ip: { ...p.ip, dst: ip }, l4: { ...p.l4, dport: port } };
}

function withSrc(p: Packet, ip: Ipv4, port: number): Packet {
  return { ...p, ip: { ...p.ip, src: ip }, l4: { ...p.l4, sport: port } };
}

/** Rewrites a packet of a known flow from its conntrack entry; undefined when nothing applies. */
function rewrite(skb: Skb, kind: NatChange['kind'], packet: Packet, from: string, to: string): NatChange {
  skb.packet = packet;
  return { kind, from, to };
}

export function applyExistingNat(skb: Skb, manip: 'dst' | 'src'): NatChange | undefined {
  const ct = skb.ct;
  if (!ct || ct.isNew) return undefined;
  const { entry, direction } = ct;
  const p = skb.packet;
  const before = manip === 'dst' ? endpointText(p.ip.dst, p.l4.dport) : endpointText(p.ip.src, p.l4.sport);
  if (manip === 'dst') {
    if (direction === 'original' && entry.dnat)
      return rewrite(
        skb,
        'DNAT',
        withDst(p, entry.reply.src, entry.reply.sport),
        before,
        endpointText(entry.reply.src, entry.reply.sport),
      );
    if (direction === 'reply' && entry.snat)
      return rewrite(
        skb,
        'un-SNAT',
        withDst(p, entry.original.src, entry.original.sport),
        before,
        endpointText(entry.original.src, entry.original.sport),
      );
  } else {
    if (direction === 'original' && entry.snat)
      return rewrite(
        skb,
        'SNAT',
        withSrc(p, entry.reply.dst, entry.reply.dport),
        before,
        endpointText(entry.reply.dst, entry.reply.dport),
      );
    if (direction === 'reply' && entry.dnat)
      return rewrite(
        skb,
        'un-DNAT',
        withSrc(p, entry.original.dst, entry.original.dport),
        before,
        endpointText(entry.original.dst, entry.original.dport),
      );
  }
  return undefined;
}

/**
 * An ICMP error travelling back along a NATed flow gets the reply direction's rewrite on its own header
 * and the inverse on the embedded one, so the sender can match it to its socket. Only errors about
 * original-direction packets (the common case) are translated.
 */
export function translateIcmpError(skb: Skb, manip: 'dst' | 'src'): NatChange | undefined {
  const ct = skb.ct;
  const p = skb.packet;
  const icmp = p.l4.icmp;
  if (!ct || !ct.related || !icmp || ct.direction !== 'reply') return undefined;
  const { entry } = ct;
  const e = icmp.embedded;
  if (manip === 'dst' && entry.snat) {
    skb.packet = {
      ...p,
      ip: { ...p.ip, dst: entry.original.src },
      l4: {
        ...p.l4,
        icmp: { ...icmp, embedded: { ...e, src: entry.original.src, sport: entry.original.sport } },
      },
    };
    return { kind: 'un-SNAT', from: formatIpv4(p.ip.dst), to: formatIpv4(entry.original.src) };
  }
  if (manip === 'src' && entry.dnat) {
    skb.packet = {
      ...p,
      ip: { ...p.ip, src: entry.original.dst },
      l4: {
        ...p.l4,
        icmp: { ...icmp, embedded: { ...e, dst: entry.original.dst, dport: entry.original.dport } },
      },
    };
    return { kind: 'un-DNAT', from: formatIpv4(p.ip.src), to: formatIpv4(entry.original.dst) };
  }
  return undefined;
}
