// What the moving packet looks like at one hop, as plain data: the labels, the VXLAN envelope, the NAT
// rewrite and the verdict mark. Pure, so the drawing code stays dumb and this stays testable.
import type { HopJson } from '../../engine/trace/json';

export interface PacketLook {
  readonly tone: 'request' | 'reply' | 'dropped' | 'rejected' | 'delivered';
  readonly inner: string;
  /** Shown around the packet between vxlan-encap and vxlan-decap. */
  readonly envelope: string | null;
  /** The rewrite in this hop, old then new; drawn old-struck-through → new. */
  readonly nat: { readonly kind: string; readonly from: string; readonly to: string } | null;
  readonly verdict: string | null;
}

export function packetLook(hop: HopJson): PacketLook {
  const p = hop.packet;
  const o = p.outer;
  const tone =
    hop.kind === 'drop'
      ? 'dropped'
      : hop.kind === 'reject'
        ? 'rejected'
        : hop.kind === 'deliver'
          ? 'delivered'
          : hop.direction;
  return {
    tone,
    inner: `${p.proto.toUpperCase()} ${p.src} → ${p.dst}`,
    envelope: o ? `VXLAN VNI ${o.vni} · UDP ${o.sport}→${o.dport} · ${o.src} → ${o.dst}` : null,
    nat: hop.nat ? { kind: hop.nat.kind, from: hop.nat.from, to: hop.nat.to } : null,
    verdict:
      hop.kind === 'drop'
        ? 'DROPPED'
        : hop.kind === 'reject'
          ? 'REJECTED'
          : hop.kind === 'deliver'
            ? 'DELIVERED'
            : null,
  };
}
