// Conntrack's part of a hook (nf_conntrack_in at PREROUTING/OUTPUT, nf_nat_packet at every NAT hook): the
// skb gets its flow's entry (or a new one), and a known flow's NAT binding is replayed on the packet.
import type { CtState } from '../netfilter/modules/match-context';
import type { NatChange } from './hop';
import type { Tuple } from './conntrack';
import type { NamespaceState } from './context';
import { describeCt } from './describe';
import type { Hook } from './hook';
import { applyExistingNat, translateIcmpError } from './nat-replay';
import type { Packet } from '../net/packet';
import type { Skb } from './skb';

export interface ConntrackStep {
  /** The conntrack state the trace shows on this hook's hop, if the hook looked the packet up. */
  readonly conntrackText: string | undefined;
  /** The NAT conntrack replayed (a known flow's binding, or an ICMP error's translation). */
  readonly nat: NatChange | undefined;
}

function tupleOf(p: Packet): Tuple {
  return { proto: p.l4.proto, src: p.ip.src, sport: p.l4.sport, dst: p.ip.dst, dport: p.l4.dport };
}

export function conntrackIn(state: NamespaceState, hook: Hook, skb: Skb): ConntrackStep {
  let nat: NatChange | undefined;
  let conntrackText: string | undefined;
  if ((hook === 'PREROUTING' || hook === 'OUTPUT') && skb.packet.l4.icmp) {
    // An ICMP error belongs to the flow of the packet it embeds (nf_conntrack_icmpv4_error): RELATED to
    // it, or INVALID when that flow is unknown (e.g. never confirmed because it was rejected).
    const e = skb.packet.l4.icmp.embedded;
    // The embedded header is the packet as it left, NAT included; its inverse is the tuple its answer
    // would carry, which conntrack knows (nf_ct_invert_tuple in icmp_error_message).
    const found = state.conntrack.lookup({
      proto: e.proto,
      src: e.dst,
      sport: e.dport,
      dst: e.src,
      dport: e.sport,
    });
    if (found) {
      skb.ct = { entry: found.entry, direction: found.direction, isNew: false, related: true };
      skb.invalid = false;
    } else if (skb.ct?.related) {
      // Already attached when the error was made (nf_conntrack_in leaves an skb with a conntrack alone).
      skb.invalid = false;
    } else {
      skb.ct = null;
      skb.invalid = true;
    }
    conntrackText = skb.ct
      ? `RELATED to ${describeCt(skb.ct).replace(/^ESTABLISHED( \(reply direction\))? /, '')}`
      : 'INVALID (the ICMP error matches no known flow)';
    nat = translateIcmpError(skb, 'dst');
  } else if (hook === 'OUTPUT' && skb.ipvs && skb.ct) {
    // IPVS sends its translated packet through LOCAL_OUT with the connection's conntrack entry attached.
    conntrackText = describeCt(skb.ct);
  } else if (hook === 'PREROUTING' || hook === 'OUTPUT') {
    const tuple = tupleOf(skb.packet);
    const found = state.conntrack.lookup(tuple);
    if (found) {
      skb.ct = { entry: found.entry, direction: found.direction, isNew: false, related: false };
      if (found.direction === 'reply') found.entry.seenReply = true;
    } else {
      skb.ct = { entry: state.conntrack.create(tuple), direction: 'original', isNew: true, related: false };
    }
    conntrackText = describeCt(skb.ct);
    nat = applyExistingNat(skb, 'dst');
  }
  if ((hook === 'POSTROUTING' || hook === 'INPUT') && skb.ct && !skb.ct.isNew) {
    nat = (skb.ct.related ? translateIcmpError(skb, 'src') : applyExistingNat(skb, 'src')) ?? nat;
  }
  return { conntrackText, nat };
}

/** The state `-m conntrack --ctstate` and `ct state` see. */
export function ctStateOf(skb: Skb): CtState {
  if (skb.invalid) return 'INVALID';
  if (!skb.ct) return 'UNTRACKED';
  if (skb.ct.related) return 'RELATED';
  return skb.ct.direction === 'reply' || skb.ct.entry.seenReply ? 'ESTABLISHED' : 'NEW';
}
