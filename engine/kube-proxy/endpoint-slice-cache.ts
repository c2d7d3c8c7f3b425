// EndpointSlices folded into one endpoint list per service port, the way kube-proxy's EndpointSliceCache
// does (pkg/proxy/endpointslicecache.go): only addresses[0], dedupe on "IP:port", sort on that string.
import { formatIpv4 } from '../net/ipv4';
import type { EndpointSliceSpec } from '../model/scenario';
import { servicePortKey } from './service-port';

export interface EndpointInfo {
  readonly ip: number;
  readonly ipText: string;
  readonly port: number;
  /** `IP:port` (net.JoinHostPort): the sort key, the DNAT target and part of the SEP hash. */
  readonly endpoint: string;
  readonly isLocal: boolean;
  readonly ready: boolean;
  readonly serving: boolean;
  readonly terminating: boolean;
  /** `hints.forZones` names, or null when the endpoint has no zone hints. */
  readonly zoneHints: ReadonlySet<string> | null;
  /** `hints.forNodes` names (PreferSameTrafficDistribution); the scenario model carries none yet. */
  readonly nodeHints: ReadonlySet<string> | null;
}

/**
 * Endpoints per service port key (see servicePortKey), sorted by `IP:port` as strings (ESC byEndpoint),
 * so `10.180.0.10:80` sorts before `10.180.0.2:80`.
 *
 * Slices of another family are ignored (EndpointsChangeTracker only takes its own addressType). The slice
 * port's name picks the service port: targetPort was already resolved per pod by the EndpointSlice
 * controller. A null port name is read as "" (an unnamed port): the scenario model cannot tell a missing
 * name from an empty one, which real kube-proxy would ignore ("Ignoring port with nil name").
 */
export function buildEndpointsMap(
  slices: readonly EndpointSliceSpec[],
  nodeName: string,
): Map<string, EndpointInfo[]> {
  const sets = new Map<string, Map<string, EndpointInfo>>();
  // Go walks slices in map order; sorting by name keeps the one order-dependent case (two
  // non-terminating endpoints with the same IP:port) deterministic.
  const ordered = [...slices].sort((a, b) => cmp(a.namespace, b.namespace) || cmp(a.name, b.name));
  for (const slice of ordered) {
    if (slice.addressType !== 'IPv4') continue;
    for (const port of slice.ports) {
      if (port.port === null || port.port === 0) continue;
      const key = servicePortKey(slice.namespace, slice.serviceName, port.name ?? '', port.protocol);
      let set = sets.get(key);
      if (!set) sets.set(key, (set = new Map()));
      addEndpoints(set, slice, port.port, nodeName);
    }
  }
  const map = new Map<string, EndpointInfo[]>();
  for (const [key, set] of sets) {
    if (set.size === 0) continue;
    map.set(
      key,
      [...set.values()].sort((a, b) => cmp(a.endpoint, b.endpoint)),
    );
  }
  return map;
}

function addEndpoints(
  set: Map<string, EndpointInfo>,
  slice: EndpointSliceSpec,
  port: number,
  nodeName: string,
): void {
  for (const ep of slice.endpoints) {
    const ip = ep.addresses[0];
    if (ip === undefined) continue;
    const ipText = formatIpv4(ip);
    const endpoint = `${ipText}:${port}`;
    const terminating = ep.conditions.terminating === true;
    // A reused pod IP can appear twice: prefer the endpoint that is not terminating.
    if (set.has(endpoint) && terminating) continue;
    set.set(endpoint, {
      ip,
      ipText,
      port,
      endpoint,
      isLocal: nodeName !== '' && ep.nodeName === nodeName,
      ready: ep.conditions.ready !== false,
      serving: ep.conditions.serving !== false,
      terminating,
      zoneHints: ep.hintsForZones && ep.hintsForZones.length > 0 ? new Set(ep.hintsForZones) : null,
      nodeHints: null,
    });
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
