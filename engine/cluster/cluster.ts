// A built cluster: the scenario plus everything the components derive from it — pod addresses (host-local),
// EndpointSlices (the controller), each node's namespaces and iptables (flanneld, kubelet, kube-proxy).
// Node state is built on first use and kept, so a 5,000-node cluster only builds the nodes a packet touches.
import {
  allocatePodAddresses,
  cniPodsByNode,
  FLANNEL_NETWORK_NAME,
  type PodAddressing,
  POD_IFNAME,
  podKey,
} from '../cni/allocate';
import { installPortmapRules, podPortMappings, portmapRules } from '../cni/portmap';
import { sandboxContainerId } from '../model/ids';
import { cniAddProcess, cniDelProcess, type CniProcess } from '../cni/add-steps';
import { bridgeAddResult, printCniResult } from '../cni/bridge-result';
import { bridgeMac, podAttachment } from '../cni/attachment';
import { flannelBackend } from '../overlay/registry';
import { subnetEnvFor } from '../overlay/subnet-env';
import { delegateRoutes, FLANNEL_CONFLIST } from '../cni/flannel-delegate';
import type { TunnelDriver } from '../datapath/tunnel';
import type { DeviceSummary, World } from '../datapath/world';
import type { TransportProto } from '../net/packet';
import { IPTABLES_MODE } from '../kube-proxy/iptables/mode';
import type { KubeProxyIptablesResult } from '../kube-proxy/iptables/sync-proxy-rules';
import type { ProxyModeDriver, ProxyModeHost, ProxySocket } from '../kube-proxy/mode';
import { proxyMode } from '../kube-proxy/modes';
import type { ProxierInput } from '../kube-proxy/proxier-input';
import type { Netns } from '../model/netns';
import type {
  Diagnostic,
  EndpointSliceSpec,
  NodeSpec,
  PodSpec,
  Protocol,
  Scenario,
  ServiceSpec,
} from '../model/scenario';
import { parseIpv4, type Ipv4 } from '../net/ipv4';
import { podKeyIndex } from '../model/pod-key-index';
import { Ruleset } from '../netfilter/ruleset';
import { flannelIptablesRules } from '../overlay/flannel-iptables';
import { deriveEndpointSlices, parseScenario } from '../scenario';
import type { ParseOptions } from '../scenario/parse-scenario';
import { buildNodeNetns, nodeEth0 } from '../topology/node-netns';
import { listenSentence, OpenPorts } from './open-ports';
import { buildPodNetns } from '../topology/pod-netns';
import { buildExternalNetns, buildUnderlayNetns } from '../topology/underlay-netns';
import type { ClusterDirectory } from '../trace/request';

/** The external client every scenario has, so "from outside" works without configuration (TEST-NET-3). */
export const DEFAULT_EXTERNAL_CLIENT = '203.0.113.10';

export class ClusterBuildError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('\n'));
  }
}

export interface LoadResult {
  readonly cluster: Cluster | null;
  /** Parse diagnostics plus what building found (IPAM exhaustion, requested IPs outside the node CIDR…). */
  readonly diagnostics: readonly Diagnostic[];
}

export function loadCluster(text: string, file = '<scenario>', options: ParseOptions = {}): LoadResult {
  const parsed = parseScenario(text, file, options);
  if (!parsed.scenario || parsed.diagnostics.some((d) => d.severity === 'error')) {
    return { cluster: null, diagnostics: parsed.diagnostics };
  }
  const cluster = new Cluster(parsed.scenario, file);
  const diagnostics = [...parsed.diagnostics, ...cluster.addressing.diagnostics];
  return { cluster: diagnostics.some((d) => d.severity === 'error') ? null : cluster, diagnostics };
}

export class Cluster implements World, ClusterDirectory, ProxyModeHost {
  readonly addressing: PodAddressing;
  readonly endpointSlices: readonly EndpointSliceSpec[];
  /** Built on first use: `podpath rules` never asks which ports a pod listens on. */
  private openPortsIndex: OpenPorts | null = null;
  private readonly nodesByName = new Map<string, NodeSpec>();
  private readonly nodeIndex = new Map<string, number>();
  /** MAC and addresses of far-end devices, computed once: they are hashes of stable names. */
  private readonly deviceSummaries = new Map<string, DeviceSummary | undefined>();
  private readonly servicesByKey = new Map<string, ServiceSpec>();
  private readonly nodeNetns = new Map<string, Netns>();
  private readonly podNetns = new Map<string, Netns>();
  /** kube-proxy's sync per mode and node, and per mode and sync key (nodes with equal inputs share one). */
  private readonly proxyByNode = new Map<string, unknown>();
  private readonly proxyByKey = new Map<string, unknown>();
  /** The node ruleset kubelet and kube-proxy leave, per sync result, before flanneld's rules. */
  private readonly kubeProxyRulesets = new Map<unknown, Ruleset>();
  private readonly externalClients: Ipv4[] = [];
  private tunnelDrivers: readonly TunnelDriver[] | undefined;
  private underlay: Netns | null = null;
  private readonly externals = new Map<string, Netns>();

  constructor(
    readonly scenario: Scenario,
    readonly file = '<scenario>',
  ) {
    this.addressing = allocatePodAddresses(scenario, file);
    this.endpointSlices = [
      ...scenario.endpointSlices,
      ...deriveEndpointSlices(scenario, this.addressing.podIPs),
    ];
    scenario.nodes.forEach((n, i) => {
      this.nodesByName.set(n.name, n);
      this.nodeIndex.set(n.name, i);
    });
    for (const s of scenario.services) this.servicesByKey.set(`${s.namespace}/${s.name}`, s);
    this.addExternalClient(parseIpv4(DEFAULT_EXTERNAL_CLIENT)!);
    for (const f of scenario.flows) {
      const ip = f.from.startsWith('external/') ? parseIpv4(f.from.slice(9)) : null;
      if (ip !== null) this.addExternalClient(ip);
    }
  }

  /** External clients hang off the underlay router; adding one rebuilds the router's namespace. */
  addExternalClient(ip: Ipv4): void {
    if (this.externalClients.includes(ip)) return;
    this.externalClients.push(ip);
    this.underlay = null;
    this.externals.clear();
    this.deviceSummaries?.clear();
  }

  // ---- ClusterDirectory ----------------------------------------------------------------------------

  podIP(key: string): number | undefined {
    return this.addressing.podIPs.get(key);
  }

  podNode(key: string): string | undefined {
    return podKeyIndex(this.scenario.pods).pod(key)?.nodeName;
  }

  pod(key: string): PodSpec | undefined {
    return podKeyIndex(this.scenario.pods).pod(key);
  }

  node(name: string): NodeSpec | undefined {
    return this.nodesByName.get(name);
  }

  firstNode(): NodeSpec {
    return this.scenario.nodes[0]!;
  }

  service(namespace: string, name: string): ServiceSpec | undefined {
    return this.servicesByKey.get(`${namespace}/${name}`);
  }

  // ---- World ---------------------------------------------------------------------------------------

  /** The flannel backend's tunnel (the VXLAN driver, flanneld's relay), or none for host-gw. Built once. */
  get tunnels(): readonly TunnelDriver[] {
    if (!this.tunnelDrivers) {
      const tunnel = flannelBackend(this.scenario.flannel.backend).tunnel(this.scenario);
      this.tunnelDrivers = tunnel ? [tunnel] : [];
    }
    return this.tunnelDrivers;
  }

  netns(id: string): Netns {
    if (id.startsWith('node/')) return this.nodeNamespace(id.slice(5));
    if (id.startsWith('pod/')) {
      const key = id.slice(4);
      const pod = podKeyIndex(this.scenario.pods).pod(key);
      if (pod?.hostNetwork) return this.nodeNamespace(pod.nodeName);
      let ns = this.podNetns.get(key);
      if (!ns) {
        ns = buildPodNetns(this.scenario, this.addressing, key);
        this.podNetns.set(key, ns);
      }
      return ns;
    }
    if (id === 'underlay') {
      this.underlay ??= buildUnderlayNetns(this.scenario, this.externalClients);
      return this.underlay;
    }
    if (id.startsWith('external/')) {
      const ip = parseIpv4(id.slice(9));
      if (ip === null) throw new Error(`bad external client id ${id}`);
      this.addExternalClient(ip);
      let ns = this.externals.get(id);
      if (!ns) {
        ns = buildExternalNetns(this.scenario, ip, this.externalClients);
        this.externals.set(id, ns);
      }
      return ns;
    }
    throw new Error(`unknown network namespace ${id}`);
  }

  peerDevice(netnsId: string, ifname: string): DeviceSummary | undefined {
    const key = `${netnsId} ${ifname}`;
    let summary = this.deviceSummaries.get(key);
    if (summary === undefined && !this.deviceSummaries.has(key)) {
      summary = this.summarizeDevice(netnsId, ifname);
      this.deviceSummaries.set(key, summary);
    }
    return summary;
  }

  private summarizeDevice(netnsId: string, ifname: string): DeviceSummary | undefined {
    if (netnsId.startsWith('pod/') && ifname === POD_IFNAME && !this.podNetns.has(netnsId.slice(4))) {
      const pod = podKeyIndex(this.scenario.pods).pod(netnsId.slice(4));
      const ip = this.addressing.podIPs.get(netnsId.slice(4));
      if (pod && !pod.hostNetwork && ip !== undefined) {
        const a = podAttachment(this.nodesByName.get(pod.nodeName)!, pod, ip);
        return { mac: a.podMac, addresses: [{ ip, prefix: a.prefix, scope: 'global' }] };
      }
    }
    if (netnsId.startsWith('node/') && ifname === 'eth0' && !this.nodeNetns.has(netnsId.slice(5))) {
      const name = netnsId.slice(5);
      const node = this.nodesByName.get(name);
      if (node) return nodeEth0(this.scenario, node, this.nodeIndex.get(name)!);
    }
    return this.netns(netnsId).devices.find((d) => d.name === ifname);
  }

  listener(netnsId: string, proto: TransportProto, port: number): string | null {
    // kube-proxy's health server listens on every healthCheckNodePort (ETP=Local LoadBalancers); it answers
    // 200 where the node has a local endpoint and 503 where it has none (pkg/proxy/healthcheck).
    let address: number | undefined;
    if (netnsId.startsWith('node/')) {
      if (proto === 'tcp' && this.scenario.services.some((s) => s.healthCheckNodePort === port)) return '';
      if (this.userspacePortal(netnsId, port)?.proto === proto) return '';
      address = this.nodesByName.get(netnsId.slice(5))?.internalIP; // hostNetwork pods listen here too
    } else if (netnsId.startsWith('pod/')) address = this.addressing.podIPs.get(netnsId.slice(4));
    if (address === undefined) return null;
    const reason = this.openPorts.reason(address, proto, port);
    return reason === null ? null : listenSentence(reason);
  }

  /** The ports a pod listens on: its containerPorts and every port a Service targets it on. */
  listeningPorts(key: string): Array<{ protocol: Protocol; port: number }> {
    const ip = this.addressing.podIPs.get(key);
    return ip === undefined ? [] : this.openPorts.list(ip);
  }

  describe(netnsId: string): string {
    if (netnsId.startsWith('pod/')) return `pod ${netnsId.slice(4)}`;
    if (netnsId.startsWith('node/')) return `node ${netnsId.slice(5)}`;
    if (netnsId.startsWith('external/')) return `external client ${netnsId.slice(9)}`;
    return netnsId;
  }

  // ---- per-node state ------------------------------------------------------------------------------

  proxierInput(nodeName: string): ProxierInput {
    const node = this.nodesByName.get(nodeName);
    if (!node) throw new Error(`no node ${nodeName}`);
    return {
      nodeName,
      nodeIPs: [node.internalIP],
      nodeLabels: node.labels,
      settings: this.scenario.kubeProxy,
      services: this.scenario.services,
      endpointSlices: this.endpointSlices,
      serviceCIDRs: [this.scenario.networking.serviceSubnet],
      // A Debian 12 node: iptables 1.8.9 has --random-fully; kube-proxy creates its nfacct counters;
      // nf_conntrack_tcp_be_liberal is 0 (so the ctstate INVALID drop is written).
      capabilities: { nfacct: true, randomFully: true, tcpBeLiberal: false },
    };
  }

  /** kube-proxy's iptables-mode sync for this node (whatever the scenario's mode: the CLI and tests ask). */
  kubeProxyRules(nodeName: string): KubeProxyIptablesResult {
    return this.proxyRules(IPTABLES_MODE, nodeName);
  }

  /** `driver`'s sync for this node, computed once and shared by the nodes its `syncKey` calls equal. */
  proxyRules<R>(driver: ProxyModeDriver<R>, nodeName: string): R {
    const nodeKey = `${driver.mode} ${nodeName}`;
    let r = this.proxyByNode.get(nodeKey) as R | undefined;
    if (r === undefined) {
      if (!this.nodesByName.has(nodeName)) throw new Error(`no node ${nodeName}`);
      const key = `${driver.mode} ${driver.syncKey(this, nodeName)}`;
      r = this.proxyByKey.get(key) as R | undefined;
      if (r === undefined) {
        r = driver.sync(this, nodeName);
        this.proxyByKey.set(key, r);
      }
      this.proxyByNode.set(nodeKey, r);
    }
    return r;
  }

  /** The node's IPv4 addresses as flanneld and the CNI leave them, before kube-proxy adds kube-ipvs0. */
  nodeAddresses(nodeName: string): readonly number[] {
    const base = buildNodeNetns(this.scenario, this.addressing, nodeName);
    return base.devices.flatMap((d) => d.addresses.map((a) => a.ip));
  }

  /** The user-space proxy socket listening on `port` in a node namespace, if the scenario's mode has one. */
  userspacePortal(netnsId: string, port: number): ProxySocket | undefined {
    if (!netnsId.startsWith('node/')) return undefined;
    return proxyMode(this.scenario.kubeProxy.mode).proxySocket(this, netnsId.slice(5), port);
  }

  /**
   * What of this node kube-proxy's rules depend on: its addresses (explicit nodePortAddresses and
   * loadBalancerSourceRanges use them), its zone (topology hints), and which endpoints are local for
   * Services whose traffic policy is Local. Everything else is the same on every node.
   */
  proxySignature(nodeName: string): string {
    const node = this.nodesByName.get(nodeName)!;
    const parts: string[] = [];
    const s = this.scenario;
    if (
      s.kubeProxy.nodePortAddresses.length > 0 ||
      s.services.some((v) => v.loadBalancerSourceRanges.length > 0)
    )
      parts.push(`ip=${node.internalIP}`);
    if (this.endpointSlices.some((sl) => sl.endpoints.some((e) => e.hintsForZones !== null)))
      parts.push(`zone=${node.zone ?? ''}`);
    const slicesByService = this.slicesByService();
    s.services.forEach((v, i) => {
      const external =
        v.ports.some((p) => p.nodePort !== 0) || v.loadBalancerIPs.length > 0 || v.externalIPs.length > 0;
      if (v.internalTrafficPolicy !== 'Local' && !(v.externalTrafficPolicy === 'Local' && external)) return;
      const local: string[] = [];
      for (const sl of slicesByService.get(`${v.namespace}/${v.name}`) ?? []) {
        for (const e of sl.endpoints)
          if (e.nodeName === nodeName)
            local.push(
              `${e.addresses.join(',')}/${e.conditions.ready}/${e.conditions.serving}/${e.conditions.terminating}`,
            );
      }
      parts.push(`${i}:${local.sort().join(' ')}`);
    });
    return parts.join('|');
  }

  private get openPorts(): OpenPorts {
    this.openPortsIndex ??= new OpenPorts(this.scenario.pods, this.addressing.podIPs, this.endpointSlices);
    return this.openPortsIndex;
  }

  private slicesIndex: Map<string, EndpointSliceSpec[]> | null = null;

  private slicesByService(): Map<string, EndpointSliceSpec[]> {
    if (!this.slicesIndex) {
      this.slicesIndex = new Map();
      for (const sl of this.endpointSlices) {
        const key = `${sl.namespace}/${sl.serviceName}`;
        const list = this.slicesIndex.get(key) ?? [];
        list.push(sl);
        this.slicesIndex.set(key, list);
      }
    }
    return this.slicesIndex;
  }

  /** The node's iptables as they stand on a running node: flanneld's rules (AppendUnique), then kubelet's and kube-proxy's. */
  nodeRuleset(nodeName: string): Ruleset {
    const node = this.nodesByName.get(nodeName);
    if (!node) throw new Error(`no node ${nodeName}`);
    // kubelet + kube-proxy part, installed once per distinct rule set and copied (chains only) per node.
    const driver = proxyMode(this.scenario.kubeProxy.mode);
    const proxy = this.proxyRules(driver, nodeName);
    let template = this.kubeProxyRulesets.get(proxy);
    if (!template) {
      template = new Ruleset();
      for (const t of ['nat', 'filter'] as const) template.ensureTable(t);
      driver.install(template, proxy);
      this.kubeProxyRulesets.set(proxy, template);
    }
    const ruleset = template.overlay();
    // flanneld appends its jumps (AppendUnique) and kube-proxy prepends its own, so the order on a node is
    // the same whichever started first.
    for (const rule of flannelIptablesRules(this.scenario, node)) ruleset.append(rule);
    // portmap runs at each hostPort pod's CNI ADD, after kube-proxy and flanneld started, in sandbox order.
    for (const pod of this.hostPortPods().get(nodeName) ?? []) {
      const ip = this.addressing.podIPs.get(podKey(pod));
      if (ip === undefined) continue;
      const containerId = sandboxContainerId(pod.namespace, pod.name);
      installPortmapRules(
        ruleset,
        portmapRules(FLANNEL_NETWORK_NAME, containerId, ip, node.podCIDR.prefix, podPortMappings(pod)),
      );
    }
    return ruleset;
  }

  private hostPortPodsIndex: Map<string, PodSpec[]> | null = null;

  /** Pods whose sandbox has port mappings, by node, in the order their sandboxes started (the file's). */
  private hostPortPods(): Map<string, PodSpec[]> {
    if (!this.hostPortPodsIndex) {
      this.hostPortPodsIndex = new Map();
      for (const pod of this.scenario.pods) {
        if (pod.nodeName === '' || podPortMappings(pod).length === 0) continue;
        const list = this.hostPortPodsIndex.get(pod.nodeName) ?? [];
        list.push(pod);
        this.hostPortPodsIndex.set(pod.nodeName, list);
      }
    }
    return this.hostPortPodsIndex;
  }

  private nodeNamespace(name: string): Netns {
    let ns = this.nodeNetns.get(name);
    if (!ns) {
      if (!this.nodesByName.has(name)) throw new Error(`no node ${name}`);
      const base = buildNodeNetns(this.scenario, this.addressing, name);
      const driver = proxyMode(this.scenario.kubeProxy.mode);
      const firstIfindex = Math.max(...base.devices.map((d) => d.ifindex)) + 1;
      const added = driver.devices(base.id, firstIfindex, this.proxyRules(driver, name));
      ns = { ...base, devices: [...base.devices, ...added], ruleset: this.nodeRuleset(name) };
      this.nodeNetns.set(name, ns);
    }
    return ns;
  }

  /** The CNI ADD result the bridge plugin printed for this pod's sandbox. */
  cniResult(key: string): string {
    const pod = podKeyIndex(this.scenario.pods).pod(key);
    if (!pod) throw new Error(`no pod ${key}`);
    if (pod.hostNetwork) throw new Error(`pod ${key} uses hostNetwork: CNI is never called for it`);
    const ip = this.addressing.podIPs.get(key);
    if (ip === undefined)
      throw new Error(`pod ${key} has no address (its sandbox failed or it is unscheduled)`);
    const node = this.nodesByName.get(pod.nodeName)!;
    const env = subnetEnvFor(this.scenario, node);
    // The flannel plugin's delegate: isDefaultGateway true, cniVersion copied from flannel's conflist (0.3.1).
    return printCniResult(
      bridgeAddResult({
        attachment: podAttachment(node, pod, ip),
        bridgeMac: bridgeMac(node.name),
        ipamRoutes: delegateRoutes(env),
        isDefaultGateway: true,
        cniVersion: FLANNEL_CONFLIST.cniVersion,
      }),
    );
  }

  /** The ADD (or DEL) of a pod's sandbox as the runtime and the plugin chain perform it, step by step. */
  cniProcess(key: string, command: 'ADD' | 'DEL' = 'ADD'): CniProcess {
    const pod = podKeyIndex(this.scenario.pods).pod(key);
    if (!pod) throw new Error(`no pod ${key}`);
    if (pod.hostNetwork) throw new Error(`pod ${key} uses hostNetwork: CNI is never called for it`);
    const ip = this.addressing.podIPs.get(key);
    if (ip === undefined)
      throw new Error(`pod ${key} has no address (its sandbox failed or it is unscheduled)`);
    const node = this.nodesByName.get(pod.nodeName)!;
    if (command === 'DEL') return cniDelProcess(this.scenario, node, pod, ip);
    const sandboxes = cniPodsByNode(this.scenario).get(node.name) ?? [];
    return cniAddProcess(this.scenario, node, sandboxes, pod, ip, (p) =>
      this.addressing.podIPs.has(podKey(p)),
    );
  }
}
