// A packet as the datapath carries it: Ethernet, IPv4, TCP/UDP, and while it crosses the overlay the
// encapsulation around it (VXLAN, or a plain UDP payload). Packets are values; every stage returns a new one, so a hop can show the
// packet before and after it.
import { formatIpv4, type Ipv4 } from './ipv4';

/** The IP protocol after the IPv4 header; `ipip` (protocol 4) is an IPv4 packet inside, with no ports. */
export type TransportProto = 'tcp' | 'udp' | 'icmp' | 'ipip';

/** The header of the packet an ICMP error is about (RFC 792: the original IP header + 8 bytes). */
export interface EmbeddedHeader {
  readonly proto: 'tcp' | 'udp';
  readonly src: Ipv4;
  readonly sport: number;
  readonly dst: Ipv4;
  readonly dport: number;
}

/** An ICMP error: destination unreachable (type 3) with code 3 (port) or 4 (fragmentation needed). */
export interface IcmpError {
  readonly type: number;
  readonly code: number;
  /** Next-hop MTU for "fragmentation needed" (RFC 1191). */
  readonly mtu?: number;
  readonly embedded: EmbeddedHeader;
}

export interface EthernetHeader {
  readonly src: string;
  readonly dst: string;
}

export interface Ipv4Header {
  readonly src: Ipv4;
  readonly dst: Ipv4;
  readonly ttl: number;
  /** Total length in bytes (IP header included). */
  readonly length: number;
  readonly dontFragment: boolean;
}

export interface TransportHeader {
  readonly proto: TransportProto;
  readonly sport: number;
  readonly dport: number;
  /** TCP flags as tcpdump prints them (`S`, `S.`, `R.`); empty for UDP and ICMP. */
  readonly flags: string;
  /** Set for ICMP errors; ports are 0 then. */
  readonly icmp?: IcmpError;
}

/**
 * While a packet crosses the overlay, the datapath carries the OUTER packet (routed, filtered and NATed
 * on its own headers, as the kernel does) and keeps the inner one here. The outer transport is UDP in
 * both kinds; what differs is what sits between it and the inner packet:
 * - `vxlan`: the 8-byte VXLAN header and the inner Ethernet frame (RFC 7348; flannel's vxlan backend);
 * - `udp`: nothing, the inner IP packet is the datagram's payload with no link-layer header (flannel's
 *   udp backend, whose TUN device carries bare IP packets).
 */
export type Encapsulation =
  | { readonly kind: 'vxlan'; readonly vni: number; readonly inner: Packet }
  | { readonly kind: 'udp'; readonly inner: Packet }
  | { readonly kind: 'ipip'; readonly inner: Packet };

export type EncapsulationKind = Encapsulation['kind'];

/** Every kind once (a Record, so the compiler names a kind missing here); hop kinds derive from it. */
const ENCAPSULATIONS: Readonly<Record<EncapsulationKind, true>> = {
  vxlan: true,
  udp: true,
  ipip: true,
};
export const ENCAPSULATION_KINDS = Object.keys(ENCAPSULATIONS) as readonly EncapsulationKind[];

export interface Packet {
  /** Absent while the packet is inside the IP stack between devices. */
  readonly eth: EthernetHeader | null;
  readonly ip: Ipv4Header;
  readonly l4: TransportHeader;
  /** The inner packet and how it is carried, while this is an overlay's outer packet. */
  readonly encap: Encapsulation | null;
  /** skb->mark (kube-proxy's masquerade bit lives here). */
  readonly mark: number;
}

/** VXLAN overhead charged against the underlay MTU: outer IPv4 20 + UDP 8 + VXLAN 8 + inner Ethernet 14. */
export const VXLAN_OVERHEAD = 50;

export function endpointText(ip: Ipv4, port: number): string {
  return `${formatIpv4(ip)}:${port}`;
}

/** The JSON view of a packet used in traces (`src`/`dst` as IP:PORT, `outer` while encapsulated). */
export interface PacketView {
  readonly src: string;
  readonly dst: string;
  readonly proto: TransportProto;
  readonly flags: string;
  /** ICMP errors: `unreachable port`, the embedded header as `src > dst`. */
  readonly icmp?: {
    readonly type: number;
    readonly code: number;
    readonly mtu?: number;
    readonly about: string;
  };
  readonly ttl: number;
  readonly length: number;
  readonly df: boolean;
  readonly mark: string;
  readonly eth: EthernetHeader | null;
  readonly outer: {
    readonly src: string;
    readonly dst: string;
    /** The outer IPv4 header's protocol: `udp` (vxlan, udp backends). */
    readonly proto: TransportProto;
    /** The outer UDP ports; absent when the outer header carries no transport header of its own. */
    readonly sport?: number;
    readonly dport?: number;
    /** VXLAN only; a `udp` encapsulation has no header of its own. */
    readonly vni?: number;
    readonly ttl: number;
    readonly length: number;
    readonly eth: EthernetHeader | null;
  } | null;
}

export function viewPacket(outerOrPlain: Packet): PacketView {
  const p = outerOrPlain.encap ? outerOrPlain.encap.inner : outerOrPlain;
  if (p.l4.proto === 'icmp') {
    return { ...viewPlain(p, outerOrPlain), src: formatIpv4(p.ip.src), dst: formatIpv4(p.ip.dst) };
  }
  return viewPlain(p, outerOrPlain);
}

function viewPlain(p: Packet, outerOrPlain: Packet): PacketView {
  return {
    src: endpointText(p.ip.src, p.l4.sport),
    dst: endpointText(p.ip.dst, p.l4.dport),
    proto: p.l4.proto,
    flags: p.l4.flags,
    ...(p.l4.icmp && {
      icmp: {
        type: p.l4.icmp.type,
        code: p.l4.icmp.code,
        ...(p.l4.icmp.mtu !== undefined && { mtu: p.l4.icmp.mtu }),
        about: `${p.l4.icmp.embedded.proto} ${endpointText(p.l4.icmp.embedded.src, p.l4.icmp.embedded.sport)} > ${endpointText(p.l4.icmp.embedded.dst, p.l4.icmp.embedded.dport)}`,
      },
    }),
    ttl: p.ip.ttl,
    length: p.ip.length,
    df: p.ip.dontFragment,
    mark: `0x${p.mark.toString(16)}`,
    eth: p.eth,
    outer: outerOf(outerOrPlain),
  };
}

function outerOf(outerOrPlain: Packet): PacketView['outer'] {
  const o = outerOrPlain.encap ? outerOrPlain : null;
  const encap = outerOrPlain.encap;
  return (
    o && {
      src: formatIpv4(o.ip.src),
      dst: formatIpv4(o.ip.dst),
      proto: o.l4.proto,
      ...(o.l4.proto === 'udp' && { sport: o.l4.sport, dport: o.l4.dport }),
      ...(encap?.kind === 'vxlan' && { vni: encap.vni }),
      ttl: o.ip.ttl,
      length: o.ip.length,
      eth: o.eth,
    }
  );
}
