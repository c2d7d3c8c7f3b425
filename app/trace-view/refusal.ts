// Words for what comes back when a packet is refused: ICMP errors by type and code (RFC 792, RFC 1812 and
// the names `ip -s` / tcpdump print), and the three kinds of reply leg the engine traces.
import type { PacketView, TraceJson } from '../../engine';

const UNREACHABLE: Readonly<Record<number, string>> = {
  0: 'net unreachable',
  1: 'host unreachable',
  2: 'protocol unreachable',
  3: 'port unreachable',
  4: 'fragmentation needed',
  9: 'net prohibited',
  10: 'host prohibited',
  13: 'administratively prohibited',
};

export function icmpName(icmp: NonNullable<PacketView['icmp']>): string {
  if (icmp.type === 3) {
    const name = UNREACHABLE[icmp.code] ?? `destination unreachable (code ${icmp.code})`;
    return icmp.mtu !== undefined ? `${name}, mtu ${icmp.mtu}` : name;
  }
  if (icmp.type === 11) return 'time exceeded';
  return `type ${icmp.type} code ${icmp.code}`;
}

/** One line for a packet: protocol, addresses, and the TCP flags or the ICMP error it carries. */
export function packetSummary(p: PacketView): string {
  if (p.icmp) return `ICMP ${icmpName(p.icmp)} ${p.src} → ${p.dst} (about ${p.icmp.about})`;
  const flags = p.proto === 'tcp' && p.flags ? ` [${p.flags}]` : '';
  return `${p.proto.toUpperCase()} ${p.src} → ${p.dst}${flags}`;
}

type ReplyKind = NonNullable<TraceJson['reply']>['kind'];

export const REPLY_KIND_LABEL: Readonly<Record<ReplyKind, string>> = {
  answer: "the server's answer",
  'tcp-reset': 'a TCP reset (RST): connection refused',
  'icmp-error': 'an ICMP error',
};

/** What travels back to the client, in a sentence; null when nothing does. */
export function replyLegSentence(trace: TraceJson): string | null {
  const reply = trace.reply;
  if (!reply) return null;
  const first = trace.hops.find((h) => h.direction === 'reply');
  let what = REPLY_KIND_LABEL[reply.kind];
  if (reply.kind === 'icmp-error' && first?.packet.icmp)
    what = `an ICMP ${icmpName(first.packet.icmp)} error`;
  const from = first ? ` from ${first.packet.src}` : '';
  const outcome =
    reply.verdict === 'delivered'
      ? `reaches ${reply.deliveredTo?.pod ?? reply.deliveredTo?.netns ?? 'the client'}`
      : `is ${reply.verdict}${reply.reason ? `: ${reply.reason}` : ''}`;
  return `Reply leg: ${what}${from} ${outcome}.`;
}
