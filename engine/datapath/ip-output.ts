// IP output and forwarding (net/ipv4/ip_output.c, ip_forward.c): a local packet is routed and crosses
// OUTPUT; a forwarded one is checked against ip_forward, its TTL and the next device's MTU and crosses
// FORWARD; both then cross POSTROUTING and leave by the route's device.
import type { Netns, RouteEntry } from '../model/netns';
import { formatIpv4, type Ipv4 } from '../net/ipv4';
import type { DatapathContext, Outcome } from './context';
import { fragNeeded, icmpError } from './icmp';
import { mtuExceeded } from './mtu';
import { findDevice, lookupRoute } from './routing';
import { recordRouting } from './route-record';
import type { Skb } from './skb';

/** ip_local_out: route, OUTPUT (with IPVS on it), reroute after DNAT, POSTROUTING, the device. */
export function localOut(ctx: DatapathContext, ns: Netns, skb: Skb): Outcome {
  ctx.guard();
  let route = lookupRoute(ns, skb.packet.ip.dst);
  recordRouting(ctx, ns, skb.packet, route, 'locally generated');
  if (route.kind === 'unreachable')
    return ctx.drop(
      ns,
      '-',
      skb.packet,
      `no route to ${formatIpv4(skb.packet.ip.dst)}: connect() fails with ENETUNREACH`,
    );
  const outDev = route.kind === 'local' ? 'lo' : route.route.dev;
  const out = ctx.stages.hook(ns, 'OUTPUT', skb, null, outDev);
  if (out.kind !== 'accept') return out.outcome;
  if (skb.packet.ip.dst !== out.dstBefore) {
    // ip_route_me_harder: the destination changed in OUTPUT (DNAT), so route again.
    route = lookupRoute(ns, skb.packet.ip.dst);
    recordRouting(ctx, ns, skb.packet, route, 'rerouted after DNAT in OUTPUT');
    if (route.kind === 'unreachable')
      return ctx.drop(ns, outDev, skb.packet, `no route to ${formatIpv4(skb.packet.ip.dst)} after DNAT`);
  }
  if (route.kind === 'local') {
    const post = ctx.stages.hook(ns, 'POSTROUTING', skb, null, 'lo');
    if (post.kind !== 'accept') return post.outcome;
    return ctx.stages.localIn(ns, skb, 'lo');
  }
  return ctx.stages.postroutingAndXmit(ns, skb, route.route, route.nextHop, null);
}

/** ip_forward: a packet not for this host. */
export function forward(
  ctx: DatapathContext,
  ns: Netns,
  inDev: string,
  skb: Skb,
  route: RouteEntry,
  nextHop: Ipv4,
): Outcome {
  if (!ns.ipForward) return ctx.drop(ns, inDev, skb.packet, 'not for this host and net.ipv4.ip_forward=0');
  if (skb.packet.ip.ttl <= 1) {
    // ip_forward: icmp_send(skb, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 0) before dropping.
    const reason = 'TTL expired in transit: ICMP time exceeded';
    ctx.record(ns, inDev, 'drop', skb.packet, skb.packet, reason);
    return { verdict: 'dropped', reason, answer: icmpError(ns, skb.packet, 11, 0) };
  }
  // ip_forward checks the MTU before the FORWARD hook runs (net/ipv4/ip_forward.c: ip_exceeds_mtu).
  const tooBig = mtuExceeded(ns, route.dev, skb.packet);
  if (tooBig) return fragNeeded(ctx, ns, route.dev, skb.packet, tooBig, skb.ct?.entry);
  const before = skb.packet;
  skb.packet = { ...skb.packet, ip: { ...skb.packet.ip, ttl: skb.packet.ip.ttl - 1 } };
  const fwd = ctx.stages.hook(ns, 'FORWARD', skb, inDev, route.dev, before);
  if (fwd.kind !== 'accept') return fwd.outcome;
  return ctx.stages.postroutingAndXmit(ns, skb, route, nextHop, inDev);
}

/** ip_output: POSTROUTING, then (for a local packet) the MTU, conntrack confirmation and the device. */
export function postroutingAndXmit(
  ctx: DatapathContext,
  ns: Netns,
  skb: Skb,
  route: RouteEntry,
  nextHop: Ipv4,
  inDev: string | null,
): Outcome {
  const dev = findDevice(ns, route.dev);
  if (!dev)
    return ctx.drop(ns, route.dev, skb.packet, `route names device ${route.dev}, which does not exist`);
  const post = ctx.stages.hook(ns, 'POSTROUTING', skb, inDev, dev.name);
  if (post.kind !== 'accept') return post.outcome;
  if (inDev === null) {
    // A locally generated packet meets the MTU after POSTROUTING, in ip_finish_output's fragmentation step.
    const tooBig = mtuExceeded(ns, dev.name, skb.packet);
    if (tooBig)
      return ctx.drop(
        ns,
        dev.name,
        skb.packet,
        tooBig.replace('ICMP fragmentation needed', 'the sender gets EMSGSIZE'),
      );
  }
  ctx.confirm(ns, skb);
  return ctx.stages.devXmit(ns, dev, nextHop, skb.packet);
}
