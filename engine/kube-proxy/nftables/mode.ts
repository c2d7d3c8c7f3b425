// kube-proxy's nftables mode (GA in v1.33): its own `table ip kube-proxy`, beside the iptables-nft tables
// kubelet and flanneld write to; one verdict-map lookup per packet finds the Service.
import { listRuleset } from '../../netfilter/nft/list-ruleset';
import { KERNEL_ONLY, type ProxyModeDriver } from '../mode';
import { type KubeProxyNftablesResult, syncNftablesRules } from './sync-proxy-rules';
import { renderTransaction } from './transaction';

export const NFTABLES_MODE: ProxyModeDriver<KubeProxyNftablesResult> = {
  mode: 'nftables',
  // `list`: what `nft list ruleset` shows of kube-proxy's table; `nft`: the transaction it runs with nft -f.
  formats: ['list', 'nft'],
  // The nodeport-ips set holds the node's own IP (--nodeport-addresses defaults to "primary" in this mode),
  // so nodes share a table only when they share that address too.
  syncKey: (host, node) => `ip=${host.proxierInput(node).nodeIPs.join(',')}|${host.proxySignature(node)}`,
  sync: (host, node) => syncNftablesRules(host.proxierInput(node)),
  install: (ruleset, result) => ruleset.addNftTable(result.table),
  ...KERNEL_ONLY,
  rulesText: (host, node, format) => {
    const result = host.proxyRules(NFTABLES_MODE, node);
    return format === 'nft' ? renderTransaction(result.ops) : listRuleset([result.table]);
  },
  inspectorViews: (host, node) => [
    {
      command: 'nft list table ip kube-proxy',
      text: listRuleset([host.proxyRules(NFTABLES_MODE, node).table]),
    },
  ],
};
