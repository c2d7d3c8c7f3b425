// nf_hook_slow: a hook runs conntrack, then each registered entry in priority order (iptables tables, nft
// base chains, IPVS) until one drops, rejects or steals the packet; NAT verdicts rewrite the packet and
// bind the connection. The runner knows entries only by their `evaluate`, `label` and `isNat`.
import type { Netns } from '../model/netns';
import { formatIpv4, type Ipv4 } from '../net/ipv4';
import { VisitLog } from '../netfilter/visit-log';
import type { NatChange } from './hop';
import type { ConntrackStep } from './conntrack-in';
import { conntrackIn, ctStateOf } from './conntrack-in';
import type { DatapathContext, HookResult } from './context';
import { describeHook, ruleText } from './describe';
import { HOOK_KIND, type Hook } from './hook';
import type { HookInput, HookVerdict } from './hook-entry';
import { hookEntries } from './hook-order';
import { icmpError } from './icmp';
import { endpointText, type Packet } from '../net/packet';
import { findDevice } from './routing';
import type { Skb } from './skb';

export function runHook(
  ctx: DatapathContext,
  ns: Netns,
  hook: Hook,
  skb: Skb,
  inDev: string | null,
  outDev: string | null,
  recordedBefore?: Packet,
): HookResult {
  const before = recordedBefore ?? skb.packet;
  const dstBefore = skb.packet.ip.dst;
  const ruleset = ns.ruleset;
  if (!ruleset) return { kind: 'accept', dstBefore };
  const ct = conntrackIn(ctx.state(ns.id), hook, skb);
  const { conntrackText } = ct;
  let nat: NatChange | undefined = ct.nat;
  const visits = new VisitLog();
  const input: HookInput = { ctx, ns, hook, skb, inDev, outDev, ctState: ctStateOf(skb), visits };
  const device = inDev ?? outDev ?? '-';
  // nf_nat runs the nat chains of a hook until one binds the connection; the rest are skipped.
  // An IPVS-translated packet's destination binding is made: nat OUTPUT does not see it again.
  let natBound = hook === 'OUTPUT' && skb.ipvs === true;
  for (const entry of hookEntries(ruleset, hook)) {
    // The nat table sees only a connection's first packet; later packets reuse its binding.
    if (entry.isNat && (natBound || !(skb.ct && skb.ct.isNew))) continue;
    const verdict: HookVerdict = entry.evaluate(input);
    switch (verdict.kind) {
      case 'skip':
        continue;
      case 'accept':
        skb.packet = verdict.packet;
        continue;
      case 'stolen':
        // NF_STOLEN: the entry sends the packet on itself, after this hook's hop.
        recordHookHop(ctx, ns, hook, inDev, outDev, before, skb, visits, ct, nat);
        return { kind: 'stop', outcome: verdict.then() };
      case 'drop': {
        const why = verdict.rule
          ? `dropped by ${entry.label} ${verdict.rule.chain}: ${'detail' in verdict ? verdict.detail : ruleText(verdict.rule)}`
          : `dropped by the ${entry.label} ${hook} policy`;
        ctx.record(ns, device, HOOK_KIND[hook], before, skb.packet, why, {
          rules: visits,
          ...(conntrackText && { conntrack: conntrackText }),
        });
        return { kind: 'stop', outcome: ctx.drop(ns, device, skb.packet, why) };
      }
      case 'reject': {
        const why = `rejected by ${entry.label} ${verdict.rule.chain} (${verdict.rejectWith}): ${'detail' in verdict ? verdict.detail : ruleText(verdict.rule)}`;
        ctx.record(ns, device, HOOK_KIND[hook], before, skb.packet, why, {
          rules: visits,
          ...(conntrackText && { conntrack: conntrackText }),
        });
        ctx.record(
          ns,
          device,
          'reject',
          skb.packet,
          skb.packet,
          `an ICMP ${verdict.rejectWith.replace('icmp-', '')} goes back to ${formatIpv4(skb.packet.ip.src)}: the client sees connection refused`,
        );
        // nf_send_unreach → icmp_send; kube-proxy's REJECTs use the default icmp-port-unreachable.
        return {
          kind: 'stop',
          outcome: { verdict: 'rejected', reason: why, answer: icmpError(ns, skb.packet, 3, 3) },
        };
      }
      case 'dnat': {
        const from = endpointText(skb.packet.ip.dst, skb.packet.l4.dport);
        skb.packet = verdict.packet;
        bindDestination(skb, skb.packet.ip.dst, skb.packet.l4.dport);
        nat = { kind: 'DNAT', from, to: endpointText(skb.packet.ip.dst, skb.packet.l4.dport) };
        natBound = true;
        continue;
      }
      case 'redirect': {
        // nf_nat_redirect_ipv4: to the primary address of the interface the packet came in on, or to
        // 127.0.0.1 for a locally generated one.
        const from = endpointText(skb.packet.ip.dst, skb.packet.l4.dport);
        const inAddress = inDev
          ? findDevice(ns, inDev)?.addresses.find((a) => a.scope === 'global')?.ip
          : undefined;
        const to = inAddress ?? 0x7f000001;
        skb.packet = {
          ...verdict.packet,
          ip: { ...verdict.packet.ip, dst: to },
          l4: { ...verdict.packet.l4, dport: verdict.toPort },
        };
        bindDestination(skb, to, verdict.toPort);
        nat = { kind: 'DNAT', from, to: endpointText(to, verdict.toPort) };
        natBound = true;
        continue;
      }
      case 'masquerade':
      case 'snat': {
        const address = verdict.kind === 'snat' ? verdict.address : masqueradeAddress(ns, outDev);
        natBound = true;
        if (address === null) {
          const why = `MASQUERADE found no address on ${outDev}`;
          return { kind: 'stop', outcome: ctx.drop(ns, outDev ?? '-', skb.packet, why) };
        }
        const from = endpointText(skb.packet.ip.src, skb.packet.l4.sport);
        // --random-fully picks the source port at random (NF_NAT_RANGE_PROTO_RANDOM_FULLY); without it
        // the kernel keeps the port when it is free, as it is here.
        const randomFully = verdict.kind === 'masquerade' ? verdict.randomFully : false;
        const sport = randomFully ? ctx.random.int(1024, 65535) : skb.packet.l4.sport;
        skb.packet = {
          ...verdict.packet,
          ip: { ...verdict.packet.ip, src: address },
          l4: { ...verdict.packet.l4, sport },
        };
        const entry = skb.ct!.entry;
        entry.snat = true;
        entry.reply = { ...entry.reply, dst: address, dport: sport };
        nat = {
          kind: verdict.kind === 'snat' ? 'SNAT' : 'MASQUERADE',
          from,
          to: endpointText(address, sport),
        };
        continue;
      }
    }
  }
  recordHookHop(ctx, ns, hook, inDev, outDev, before, skb, visits, ct, nat);
  return { kind: 'accept', dstBefore };
}

/** The connection's reply now comes from the new destination (nf_nat_setup_info for a DNAT). */
function bindDestination(skb: Skb, ip: Ipv4, port: number): void {
  const entry = skb.ct!.entry;
  entry.dnat = true;
  entry.reply = { ...entry.reply, src: ip, sport: port };
}

function recordHookHop(
  ctx: DatapathContext,
  ns: Netns,
  hook: Hook,
  inDev: string | null,
  outDev: string | null,
  before: Packet,
  skb: Skb,
  visits: VisitLog,
  ct: ConntrackStep,
  nat: NatChange | undefined,
): void {
  const device = hook === 'PREROUTING' || hook === 'INPUT' ? (inDev ?? '-') : (outDev ?? '-');
  const why = describeHook(hook, visits.length, nat, skb.packet.mark !== before.mark);
  ctx.record(ns, device, HOOK_KIND[hook], before, skb.packet, why, {
    rules: visits,
    ...(ct.conntrackText && { conntrack: ct.conntrackText }),
    ...(nat && { nat }),
  });
}

/** MASQUERADE takes the primary address of the device the packet leaves by (nf_nat_masquerade_ipv4). */
function masqueradeAddress(ns: Netns, outDev: string | null): Ipv4 | null {
  const dev = outDev ? findDevice(ns, outDev) : undefined;
  const addr = dev?.addresses.find((a) => a.scope === 'global');
  return addr ? addr.ip : null;
}
