// What the moving packet looks like at one hop, as plain data: the labels, the VXLAN envelope, the NAT
// rewrite and the verdict mark. Pure, so the drawing code stays dumb and this stays testable.
import type { HopJson } from '../../engine';
import { icmpName } from '../trace-view/refusal';

export interface PacketLook {
  readonly tone: 'request' | 'reply' | 'refusal' | 'dropped' | 'rejected' | 'delivered';
  readonly inner: string;
  /** Shown around the packet between vxlan-encap and vxlan-decap. */
  readonly envelope: string | null;
  /** The rewrite in this hop, old then new; drawn old-struck-through → new. */
  readonly nat: { readonly kind: string; readonly from: string; readonly to: string } | null;
  readonly verdict: string | null;
}

/** A reply that is the kernel's refusal (an ICMP error or a TCP reset) rather than the server's answer. */
export function isRefusal(hop: HopJson): boolean {
  return (
    hop.direction === 'reply' &&
    (hop.packet.icmp !== undefined || (hop.packet.proto === 'tcp' && hop.packet.flags.includes('R')))
  );
}

export function packetLook(hop: HopJson): PacketLook {
  const p = hop.packet;
  const o = p.outer;
  const refusal = isRefusal(hop);
  const tone =
    hop.kind === 'drop'
      ? 'dropped'
      : hop.kind === 'reject'
        ? 'rejected'
        : refusal
          ? 'refusal'
          : hop.kind === 'deliver'
            ? 'delivered'
            : hop.direction;
  return {
    tone,
    inner: p.icmp
      ? `ICMP ${icmpName(p.icmp)} ${p.src} → ${p.dst}`
      : `${p.proto.toUpperCase()}${p.proto === 'tcp' && p.flags.includes('R') ? ' RST' : ''} ${p.src} → ${p.dst}`,
    envelope: o ? `VXLAN VNI ${o.vni} · UDP ${o.sport}→${o.dport} · ${o.src} → ${o.dst}` : null,
    nat: hop.nat ? { kind: hop.nat.kind, from: hop.nat.from, to: hop.nat.to } : null,
    verdict:
      hop.kind === 'drop'
        ? 'DROPPED'
        : hop.kind === 'reject'
          ? 'REJECTED'
          : hop.kind === 'deliver'
            ? refusal
              ? 'REFUSED'
              : 'DELIVERED'
            : null,
  };
}

/**
 * The envelope's text in lines that fit `maxChars`: whole, or split before the outer addresses (a phone's
 * stage holds about thirty characters of the label's monospace at the smallest legible size).
 */
export function envelopeLines(envelope: string, maxChars: number): string[] {
  if (envelope.length <= maxChars) return [envelope];
  const cut = envelope.lastIndexOf(' · ');
  return cut < 0 ? [envelope] : [envelope.slice(0, cut), envelope.slice(cut + 3)];
}
