// kube-proxy's IPVS sync as one pure function (pkg/proxy/ipvs/proxier.go syncProxyRules): from the node's
// view of Services and EndpointSlices to the addresses bound on kube-ipvs0, the ip sets and their entries,
// the IPVS virtual services with their real servers, and the few iptables rules that remain. Service
// ports are walked sorted (Go walks a map) so the result is deterministic.
import { cidrContains } from '../../net/ipv4';
import { Ipset, type IpsetEntry, type IpsetProto } from '../../netfilter/ipset';
import { type IpvsProtocol, IpvsTable, type RealServer } from '../../ipvs/table';
import type { SchedulerName } from '../../ipvs/schedulers';
import type { Rule } from '../../netfilter/rule';
import { buildEndpointsMap, categorizeEndpoints, type EndpointInfo } from '../categorize-endpoints';
import { nodePortAddressesFrom, nodePortIPs } from '../node-port-addresses';
import type { ProxierInput } from '../proxier-input';
import { servicePortKey, servicePortsOf, type ServicePortInfo } from '../service-port';
import { writeIpvsIptablesRules } from './iptables-rules';
import * as N from './names';

export interface KubeProxyIpvsResult {
  /** Addresses bound to kube-ipvs0 (/32, scope global), in the order syncService bound them. */
  readonly boundAddresses: readonly number[];
  /** kube-proxy's ip sets, in ipsetInfo order. */
  readonly ipsets: readonly Ipset[];
  readonly table: IpvsTable;
  readonly natChains: readonly string[];
  readonly natRules: readonly Rule[];
  readonly filterChains: readonly string[];
  readonly filterRules: readonly Rule[];
  readonly totalEndpoints: number;
}

/** A fixed stand-in for each set's random initval, so listings are stable (FNV-1a of the name). */
function initvalOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function syncIpvsRules(input: ProxierInput): KubeProxyIpvsResult {
  const sets = new Map(
    N.IPSET_INFO.map((info) => [info.name, new Ipset(info.name, info.type, initvalOf(info.name))]),
  );
  const set = (name: string): Ipset => sets.get(name)!;
  const table = new IpvsTable();
  const bound: number[] = [];
  const boundSet = new Set<number>();
  const bind = (ip: number): void => {
    if (boundSet.has(ip)) return;
    bound.push(ip);
    boundSet.add(ip);
  };
  const scheduler = (input.settings.ipvsScheduler || 'rr') as SchedulerName;
  // GetAllLocalAddressesExcept(kube-ipvs0): every address on the node but loopback.
  const nodeAddresses = (input.localAddresses ?? input.nodeIPs).filter((ip) => ip >>> 24 !== 127);
  const nodeAddressSet = new Set(nodeAddresses);
  const npa = nodePortAddressesFrom(input.settings.nodePortAddresses);
  // Go lists a set here (random order); numeric order is used instead.
  const nodeIPs = npa.matchAll
    ? [...nodeAddresses].sort((a, b) => a - b)
    : nodePortIPs(npa, nodeAddresses).filter((ip) => ip >>> 24 !== 127);
  const lbNoNodeAccess: { ip: number; proto: string; port: number }[] = [];
  const nodeIP = input.nodeIPs[0] ?? null;

  const endpointsMap = buildEndpointsMap(input.endpointSlices, input.nodeName);
  const servicePorts = input.services.flatMap(servicePortsOf).sort(compareServicePorts);
  let totalEndpoints = 0;

  for (const sp of servicePorts) {
    const all = endpointsMap.get(servicePortKey(sp.namespace, sp.name, sp.portName, sp.protocol)) ?? [];
    totalEndpoints += all.length;
    const proto = sp.proto as IpsetProto;
    const eps = categorizeEndpoints(all, sp, input.nodeName, input.nodeLabels);
    // syncEndpoint: Local policy uses the local endpoints, and falls back to the cluster ones when there
    // are none (PR 97081: "Traffic from an external source will be routed but the reply will have the POD
    // address and will be discarded"). iptables and nftables drop instead.
    const realServers = (onlyLocal: boolean): RealServer[] =>
      toRealServers(onlyLocal && eps.local.length > 0 ? eps.local : eps.cluster);
    const addService = (address: number, port: number, onlyLocal: boolean): void => {
      table.add({
        protocol: sp.protocol as IpvsProtocol,
        address,
        port,
        scheduler,
        persistentTimeout: sp.sessionAffinityClientIP ? sp.stickyMaxAgeSeconds : null,
        schedFlags: scheduler === 'mh' ? ['mh-port'] : [],
        destinations: realServers(onlyLocal),
      });
    };

    // Hairpin: a local endpoint reaching its own Service is masqueraded.
    for (const ep of all)
      if (ep.isLocal) set(N.LOOP_BACK).add({ ip: ep.ip, proto, port: ep.port, ip2: ep.ip });

    set(N.CLUSTER_IP).add({ ip: sp.clusterIP, proto, port: sp.port });
    addService(sp.clusterIP, sp.port, sp.internalPolicyLocal);
    bind(sp.clusterIP);

    for (const ip of sp.externalIPs) {
      set(sp.externalPolicyLocal ? N.EXTERNAL_IP_LOCAL : N.EXTERNAL_IP).add({ ip, proto, port: sp.port });
      addService(ip, sp.port, sp.externalPolicyLocal);
      // An address already on another interface is not bound again.
      if (!nodeAddressSet.has(ip)) bind(ip);
    }

    for (const ip of sp.loadBalancerVIPs) {
      const entry: IpsetEntry = { ip, proto, port: sp.port };
      set(N.LOAD_BALANCER).add(entry);
      if (sp.externalPolicyLocal) set(N.LOAD_BALANCER_LOCAL).add(entry);
      if (sp.loadBalancerSourceRanges.length > 0) {
        set(N.LOAD_BALANCER_FW).add(entry);
        for (const net of sp.loadBalancerSourceRanges)
          set(N.LOAD_BALANCER_SOURCE_CIDR).add({ ...entry, net });
        // The node reaching the LB IP loops back with the LB IP as its source.
        if (nodeIP !== null && sp.loadBalancerSourceRanges.some((r) => cidrContains(r, nodeIP)))
          set(N.LOAD_BALANCER_SOURCE_IP).add({ ...entry, ip2: ip });
        else lbNoNodeAccess.push({ ip, proto, port: sp.port });
      }
      addService(ip, sp.port, sp.externalPolicyLocal);
      if (!nodeAddressSet.has(ip)) bind(ip);
    }

    if (sp.nodePort !== 0 && nodeIPs.length > 0) {
      const entries: IpsetEntry[] =
        proto === 'sctp' ? nodeIPs.map((ip) => ({ ip, proto, port: sp.nodePort })) : [{ port: sp.nodePort }];
      const [masq, local] =
        proto === 'tcp'
          ? [N.NODE_PORT_TCP, N.NODE_PORT_LOCAL_TCP]
          : proto === 'udp'
            ? [N.NODE_PORT_UDP, N.NODE_PORT_LOCAL_UDP]
            : [N.NODE_PORT_SCTP, N.NODE_PORT_LOCAL_SCTP];
      for (const e of entries) set(masq).add(e);
      if (sp.externalPolicyLocal) for (const e of entries) set(local).add(e);
      // A virtual service per node address; those are never bound to kube-ipvs0.
      for (const ip of nodeIPs) addService(ip, sp.nodePort, sp.externalPolicyLocal);
    }

    if (sp.healthCheckNodePort !== 0) set(N.HEALTH_CHECK_NODE_PORT).add({ port: sp.healthCheckNodePort });
  }

  for (const ip of bound) set(N.IPVS_IPS).add({ ip });

  const rules = writeIpvsIptablesRules(input, (name) => set(name).size === 0, lbNoNodeAccess);
  return { boundAddresses: bound, ipsets: [...sets.values()], table, ...rules, totalEndpoints };
}

/**
 * kube-proxy adds real servers in Go map order and the kernel puts each at the head of the list; here they
 * are added in endpoint order, so the kernel list is that order reversed.
 */
function toRealServers(endpoints: readonly EndpointInfo[]): RealServer[] {
  return endpoints
    .map((ep): RealServer => ({ address: ep.ip, port: ep.port, weight: 1, forward: 'Masq' }))
    .reverse();
}

function compareServicePorts(a: ServicePortInfo, b: ServicePortInfo): number {
  const ka = [a.namespace, a.name, a.portName, a.protocol];
  const kb = [b.namespace, b.name, b.portName, b.protocol];
  for (let i = 0; i < ka.length; i++) if (ka[i]! !== kb[i]!) return ka[i]! < kb[i]! ? -1 : 1;
  return 0;
}
