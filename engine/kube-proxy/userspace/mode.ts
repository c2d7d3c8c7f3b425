// kube-proxy's userspace mode (removed in v1.26), simulated as it behaved: iptables REDIRECTs each Service
// port to a socket of kube-proxy's own, and kube-proxy opens a second connection to a backend.
import type { ProxyModeDriver } from '../mode';
import { syncUserspaceRules, type UserspaceResult } from './proxier';
import { userspaceRulesText } from './rules-text';

export const USERSPACE_MODE: ProxyModeDriver<UserspaceResult> = {
  mode: 'userspace',
  formats: [],
  // The portal rules name the node IP.
  syncKey: (_host, node) => `node=${node}`,
  sync: (host, node) => syncUserspaceRules(host.proxierInput(node)),
  install: (ruleset, result) => {
    for (const rule of result.rules) ruleset.append(rule);
  },
  devices: () => [],
  proxySocket: (host, node, port) => host.proxyRules(USERSPACE_MODE, node).portals.get(port),
  // kube-proxy's proxy sockets, one per Service port (pkg/proxy/userspace).
  processes: (host, node) => [
    {
      name: 'kube-proxy',
      role: 'userspace proxy',
      listens: [...host.proxyRules(USERSPACE_MODE, node).portals.values()].map(
        (p) => `${p.proto}/${p.proxyPort}`,
      ),
    },
  ],
  rulesText: (host, node) => userspaceRulesText(host, node),
  inspectorViews: () => [],
};
