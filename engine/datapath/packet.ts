// A packet as the datapath carries it: Ethernet, IPv4, TCP/UDP, and while it crosses the overlay the
// VXLAN envelope around it. Packets are values; every stage returns a new one, so a hop can show the
// packet before and after it.
import { formatIpv4, type Ipv4 } from '../net/ipv4';

export type TransportProto = 'tcp' | 'udp';

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
  /** TCP flags as tcpdump prints them (`S`, `S.`, `R.`); empty for UDP. */
  readonly flags: string;
}

/**
 * While a packet crosses the overlay, the datapath carries the OUTER packet (routed, filtered and NATed
 * on its own headers, as the kernel does) and keeps the inner frame here, behind the 8-byte VXLAN header
 * (RFC 7348).
 */
export interface VxlanPayload {
  readonly vni: number;
  readonly inner: Packet;
}

export interface Packet {
  /** Absent while the packet is inside the IP stack between devices. */
  readonly eth: EthernetHeader | null;
  readonly ip: Ipv4Header;
  readonly l4: TransportHeader;
  readonly vxlan: VxlanPayload | null;
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
  readonly ttl: number;
  readonly length: number;
  readonly df: boolean;
  readonly mark: string;
  readonly eth: EthernetHeader | null;
  readonly outer: {
    readonly src: string;
    readonly dst: string;
    readonly sport: number;
    readonly dport: number;
    readonly vni: number;
    readonly ttl: number;
    readonly length: number;
    readonly eth: EthernetHeader | null;
  } | null;
}

export function viewPacket(outerOrPlain: Packet): PacketView {
  const p = outerOrPlain.vxlan ? outerOrPlain.vxlan.inner : outerOrPlain;
  const o = outerOrPlain.vxlan ? outerOrPlain : null;
  return {
    src: endpointText(p.ip.src, p.l4.sport),
    dst: endpointText(p.ip.dst, p.l4.dport),
    proto: p.l4.proto,
    flags: p.l4.flags,
    ttl: p.ip.ttl,
    length: p.ip.length,
    df: p.ip.dontFragment,
    mark: `0x${p.mark.toString(16)}`,
    eth: p.eth,
    outer: o && {
      src: formatIpv4(o.ip.src),
      dst: formatIpv4(o.ip.dst),
      sport: o.l4.sport,
      dport: o.l4.dport,
      vni: o.vxlan!.vni,
      ttl: o.ip.ttl,
      length: o.ip.length,
      eth: o.eth,
    },
  };
}
