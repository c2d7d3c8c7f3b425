// What every kube-proxy mode does, by its KubeProxyConfiguration `mode:`. Adding a mode is a folder beside
// this file with its ProxyModeDriver, its name and words in engine/model/proxy-mode.ts, and one line here
// (see docs/architecture.md, "How to add a kube-proxy mode"). The cluster, the request handler and the CLI
// take the behaviour from this table; the scenario loader, the app and the bench take the list from the
// model's.
import { PROXY_MODE_NAMES, type ProxyMode } from '../model/proxy-mode';
import { IPTABLES_MODE } from './iptables/mode';
import { IPVS_MODE } from './ipvs/mode';
import type { ProxyModeDriver } from './mode';
import { NFTABLES_MODE } from './nftables/mode';
import { USERSPACE_MODE } from './userspace/mode';

export const PROXY_MODES: Readonly<Record<ProxyMode, ProxyModeDriver>> = {
  iptables: IPTABLES_MODE,
  nftables: NFTABLES_MODE,
  ipvs: IPVS_MODE,
  userspace: USERSPACE_MODE,
};

/** The drivers in the order of PROXY_MODE_NAMES (the order the app and the CLI list them). */
export const PROXY_MODE_LIST: readonly ProxyModeDriver[] = PROXY_MODE_NAMES.map((m) => PROXY_MODES[m]);

export function proxyMode(mode: ProxyMode): ProxyModeDriver {
  return PROXY_MODES[mode];
}
