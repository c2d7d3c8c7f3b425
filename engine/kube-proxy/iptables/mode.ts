// kube-proxy's iptables mode, the default: the restore payload of pkg/proxy/iptables installed on the
// node with kubelet's KUBE-FIREWALL; the kernel walks KUBE-SERVICES linearly.
import { iptablesSave } from '../../netfilter/iptables-save';
import { KERNEL_ONLY, type ProxyModeDriver } from '../mode';
import { installKubeProxyIptables } from './install';
import { type KubeProxyIptablesResult, restorePayload, syncIptablesRules } from './sync-proxy-rules';

export const IPTABLES_MODE: ProxyModeDriver<KubeProxyIptablesResult> = {
  mode: 'iptables',
  // `restore`: what kube-proxy hands iptables-restore; `save`: the whole node as iptables-save prints it.
  formats: ['restore', 'save'],
  syncKey: (host, node) => host.proxySignature(node),
  sync: (host, node) => syncIptablesRules(host.proxierInput(node)),
  install: (ruleset, result) => installKubeProxyIptables(ruleset, result),
  ...KERNEL_ONLY,
  rulesText: (host, node, format) =>
    format === 'save'
      ? iptablesSave(host.nodeRuleset(node))
      : restorePayload(host.proxyRules(IPTABLES_MODE, node)),
  // iptables-save is one of the inspector's own tabs.
  inspectorViews: () => [],
};
