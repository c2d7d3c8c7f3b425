// kube-proxy's nftables sync as one pure function: from the node's view of Services and EndpointSlices to
// the knftables transaction of a full sync, and the `table ip kube-proxy` it leaves in the kernel
// (pkg/proxy/nftables/proxier.go setupNFTables + syncProxyRules, as of the *-pre-dnat base chains and
// cluster-ips-check). Service ports are sorted (Go walks a map) so the transaction is deterministic.
import { type Cidr, cidrContains, formatCidr, formatIpv4 } from '../../net/ipv4';
import type { NftTable } from '../../netfilter/nft/table';
import { buildEndpointsMap, categorizeEndpoints, type EndpointInfo } from '../categorize-endpoints';
import { nodePortAddressesFrom, nodePortIPs } from '../node-port-addresses';
import { masqueradeMark, type ProxierInput } from '../proxier-input';
import {
  externallyAccessible,
  servicePortKey,
  servicePortsOf,
  type ServicePortInfo,
  usesClusterEndpoints,
  usesLocalEndpoints,
} from '../service-port';
import * as N from './chain-names';
import { applyTransaction, type NftObject, type NftOp } from './transaction';

export interface KubeProxyNftablesResult {
  /** The operations of the transaction, in the order kube-proxy adds them. */
  readonly ops: readonly NftOp[];
  /** The table after the kernel applied them. */
  readonly table: NftTable;
  readonly totalEndpoints: number;
}

/** setupNFTables' base chains: filters before DNAT at dstnat-10, the no-endpoint filters at filter (0). */
const BASE_CHAINS = [
  { name: N.FILTER_PREROUTING_PRE_DNAT, base: { type: 'filter', hook: 'prerouting', priority: -110 } },
  { name: N.FILTER_INPUT, base: { type: 'filter', hook: 'input', priority: 0 } },
  { name: N.FILTER_FORWARD, base: { type: 'filter', hook: 'forward', priority: 0 } },
  { name: N.FILTER_OUTPUT, base: { type: 'filter', hook: 'output', priority: 0 } },
  { name: N.FILTER_OUTPUT_PRE_DNAT, base: { type: 'filter', hook: 'output', priority: -110 } },
  { name: N.NAT_PREROUTING, base: { type: 'nat', hook: 'prerouting', priority: -100 } },
  { name: N.NAT_OUTPUT, base: { type: 'nat', hook: 'output', priority: -100 } },
  { name: N.NAT_POSTROUTING, base: { type: 'nat', hook: 'postrouting', priority: 100 } },
] as const;

/** nftablesJumpChains: [destination, source, extra match]. */
const JUMP_CHAINS: readonly (readonly [string, string, string])[] = [
  [N.NODEPORT_ENDPOINTS_CHECK, N.FILTER_INPUT, 'ct state new'],
  [N.SERVICE_ENDPOINTS_CHECK, N.FILTER_INPUT, 'ct state new'],
  [N.SERVICE_ENDPOINTS_CHECK, N.FILTER_FORWARD, 'ct state new'],
  [N.SERVICE_ENDPOINTS_CHECK, N.FILTER_OUTPUT, 'ct state new'],
  [N.FIREWALL_CHECK, N.FILTER_PREROUTING_PRE_DNAT, 'ct state new'],
  [N.FIREWALL_CHECK, N.FILTER_OUTPUT_PRE_DNAT, 'ct state new'],
  [N.SERVICES, N.NAT_OUTPUT, ''],
  [N.SERVICES, N.NAT_PREROUTING, ''],
  [N.MASQUERADING, N.NAT_POSTROUTING, ''],
  [N.CLUSTER_IPS_CHECK, N.FILTER_FORWARD, 'ct state new'],
  [N.CLUSTER_IPS_CHECK, N.FILTER_OUTPUT, 'ct state new'],
];

const KEY3 = 'ipv4_addr . inet_proto . inet_service : verdict';
const KEY2 = 'inet_proto . inet_service : verdict';

class Transaction {
  readonly ops: NftOp[] = [];
  private readonly created = new Set<string>();

  add(object: NftObject): void {
    this.ops.push({ verb: 'add', object });
  }
  flush(object: NftObject): void {
    this.ops.push({ verb: 'flush', object });
  }
  delete(object: NftObject): void {
    this.ops.push({ verb: 'delete', object });
  }
  rule(chain: string, rule: string, comment?: string): void {
    this.add({ type: 'rule', chain, rule, ...(comment !== undefined && { comment }) });
  }
  element(set: string, key: readonly string[], value?: string, comment?: string): void {
    this.add({
      type: 'element',
      set,
      key,
      ...(value !== undefined && { value }),
      ...(comment !== undefined && { comment }),
    });
  }
  /** ensureChain: add and flush once per sync. */
  ensureChain(name: string): void {
    if (this.created.has(name)) return;
    this.created.add(name);
    this.add({ type: 'chain', name });
    this.flush({ type: 'chain', name });
  }
}

export function syncNftablesRules(input: ProxierInput): KubeProxyNftablesResult {
  const tx = new Transaction();
  const mark = masqueradeMark(input);
  const detector = input.settings.clusterCIDR ? formatCidr(input.settings.clusterCIDR) : null;
  setupTable(tx, input, mark);

  const endpointsMap = buildEndpointsMap(input.endpointSlices, input.nodeName);
  const servicePorts = input.services.flatMap(servicePortsOf).sort(compareServicePorts);
  let totalEndpoints = 0;
  for (const sp of servicePorts) totalEndpoints += endpointsOf(endpointsMap, sp).length;
  for (const sp of servicePorts) {
    const eps = categorizeEndpoints(endpointsOf(endpointsMap, sp), sp, input.nodeName, input.nodeLabels);
    writeServicePort(tx, sp, eps, {
      detector,
      masqueradeAll: input.settings.masqueradeAll,
      nodeIP: input.nodeIPs[0] ?? null,
    });
  }
  return { ops: tx.ops, table: applyTransaction(tx.ops), totalEndpoints };
}

function setupTable(tx: Transaction, input: ProxierInput, mark: string): void {
  tx.add({ type: 'table', comment: 'rules for kube-proxy' });
  // The first sync deletes and recreates the base chains, so a changed priority can be applied.
  for (const bc of BASE_CHAINS) {
    tx.add({ type: 'chain', name: bc.name });
    tx.delete({ type: 'chain', name: bc.name });
  }
  for (const bc of BASE_CHAINS) {
    tx.add({ type: 'chain', name: bc.name, base: bc.base });
    tx.flush({ type: 'chain', name: bc.name });
  }
  for (const [dst, src, extra] of JUMP_CHAINS) {
    tx.ensureChain(dst);
    tx.rule(src, extra === '' ? `jump ${dst}` : `${extra} jump ${dst}`);
  }
  for (const c of [N.SERVICES, N.CLUSTER_IPS_CHECK, N.MASQUERADING, N.MARK_MASQ]) tx.ensureChain(c);

  tx.rule(N.MARK_MASQ, `mark set mark or ${mark}`);
  tx.rule(N.MASQUERADING, `mark and ${mark} == 0 return`);
  tx.rule(N.MASQUERADING, `mark set mark xor ${mark}`);
  tx.rule(N.MASQUERADING, 'masquerade fully-random');

  tx.add({ type: 'set', name: N.CLUSTER_IPS, typeText: 'ipv4_addr', comment: 'Active ClusterIPs' });
  tx.rule(
    N.CLUSTER_IPS_CHECK,
    `ip daddr @${N.CLUSTER_IPS} reject`,
    'Reject traffic to invalid ports of ClusterIPs',
  );
  const serviceCIDRs = input.serviceCIDRs ?? [];
  if (serviceCIDRs.length > 0) {
    tx.rule(
      N.CLUSTER_IPS_CHECK,
      `ip daddr { ${serviceCIDRs.map(formatCidr).join(',')} } drop`,
      'Drop traffic to unallocated ClusterIPs',
    );
  }

  // nftables mode defaults --nodeport-addresses to "primary": only the node IP takes NodePorts.
  const npa = nodePortAddressesFrom(nodePortAddressCidrs(input));
  tx.add({
    type: 'set',
    name: N.NODEPORT_IPS,
    typeText: 'ipv4_addr',
    comment: 'IPs that accept NodePort traffic',
  });
  if (npa.matchAll) {
    tx.delete({ type: 'set', name: N.NODEPORT_IPS });
  } else {
    tx.flush({ type: 'set', name: N.NODEPORT_IPS });
    // Loopback is skipped: nftables mode has no localhost NodePorts.
    for (const ip of nodePortIPs(npa, input.nodeIPs))
      if (ip >>> 24 !== 127) tx.element(N.NODEPORT_IPS, [formatIpv4(ip)]);
  }

  tx.add({
    type: 'map',
    name: N.NO_ENDPOINT_SERVICES,
    typeText: KEY3,
    comment: 'vmap to drop or reject packets to services with no endpoints',
  });
  tx.add({
    type: 'map',
    name: N.NO_ENDPOINT_NODEPORTS,
    typeText: KEY2,
    comment: 'vmap to drop or reject packets to service nodeports with no endpoints',
  });
  tx.add({
    type: 'chain',
    name: N.REJECT_CHAIN,
    comment: 'helper for @no-endpoint-services / @no-endpoint-nodeports',
  });
  tx.flush({ type: 'chain', name: N.REJECT_CHAIN });
  tx.rule(N.REJECT_CHAIN, 'reject');
  tx.rule(N.SERVICE_ENDPOINTS_CHECK, `ip daddr . meta l4proto . th dport vmap @${N.NO_ENDPOINT_SERVICES}`);
  const noLocalhost = 'ip daddr != 127.0.0.0/8';
  tx.rule(
    N.NODEPORT_ENDPOINTS_CHECK,
    npa.matchAll
      ? `${noLocalhost} meta l4proto . th dport vmap @${N.NO_ENDPOINT_NODEPORTS}`
      : `ip daddr @${N.NODEPORT_IPS} meta l4proto . th dport vmap @${N.NO_ENDPOINT_NODEPORTS}`,
  );

  tx.add({
    type: 'map',
    name: N.FIREWALL_IPS,
    typeText: KEY3,
    comment: 'destinations that are subject to LoadBalancerSourceRanges',
  });
  tx.ensureChain(N.FIREWALL_CHECK);
  tx.rule(N.FIREWALL_CHECK, `ip daddr . meta l4proto . th dport vmap @${N.FIREWALL_IPS}`);

  tx.add({
    type: 'map',
    name: N.SERVICE_IPS,
    typeText: KEY3,
    comment: 'ClusterIP, ExternalIP and LoadBalancer IP traffic',
  });
  tx.add({ type: 'map', name: N.SERVICE_NODEPORTS, typeText: KEY2, comment: 'NodePort traffic' });
  tx.rule(N.SERVICES, `ip daddr . meta l4proto . th dport vmap @${N.SERVICE_IPS}`);
  tx.rule(
    N.SERVICES,
    npa.matchAll
      ? `fib daddr type local ${noLocalhost} meta l4proto . th dport vmap @${N.SERVICE_NODEPORTS}`
      : `ip daddr @${N.NODEPORT_IPS} meta l4proto . th dport vmap @${N.SERVICE_NODEPORTS}`,
  );

  tx.flush({ type: 'set', name: N.CLUSTER_IPS });
  for (const m of [
    N.SERVICE_IPS,
    N.FIREWALL_IPS,
    N.NO_ENDPOINT_SERVICES,
    N.NO_ENDPOINT_NODEPORTS,
    N.SERVICE_NODEPORTS,
  ])
    tx.flush({ type: 'map', name: m });
}

/** kube-proxy (v1.31+) defaults --nodeport-addresses to "primary" in nftables mode: the node IP. */
export function nodePortAddressCidrs(input: ProxierInput): readonly Cidr[] {
  const cidrs = input.settings.nodePortAddresses;
  if (cidrs.length > 0) return cidrs;
  const primary = input.nodeIPs[0];
  return primary === undefined ? [] : [{ network: primary, prefix: 32 }];
}

interface ServiceContext {
  /** The local detector's CIDR (`ip saddr [!=] CIDR`), or null without one. */
  readonly detector: string | null;
  readonly masqueradeAll: boolean;
  readonly nodeIP: number | null;
}

function writeServicePort(
  tx: Transaction,
  sp: ServicePortInfo,
  eps: ReturnType<typeof categorizeEndpoints>,
  ctx: ServiceContext,
): void {
  const chains = N.servicePortChainNames(sp);
  const names = new Map<EndpointInfo, { chain: string; affinitySet: string }>();
  const nameOf = (ep: EndpointInfo) => {
    let n = names.get(ep);
    if (!n) names.set(ep, (n = N.endpointNames(sp, ep)));
    return n;
  };
  const { hasAnyEndpoints: hasEndpoints } = eps;
  const proto = sp.proto;
  const port = String(sp.port);
  const comment = sp.nameString;

  for (const ep of eps.allReachable) tx.ensureChain(nameOf(ep).chain);
  const usesClusterPolicyChain = eps.cluster.length > 0 && usesClusterEndpoints(sp);
  if (usesClusterPolicyChain) tx.ensureChain(chains.cluster);
  const usesLocalPolicyChain = eps.local.length > 0 && usesLocalEndpoints(sp);
  if (usesLocalPolicyChain) tx.ensureChain(chains.local);

  const internalTrafficChain = sp.internalPolicyLocal ? chains.local : chains.cluster;
  const hasInternalEndpoints = hasEndpoints && !(sp.internalPolicyLocal && eps.local.length === 0);
  const externalPolicyChain = sp.externalPolicyLocal ? chains.local : chains.cluster;
  const hasExternalEndpoints = hasEndpoints && !(sp.externalPolicyLocal && eps.local.length === 0);
  // Built even without external endpoints: the short-circuits for pods and the node itself still apply.
  const usesExternalTrafficChain = hasEndpoints && externallyAccessible(sp);
  if (usesExternalTrafficChain) tx.ensureChain(chains.external);

  const reject = `goto ${N.REJECT_CHAIN}`;
  const internalVerdict = !hasEndpoints ? reject : 'drop';
  const externalVerdict = !hasEndpoints ? reject : 'drop';

  // The ClusterIP.
  const cip = formatIpv4(sp.clusterIP);
  tx.element(N.CLUSTER_IPS, [cip]);
  if (hasInternalEndpoints) tx.element(N.SERVICE_IPS, [cip, proto, port], `goto ${internalTrafficChain}`);
  else tx.element(N.NO_ENDPOINT_SERVICES, [cip, proto, port], internalVerdict, comment);

  // externalIPs.
  for (const ip of sp.externalIPs) {
    const key = [formatIpv4(ip), proto, port];
    if (hasEndpoints) tx.element(N.SERVICE_IPS, key, `goto ${chains.external}`);
    if (!hasExternalEndpoints) tx.element(N.NO_ENDPOINT_SERVICES, key, externalVerdict, comment);
  }

  // Load-balancer ingress IPs; with source ranges they are checked before DNAT by firewall-check.
  const usesFWChain = sp.loadBalancerVIPs.length > 0 && sp.loadBalancerSourceRanges.length > 0;
  if (usesFWChain) tx.ensureChain(chains.firewall);
  for (const ip of sp.loadBalancerVIPs) {
    const key = [formatIpv4(ip), proto, port];
    if (hasEndpoints) tx.element(N.SERVICE_IPS, key, `goto ${chains.external}`);
    if (usesFWChain) tx.element(N.FIREWALL_IPS, key, `goto ${chains.firewall}`);
  }
  if (!hasExternalEndpoints) {
    for (const ip of sp.loadBalancerVIPs)
      tx.element(N.NO_ENDPOINT_SERVICES, [formatIpv4(ip), proto, port], externalVerdict, comment);
  }

  // The NodePort (not subject to loadBalancerSourceRanges).
  if (sp.nodePort !== 0) {
    const key = [proto, String(sp.nodePort)];
    if (hasEndpoints) tx.element(N.SERVICE_NODEPORTS, key, `goto ${chains.external}`);
    if (!hasExternalEndpoints) tx.element(N.NO_ENDPOINT_NODEPORTS, key, externalVerdict, comment);
  }

  // Internal traffic: masquerade what did not come from a pod (or everything with --masquerade-all).
  if (hasInternalEndpoints) {
    if (ctx.masqueradeAll) tx.rule(internalTrafficChain, `ip daddr ${cip} jump ${N.MARK_MASQ}`);
    else if (ctx.detector)
      tx.rule(internalTrafficChain, `ip daddr ${cip} ip saddr != ${ctx.detector} jump ${N.MARK_MASQ}`);
  }

  if (usesExternalTrafficChain) {
    if (!sp.externalPolicyLocal) {
      // Endpoints may be on other nodes: masquerade so the reply comes back through this one.
      tx.rule(chains.external, `jump ${N.MARK_MASQ}`);
    } else {
      if (ctx.detector)
        tx.rule(
          chains.external,
          `ip saddr ${ctx.detector} goto ${chains.cluster}`,
          'short-circuit pod traffic',
        );
      tx.rule(chains.external, `fib saddr type local jump ${N.MARK_MASQ}`, 'masquerade local traffic');
      tx.rule(chains.external, `fib saddr type local goto ${chains.cluster}`, 'short-circuit local traffic');
    }
    if (hasExternalEndpoints) tx.rule(chains.external, `goto ${externalPolicyChain}`);
  }

  if (usesFWChain) {
    const sources = sp.loadBalancerSourceRanges.map(formatCidr);
    if (ctx.nodeIP !== null && sp.loadBalancerSourceRanges.some((r) => cidrContains(r, ctx.nodeIP!))) {
      // A node reaching a VIP-like LB IP loops back with the VIP as its source.
      for (const lb of sp.loadBalancerVIPs) sources.push(formatIpv4(lb));
    }
    tx.rule(chains.firewall, `ip saddr != { ${sources.join(' , ')} } drop`);
  }

  if (sp.sessionAffinityClientIP) {
    for (const ep of eps.allReachable) {
      tx.add({
        type: 'set',
        name: nameOf(ep).affinitySet,
        typeText: 'ipv4_addr',
        flags: ['dynamic', 'timeout'],
        timeout: sp.stickyMaxAgeSeconds,
      });
    }
  }

  const toEndpoints = (chain: string, endpoints: readonly EndpointInfo[]): void => {
    if (sp.sessionAffinityClientIP) {
      for (const ep of endpoints)
        tx.rule(chain, `ip saddr @${nameOf(ep).affinitySet} goto ${nameOf(ep).chain}`);
    }
    const entries = endpoints.map((ep, i) => `${i} : goto ${nameOf(ep).chain}`).join(' , ');
    tx.rule(chain, `numgen random mod ${endpoints.length} vmap { ${entries} }`);
  };
  if (usesClusterPolicyChain) toEndpoints(chains.cluster, eps.cluster);
  if (usesLocalPolicyChain) toEndpoints(chains.local, eps.local);

  for (const ep of eps.allReachable) {
    const { chain, affinitySet } = nameOf(ep);
    // A pod reaching itself through its Service must be SNATed, or the reply would bypass conntrack.
    tx.rule(chain, `ip saddr ${ep.ipText} jump ${N.MARK_MASQ}`);
    if (sp.sessionAffinityClientIP) tx.rule(chain, `update @${affinitySet} { ip saddr }`);
    tx.rule(chain, `meta l4proto ${proto} dnat to ${ep.endpoint}`);
  }
}

function compareServicePorts(a: ServicePortInfo, b: ServicePortInfo): number {
  const ka = [a.namespace, a.name, a.portName, a.protocol];
  const kb = [b.namespace, b.name, b.portName, b.protocol];
  for (let i = 0; i < ka.length; i++) if (ka[i]! !== kb[i]!) return ka[i]! < kb[i]! ? -1 : 1;
  return 0;
}

function endpointsOf(map: ReturnType<typeof buildEndpointsMap>, sp: ServicePortInfo): EndpointInfo[] {
  return map.get(servicePortKey(sp.namespace, sp.name, sp.portName, sp.protocol)) ?? [];
}
