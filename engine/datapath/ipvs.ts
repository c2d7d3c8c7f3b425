// IPVS as the kernel runs it for kube-proxy's IPVS mode: a hook entry on LOCAL_IN and LOCAL_OUT that looks
// up a new connection's virtual service, schedules a real server and sends the rewritten packet on itself
// (ip_vs_in → ip_vs_nat_xmit, which returns NF_STOLEN to the hook).
import type { Netns } from '../model/netns';
import { formatIpv4 } from '../net/ipv4';
import { ipvsServiceRef, type VirtualService, virtualServiceText } from '../ipvs/table';
import type { DatapathContext, Outcome } from './context';
import { describeCt } from './describe';
import type { HookEntry } from './hook-entry';
import { fragNeeded, icmpError } from './icmp';
import { mtuExceeded } from './mtu';
import { endpointText } from '../net/packet';
import { lookupRoute } from './routing';
import { recordRouting } from './route-record';
import type { Skb } from './skb';

/** ip_vs_in's first step: the virtual service for a new connection's (protocol, address, port), if any. */
export function ipvsService(ns: Netns, skb: Skb): VirtualService | undefined {
  const table = ns.ruleset?.ipvs();
  const p = skb.packet;
  if (!table || skb.ipvs || !skb.ct?.isNew || p.l4.icmp) return undefined;
  return table.lookup(p.l4.proto, p.ip.dst, p.l4.dport);
}

/**
 * IPVS's hook functions: ip_vs_remote_request4 on LOCAL_IN (a packet for a VIP that arrived) and
 * ip_vs_local_request4 on LOCAL_OUT (a local client's connection to a VIP). When the real server is this
 * host, the packet goes on to local delivery.
 */
export const IPVS_ENTRY: HookEntry = {
  label: 'ipvs',
  isNat: false,
  priority: Number.MAX_SAFE_INTEGER,
  evaluate({ ctx, ns, hook, skb, inDev, outDev }) {
    const vs = ipvsService(ns, skb);
    if (!vs) return { kind: 'skip' };
    if (hook === 'INPUT') {
      const dev = inDev ?? '-';
      return {
        kind: 'stolen',
        then: () => ipvsIn(ctx, ns, skb, dev, vs, 'LOCAL_IN') ?? ctx.stages.localDeliver(ns, skb, dev),
      };
    }
    const dev = outDev ?? '-';
    return {
      kind: 'stolen',
      then: () => ipvsIn(ctx, ns, skb, dev, vs, 'LOCAL_OUT') ?? ctx.stages.localIn(ns, skb, 'lo'),
    };
  },
};

/**
 * ip_vs_in for a new connection: the scheduler (or a persistence template) picks a real server, and
 * ip_vs_nat_xmit rewrites the destination, routes to it and sends it on through LOCAL_OUT. With
 * net.ipv4.vs.conntrack=1 (kube-proxy sets it) the conntrack entry learns the new reply tuple, so
 * POSTROUTING's masquerade and the replies' translation work as for iptables DNAT. Returns null when the
 * real server is this host: the packet goes on to local delivery.
 */
export function ipvsIn(
  ctx: DatapathContext,
  ns: Netns,
  skb: Skb,
  dev: string,
  vs: VirtualService,
  hookName: 'LOCAL_IN' | 'LOCAL_OUT',
): Outcome | null {
  const runtime = ctx.ipvsRuntime(ns.id);
  const before = skb.packet;
  const p = skb.packet;
  const ref = ipvsServiceRef(vs);
  const service = virtualServiceText(vs);
  const choice = runtime.schedule(vs, p.ip.src, p.l4.sport, p.ip.dst, p.l4.proto, ctx.now);
  if (!choice) {
    // ip_vs_leave: the VIP is IPVS's, but no real server can take the connection.
    const why = `IPVS (${hookName}): ${service} has no available real server, so ip_vs_leave answers ICMP port unreachable and drops the packet`;
    ctx.record(ns, dev, 'ipvs', before, before, why, {
      rules: [
        {
          rule: ref,
          position: 1,
          matched: true,
          lookup: { map: 'ip_vs_svc_table', key: ref.chain, verdict: null },
        },
      ],
    });
    ctx.record(
      ns,
      dev,
      'reject',
      p,
      p,
      `an ICMP port-unreachable goes back to ${formatIpv4(p.ip.src)}: the client sees connection refused`,
    );
    return { verdict: 'rejected', reason: why, answer: icmpError(ns, p, 3, 3) };
  }
  const rs = choice.realServer;
  skb.packet = { ...p, ip: { ...p.ip, dst: rs.address }, l4: { ...p.l4, dport: rs.port } };
  skb.ipvs = true;
  const entry = skb.ct!.entry;
  entry.dnat = true;
  entry.reply = { ...entry.reply, src: rs.address, sport: rs.port };
  const to = endpointText(rs.address, rs.port);
  const how =
    choice.how === 'persistent'
      ? `the client's persistence template sends it to ${to} again`
      : `scheduler ${vs.scheduler} picks ${to} among ${vs.destinations.length} real server${vs.destinations.length === 1 ? '' : 's'}${choice.templateCreated ? `, and a persistence template keeps ${formatIpv4(p.ip.src)} on it for ${vs.persistentTimeout} s` : ''}`;
  ctx.record(
    ns,
    dev,
    'ipvs',
    before,
    skb.packet,
    `IPVS (${hookName}): ${endpointText(p.ip.dst, p.l4.dport)} is virtual service ${service}; ${how}; Masq forwarding rewrites the destination`,
    {
      rules: [
        {
          rule: ref,
          position: 1,
          matched: true,
          lookup: { map: 'ip_vs_svc_table', key: ref.chain, verdict: `-> ${to} Masq ${rs.weight}` },
        },
      ],
      nat: { kind: 'DNAT', from: endpointText(p.ip.dst, p.l4.dport), to },
      ...(skb.ct && { conntrack: describeCt(skb.ct) }),
    },
  );
  const route = lookupRoute(ns, rs.address);
  recordRouting(ctx, ns, skb.packet, route, 'IPVS routes the packet to its real server');
  if (route.kind === 'unreachable')
    return ctx.drop(ns, dev, skb.packet, `no route to real server ${formatIpv4(rs.address)}`);
  if (route.kind === 'local') {
    if (hookName === 'LOCAL_IN') return null;
    const post = ctx.stages.hook(ns, 'POSTROUTING', skb, null, 'lo');
    return post.kind === 'accept' ? null : post.outcome;
  }
  // ip_vs_nat_xmit checks the path MTU itself and answers with ICMP fragmentation needed.
  const tooBig = mtuExceeded(ns, route.route.dev, skb.packet);
  if (tooBig) return fragNeeded(ctx, ns, route.route.dev, skb.packet, tooBig);
  const out = ctx.stages.hook(ns, 'OUTPUT', skb, null, route.route.dev);
  if (out.kind !== 'accept') return out.outcome;
  return ctx.stages.postroutingAndXmit(
    ns,
    skb,
    route.route,
    route.nextHop,
    hookName === 'LOCAL_IN' ? dev : null,
  );
}
