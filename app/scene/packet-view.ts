// What the moving packet looks like at one hop, as plain data: the labels, the VXLAN envelope, the NAT
// rewrite and the verdict mark. Pure, so the drawing code stays dumb and this stays testable.
import type { HopJson } from '../../engine';
import { icmpName } from '../trace-view/refusal';

export interface PacketLook {
  readonly tone: 'request' | 'reply' | 'refusal' | 'dropped' | 'rejected' | 'delivered';
  readonly inner: string;
  /** Shown around the packet between its encapsulation and decapsulation (`<kind>-encap`, `<kind>-decap`). */
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
    envelope: o ? envelopeText(o) : null,
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
 * The outer headers, outermost last before the addresses: `VXLAN VNI 1 · UDP 36374→8472 · A → B`, `UDP
 * 8285→8285 · A → B` (flanneld's datagrams), `IPIP · A → B` (no transport header). Read from the headers
 * the engine reports, never from the backend's name.
 */
function envelopeText(o: NonNullable<HopJson['packet']['outer']>): string {
  const parts: string[] = [];
  if (o.vni !== undefined) parts.push(`VXLAN VNI ${o.vni}`);
  const proto = o.proto.toUpperCase();
  parts.push(o.sport !== undefined ? `${proto} ${o.sport}→${o.dport}` : proto);
  parts.push(`${o.src} → ${o.dst}`);
  return parts.join(' · ');
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
