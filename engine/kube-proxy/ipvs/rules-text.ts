// `podpath rules --mode ipvs`: what a node running kube-proxy in IPVS mode shows (`ipvsadm -Ln`,
// `ipset list`, `iptables-save`).
import { ipvsadmList } from '../../ipvs/ipvsadm';
import { iptablesSave } from '../../netfilter/iptables-save';
import { ipsetList } from '../../netfilter/ipset';
import { Ruleset } from '../../netfilter/ruleset';
import type { ProxyModeHost } from '../mode';
import { installKubeProxyIpvs } from './install';
import type { KubeProxyIpvsResult } from './sync-proxy-rules';

export const IPVS_DEPRECATED_COMMENT =
  '# kube-proxy --proxy-mode=ipvs is deprecated since Kubernetes v1.35 (KEP-5495): kube-proxy warns "The ipvs\n' +
  "# proxier is now deprecated and may be removed in a future release. Please use 'nftables' instead.\"";

/** `ipset list -sorted`, each set with the number of iptables rules that name it. */
export function ipsetListing(ruleset: Ruleset): string {
  const references = (name: string): number => {
    let n = 0;
    for (const t of ruleset.tableNames())
      for (const c of ruleset.chains(t))
        for (const r of c.rules) if (r.spec.modules.some((m) => m.module === 'set' && m.name === name)) n++;
    return n;
  };
  return ipsetList(ruleset.ipsets(), references);
}

/**
 * The three listings, each under the command that prints it. On a node in IPVS mode, the node's own state
 * (the one the tracer uses); asked of a node in another mode, this node's IPVS state on its own, without
 * flanneld's rules.
 */
export function ipvsRulesText(host: ProxyModeHost, node: string, result: KubeProxyIpvsResult): string {
  const ruleset = host.scenario.kubeProxy.mode === 'ipvs' ? host.nodeRuleset(node) : standalone(result);
  return [
    IPVS_DEPRECATED_COMMENT,
    `# node ${node}: IPVS virtual services, kube-proxy's ip sets and the iptables rules that remain.`,
    '',
    '# ipvsadm -Ln',
    ipvsadmList(ruleset.ipvs()!),
    '# ipset list -sorted   (plain `ipset list` prints members in hash-bucket order, seeded at random per set)',
    ipsetListing(ruleset),
    '# iptables-save',
    iptablesSave(ruleset),
  ].join('\n');
}

function standalone(result: KubeProxyIpvsResult): Ruleset {
  const ruleset = new Ruleset();
  for (const t of ['nat', 'filter'] as const) ruleset.ensureTable(t);
  installKubeProxyIpvs(ruleset, result);
  return ruleset;
}
