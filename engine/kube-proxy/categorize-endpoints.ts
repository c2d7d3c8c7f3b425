// Which endpoints a service port may use from this node (pkg/proxy/topology.go CategorizeEndpoints):
// ready ones, else serving-and-terminating ones, filtered by topology hints for Cluster policy and by
// node for Local policy.
import type { EndpointInfo } from './endpoint-slice-cache';
import { type ServicePortInfo, usesClusterEndpoints, usesLocalEndpoints } from './service-port';

export { buildEndpointsMap, type EndpointInfo } from './endpoint-slice-cache';

export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

export type TopologyMode = '' | 'PreferSameZone' | 'PreferSameNode';

export interface CategorizedEndpoints {
  /** Usable endpoints for Cluster policy; empty when the port never uses Cluster policy. */
  readonly cluster: readonly EndpointInfo[];
  /** Usable endpoints on this node for Local policy; empty when the port never uses Local policy. */
  readonly local: readonly EndpointInfo[];
  /** cluster ∪ local: every endpoint this node may DNAT to (one KUBE-SEP chain each). */
  readonly allReachable: readonly EndpointInfo[];
  /** True if any usable endpoint exists anywhere in the cluster, even if none is reachable from here. */
  readonly hasAnyEndpoints: boolean;
}

export interface TopologyOptions {
  /** The PreferSameTrafficDistribution feature gate (node hints). */
  readonly preferSameTrafficDistribution?: boolean;
}

export function categorizeEndpoints(
  endpoints: readonly EndpointInfo[],
  sp: ServicePortInfo,
  nodeName: string,
  nodeLabels: Readonly<Record<string, string>>,
  options: TopologyOptions = {},
): CategorizedEndpoints {
  let cluster: EndpointInfo[] = [];
  let local: EndpointInfo[] = [];
  let hasAnyEndpoints = false;
  let topologyMode: TopologyMode = '';

  if (usesClusterEndpoints(sp)) {
    const zone = nodeLabels[LABEL_TOPOLOGY_ZONE] ?? '';
    topologyMode = topologyModeFromHints(endpoints, nodeName, zone, options);
    cluster = endpoints.filter((ep) => ep.ready && availableForTopology(ep, topologyMode, nodeName, zone));
    // No ready endpoint anywhere (topology never filters all of them away): fall back to terminating ones.
    if (cluster.length === 0) cluster = endpoints.filter((ep) => ep.serving && ep.terminating);
    if (cluster.length > 0) hasAnyEndpoints = true;
  }

  if (!usesLocalEndpoints(sp)) return { cluster, local, allReachable: cluster, hasAnyEndpoints };

  let hasLocalReady = false;
  let hasLocalServingTerminating = false;
  for (const ep of endpoints) {
    if (ep.ready) {
      hasAnyEndpoints = true;
      if (ep.isLocal) hasLocalReady = true;
    } else if (ep.serving && ep.terminating) {
      hasAnyEndpoints = true;
      if (ep.isLocal) hasLocalServingTerminating = true;
    }
  }
  let useServingTerminating = false;
  if (hasLocalReady) {
    local = endpoints.filter((ep) => ep.isLocal && ep.ready);
  } else if (hasLocalServingTerminating) {
    useServingTerminating = true;
    local = endpoints.filter((ep) => ep.isLocal && ep.serving && ep.terminating);
  }

  if (!usesClusterEndpoints(sp)) return { cluster, local, allReachable: local, hasAnyEndpoints };
  // Without topology and with only ready local endpoints, cluster already contains every local one.
  if (topologyMode === '' && !useServingTerminating) {
    return { cluster, local, allReachable: cluster, hasAnyEndpoints };
  }
  // Go merges through a map (random order); the union is kept in `IP:port` order here.
  const merged = new Map<string, EndpointInfo>();
  for (const ep of cluster) merged.set(ep.endpoint, ep);
  for (const ep of local) merged.set(ep.endpoint, ep);
  const allReachable = [...merged.values()].sort((a, b) =>
    a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0,
  );
  return { cluster, local, allReachable, hasAnyEndpoints };
}

/**
 * One decision per service port, from ready endpoints only: PreferSameNode when the gate is on, every
 * ready endpoint has node hints and one names this node; else PreferSameZone likewise for zone hints;
 * else no topology. There is no partial fallback.
 */
export function topologyModeFromHints(
  endpoints: readonly EndpointInfo[],
  nodeName: string,
  zone: string,
  options: TopologyOptions = {},
): TopologyMode {
  let hasEndpointForNode = false;
  let allHaveNodeHints = true;
  let hasEndpointForZone = false;
  let allHaveZoneHints = true;
  for (const ep of endpoints) {
    if (!ep.ready) continue;
    if (!ep.nodeHints || ep.nodeHints.size === 0) allHaveNodeHints = false;
    else if (ep.nodeHints.has(nodeName)) hasEndpointForNode = true;
    if (!ep.zoneHints || ep.zoneHints.size === 0) allHaveZoneHints = false;
    else if (ep.zoneHints.has(zone)) hasEndpointForZone = true;
  }
  if (options.preferSameTrafficDistribution && allHaveNodeHints && hasEndpointForNode)
    return 'PreferSameNode';
  if (allHaveZoneHints && hasEndpointForZone) return 'PreferSameZone';
  return '';
}

function availableForTopology(ep: EndpointInfo, mode: TopologyMode, nodeName: string, zone: string): boolean {
  switch (mode) {
    case '':
      return true;
    case 'PreferSameNode':
      return ep.nodeHints?.has(nodeName) ?? false;
    case 'PreferSameZone':
      return ep.zoneHints?.has(zone) ?? false;
  }
}
