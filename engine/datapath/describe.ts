// The sentences and one-line texts a trace shows for conntrack, hooks, rules and routes.
import { type IpvsServiceRef, virtualServiceText } from '../ipvs/table';
import type { RouteEntry } from '../model/netns';
import { renderRoute } from '../model/route-text';
import { formatIpv4 } from '../net/ipv4';
import { type NftRuleRef, nftRuleText } from '../netfilter/nft/rule-ref';
import type { Rule } from '../netfilter/rule';
import type { NatChange } from './hop';
import type { Hook } from './hook';
import type { SkbConntrack } from './skb';

export function describeCt(ct: SkbConntrack): string {
  if (!ct) return 'untracked';
  const o = ct.entry.original;
  // IP-in-IP has no ports: conntrack's generic tracker keys it by the addresses alone.
  const ports = o.proto === 'ipip' ? '' : ` sport=${o.sport} dport=${o.dport}`;
  const text = `${o.proto} src=${formatIpv4(o.src)} dst=${formatIpv4(o.dst)}${ports}`;
  if (ct.isNew) return `NEW ${text}`;
  return `${ct.direction === 'reply' ? 'ESTABLISHED (reply direction)' : 'ESTABLISHED'} ${text}`;
}

export function describeHook(
  hook: Hook,
  rules: number,
  nat: NatChange | undefined,
  markChanged: boolean,
): string {
  const parts = [`${hook}: ${rules} rule${rules === 1 ? '' : 's'} evaluated`];
  if (nat) {
    const how: Record<NatChange['kind'], string> = {
      DNAT: 'destination NAT',
      SNAT: 'source NAT',
      MASQUERADE: 'masquerade (source NAT to the outgoing interface address)',
      'un-DNAT': 'conntrack restores the original destination as the source of this reply',
      'un-SNAT': 'conntrack restores the original source as the destination of this reply',
    };
    parts.push(`${how[nat.kind]}: ${nat.from} → ${nat.to}`);
  }
  if (markChanged) parts.push('packet mark changed');
  return parts.join('; ');
}

/**
 * A visited rule's text: `-A CHAIN args` for iptables, the rule as `nft list` prints it for nftables, the
 * virtual service's `ipvsadm -Ln` line for IPVS.
 */
export function ruleText(rule: Rule | NftRuleRef | IpvsServiceRef): string {
  if ('args' in rule) return `-A ${rule.chain} ${rule.args.join(' ')}`.trimEnd();
  if ('service' in rule) return virtualServiceText(rule.service);
  return nftRuleText(rule);
}

/** The route as `ip route` prints it, without the trailing space iproute2 leaves. */
export function routeText(r: RouteEntry): string {
  return renderRoute(r).trimEnd();
}
