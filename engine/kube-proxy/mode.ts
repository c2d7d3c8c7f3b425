// One kube-proxy mode as the simulator sees it: how kube-proxy syncs a node's rules in that mode, what the
// sync leaves in the node's kernel (rules, ip sets, the IPVS table, devices such as kube-ipvs0, a
// user-space proxy's sockets), how the CLI and the node inspector print it, and how the app names it.
// Each mode is a folder beside this file exporting one ProxyModeDriver, listed once in modes.ts.
//
// A mode adds no step to the datapath by name: the kernel acts on the state the mode installs. IPVS's hook
// functions run where a namespace has an IPVS table (ip_vs registers them with its first virtual service),
// and the tracer hands a connection to a user-space proxy where `proxySocket` finds one listening.
import type { NetDevice } from '../model/netns';
import type { ProxyMode } from '../model/proxy-mode';
import type { Scenario } from '../model/scenario';
import type { Ruleset } from '../netfilter/ruleset';
import type { ProxierInput } from './proxier-input';

/** What a mode's driver may ask of the cluster it runs in. The cluster implements it. */
export interface ProxyModeHost {
  readonly scenario: Scenario;
  /** What this node's kube-proxy reads before a sync. */
  proxierInput(node: string): ProxierInput;
  /** The node-specific inputs that make one node's rules differ from another's (see Cluster). */
  proxySignature(node: string): string;
  /** The node's IPv4 addresses before kube-proxy adds any device (what netlink lists, kube-ipvs0 excluded). */
  nodeAddresses(node: string): readonly number[];
  /** The node's netfilter state as it stands on the running node (flanneld's, kubelet's, kube-proxy's). */
  nodeRuleset(node: string): Ruleset;
  /** `driver`'s sync for this node, computed once and shared by nodes with the same `syncKey`. */
  proxyRules<R>(driver: ProxyModeDriver<R>, node: string): R;
}

/** A listening socket of a user-space proxy: the tracer ends the client's connection there. */
export interface ProxySocket {
  readonly servicePort: string;
  readonly proto: 'tcp' | 'udp' | 'sctp';
  readonly proxyPort: number;
  /** Ready endpoints, `IP:port`, in the order the proxy's balancer walks them. */
  readonly backends: readonly string[];
  readonly sessionAffinity: boolean;
}

/** A user-space process packets pass through on a node, drawn beside its devices. */
export interface ProxyProcess {
  readonly name: string;
  readonly role: string;
  /** `proto/port` it listens on. */
  readonly listens: readonly string[];
}

/** One extra tab of the node inspector: a command and what it prints on this node. */
export interface InspectorView {
  readonly command: string;
  readonly text: string;
}

export interface ProxyModeDriver<R = unknown> {
  /** KubeProxyConfiguration `mode:`; its label and standing are PROXY_MODE_INFO[mode] (engine/model). */
  readonly mode: ProxyMode;
  /** `podpath rules --format` values, the default first; empty when the mode has one combined view. */
  readonly formats: readonly string[];
  /** Nodes whose kube-proxy gets equal keys write equal state, so they share one sync result. */
  syncKey(host: ProxyModeHost, node: string): string;
  /** kube-proxy's sync for one node. */
  sync(host: ProxyModeHost, node: string): R;
  /** Applies the sync to a node's netfilter state (kubelet's rules included, as on a running node). */
  install(ruleset: Ruleset, result: R): void;
  /** Devices the mode adds to the node namespace, numbered from `firstIfindex` (kube-ipvs0). */
  devices(netnsId: string, firstIfindex: number, result: R): readonly NetDevice[];
  /** The user-space proxy's socket on `port` of the node, if the mode has one there. */
  proxySocket(host: ProxyModeHost, node: string, port: number): ProxySocket | undefined;
  /** The user-space processes of the mode on a node (none when the kernel carries every packet). */
  processes(host: ProxyModeHost, node: string): readonly ProxyProcess[];
  /** What `podpath rules --mode MODE` prints; `format` is one of `formats` (or undefined when there are none). */
  rulesText(host: ProxyModeHost, node: string, format: string | undefined): string;
  /** The node inspector's extra tabs for this mode, beside ip addr, ip route, ip neigh, bridge fdb and iptables-save. */
  inspectorViews(host: ProxyModeHost, node: string): readonly InspectorView[];
}

/** For a mode whose packets the kernel carries alone: no devices, sockets or processes of its own. */
export const KERNEL_ONLY = {
  devices: (): readonly NetDevice[] => [],
  proxySocket: (): undefined => undefined,
  processes: (): readonly ProxyProcess[] => [],
} as const;
