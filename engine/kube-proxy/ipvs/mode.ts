// kube-proxy's IPVS mode (deprecated in v1.35): virtual services in the kernel's IPVS table, their
// addresses on the dummy device kube-ipvs0, and a fixed handful of iptables rules matching ip sets.
import { ipvsadmList } from '../../ipvs/ipvsadm';
import { KERNEL_ONLY, type ProxyModeDriver } from '../mode';
import { installKubeProxyIpvs, kubeIpvs0Device } from './install';
import { ipsetListing, ipvsRulesText } from './rules-text';
import { type KubeProxyIpvsResult, syncIpvsRules } from './sync-proxy-rules';

export const IPVS_MODE: ProxyModeDriver<KubeProxyIpvsResult> = {
  mode: 'ipvs',
  formats: [],
  // NodePort virtual services sit on every address of the node (eth0, cni0, flannel.1), so nodes share a
  // result only when they share those addresses.
  syncKey: (host, node) => `addrs=${host.nodeAddresses(node).join(',')}|${host.proxySignature(node)}`,
  sync: (host, node) =>
    syncIpvsRules({ ...host.proxierInput(node), localAddresses: host.nodeAddresses(node) }),
  install: (ruleset, result) => installKubeProxyIpvs(ruleset, result),
  ...KERNEL_ONLY,
  devices: (netnsId, firstIfindex, result) => [kubeIpvs0Device(netnsId, firstIfindex, result.boundAddresses)],
  rulesText: (host, node) => ipvsRulesText(host, node, host.proxyRules(IPVS_MODE, node)),
  inspectorViews: (host, node) => {
    const ruleset = host.nodeRuleset(node);
    return [
      { command: 'ipvsadm -Ln', text: ipvsadmList(ruleset.ipvs()!) },
      { command: 'ipset list -sorted', text: ipsetListing(ruleset) },
    ];
  },
};
