// Local delivery (ip_local_deliver): INPUT, then the transport's socket lookup. A tunnel's UDP socket takes
// its port first; an ICMP error goes to the socket it is about; a reply goes to its connected socket;
// otherwise a listening socket, or a RST / ICMP port unreachable when there is none.
import type { Netns } from '../model/netns';
import type { DatapathContext, Outcome } from './context';
import { deliverIcmpError, icmpError } from './icmp';
import { endpointText, type Packet } from '../net/packet';
import type { Skb } from './skb';

/** The model's rule for open ports (engine/cluster/open-ports.ts), said where a connection is refused. */
const CLOSED_PORT_RULE = 'a pod listens only on its containerPorts and the ports a Service targets it on';

/** ip_local_deliver: the INPUT hook (IPVS sits on it and may take the packet), then the socket. */
export function localIn(ctx: DatapathContext, ns: Netns, skb: Skb, inDev: string): Outcome {
  const input = ctx.stages.hook(ns, 'INPUT', skb, inDev, null);
  if (input.kind !== 'accept') return input.outcome;
  return ctx.stages.localDeliver(ns, skb, inDev);
}

/** ip_local_deliver_finish: conntrack confirms the flow and the transport finds a socket. */
export function localDeliver(ctx: DatapathContext, ns: Netns, skb: Skb, inDev: string): Outcome {
  ctx.confirm(ns, skb);
  const decapsulated = ctx.stages.decapsulate(ns, skb);
  if (decapsulated) return decapsulated;
  const p = skb.packet;
  if (p.l4.icmp) return deliverIcmpError(ctx, ns, inDev, p);
  const expected = ctx.clientSockets.get(`${ns.id} ${p.l4.proto} ${p.ip.dst}:${p.l4.dport}`);
  if (expected !== undefined) {
    const from = endpointText(p.ip.src, p.l4.sport);
    if (from !== expected) {
      // The socket is connected to `expected`; an answer from anywhere else is not part of its connection.
      const reason = `the answer comes from ${from}, but the socket connected to ${expected}: ${p.l4.proto === 'tcp' ? 'the kernel answers with a RST and the connection fails' : 'the connected UDP socket discards it'}`;
      ctx.record(ns, inDev, 'reject', p, p, reason);
      return { verdict: 'rejected', reason };
    }
    const what = p.l4.flags.includes('R')
      ? 'the RST reaches the connecting socket: connect() fails with ECONNREFUSED'
      : 'the reply reaches the connecting socket';
    ctx.record(
      ns,
      inDev,
      'deliver',
      p,
      p,
      `${what} ${endpointText(p.ip.dst, p.l4.dport)} in ${ctx.world.describe(ns.id)}`,
    );
    return { verdict: 'delivered', netns: ns.id, packet: p };
  }
  const listener = ctx.world.listener(ns.id, p.l4.proto, p.l4.dport);
  if (listener !== null) {
    ctx.record(
      ns,
      inDev,
      'deliver',
      p,
      p,
      `${ctx.world.describe(ns.id)} has a socket on ${p.l4.proto}/${p.l4.dport}${listener === '' ? '' : ` (${listener})`}: delivered`,
    );
    return { verdict: 'delivered', netns: ns.id, packet: p };
  }
  if (p.l4.proto === 'tcp') return tcpReset(ctx, ns, inDev, p);
  const reason = `nothing listens on ${p.l4.proto}/${p.l4.dport} in ${ctx.world.describe(ns.id)} (${CLOSED_PORT_RULE}): ICMP port unreachable`;
  ctx.record(ns, inDev, 'reject', p, p, reason);
  return { verdict: 'rejected', reason, answer: icmpError(ns, p, 3, 3) };
}

/** tcp_v4_send_reset: no socket for a TCP segment, so the kernel answers with a RST. */
function tcpReset(ctx: DatapathContext, ns: Netns, inDev: string, p: Packet): Outcome {
  const reason = `nothing listens on tcp/${p.l4.dport} in ${ctx.world.describe(ns.id)} (${CLOSED_PORT_RULE}): the kernel answers with a TCP RST (connection refused)`;
  ctx.record(ns, inDev, 'reject', p, p, reason);
  const rst: Packet = {
    eth: null,
    ip: { src: p.ip.dst, dst: p.ip.src, ttl: 64, length: 40, dontFragment: true },
    l4: { proto: 'tcp', sport: p.l4.dport, dport: p.l4.sport, flags: 'R.' },
    mark: 0,
    encap: null,
  };
  return {
    verdict: 'rejected',
    reason,
    answer: {
      netns: ns.id,
      packet: rst,
      kind: 'tcp-reset',
      why: `${ctx.world.describe(ns.id)} resets the connection (RST) to ${endpointText(p.ip.src, p.l4.sport)}`,
    },
  };
}
