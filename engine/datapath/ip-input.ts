// IP input (net/ipv4/ip_input.c): a packet arrives on a device, crosses PREROUTING, and the routing
// decision sends it to local delivery or to forwarding. Every received packet takes this one path after
// PREROUTING, including a bridged frame that br_netfilter's DNAT turned into a routed one.
import type { Netns } from '../model/netns';
import { formatIpv4 } from '../net/ipv4';
import type { DatapathContext, Outcome } from './context';
import { icmpError } from './icmp';
import { lookupRoute } from './routing';
import { recordRouting } from './route-record';
import type { Skb } from './skb';

/** ip_rcv → NF_INET_PRE_ROUTING → ip_rcv_finish. */
export function ipReceive(ctx: DatapathContext, ns: Netns, inDev: string, skb: Skb): Outcome {
  ctx.guard();
  const pre = ctx.stages.hook(ns, 'PREROUTING', skb, inDev, null);
  if (pre.kind !== 'accept') return pre.outcome;
  return ctx.stages.routeInput(ns, inDev, skb, `received on ${inDev}`);
}

/**
 * ip_rcv_finish after PREROUTING: ip_route_input picks local delivery (ip_local_deliver) or forwarding
 * (ip_forward); no route answers ICMP net unreachable (ip_error). `context` says how the packet got here,
 * for the routing hop's sentence.
 */
export function routeInput(
  ctx: DatapathContext,
  ns: Netns,
  inDev: string,
  skb: Skb,
  context: string,
): Outcome {
  const route = lookupRoute(ns, skb.packet.ip.dst);
  recordRouting(ctx, ns, skb.packet, route, context);
  if (route.kind === 'unreachable') {
    const reason = `no route to ${formatIpv4(skb.packet.ip.dst)}: ICMP net unreachable`;
    ctx.record(ns, inDev, 'drop', skb.packet, skb.packet, reason);
    return { verdict: 'dropped', reason, answer: icmpError(ns, skb.packet, 3, 0) };
  }
  if (route.kind === 'local') return ctx.stages.localIn(ns, skb, inDev);
  return ctx.stages.forward(ns, inDev, skb, route.route, route.nextHop);
}
