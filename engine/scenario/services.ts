// v1 Service objects, read and checked one at a time (ValidateService's per-object rules). Cluster IPs
// and node ports, which several Services compete for, are handed out by service-allocation.ts.
import type { Cidr } from '../net/ipv4';
import type { ServiceType, SourceRef } from '../model/scenario';
import type { Place } from './diagnostics';
import { cidrOrReport, ipv4OrReport } from './ip-fields';
import { readMetadata } from './metadata';
import { dns1035LabelError, dns1123SubdomainError, invalidValue } from './names';
import type { ObjectFields } from './object-fields';
import { readServicePorts, type ServicePortInput } from './service-ports';

const SERVICE_TYPES: readonly ServiceType[] = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
/** sessionAffinityConfig.clientIP.timeoutSeconds default and ceiling (3 hours, 1 day). */
const DEFAULT_AFFINITY_TIMEOUT = 10800;
const MAX_AFFINITY_TIMEOUT = 86400;

export type ClusterIPRequest =
  | { readonly kind: 'allocate' }
  | { readonly kind: 'none' }
  | { readonly kind: 'given'; readonly ip: number; readonly place: Place };

export interface ServiceInput {
  readonly namespace: string;
  readonly name: string;
  readonly type: ServiceType;
  readonly clusterIP: ClusterIPRequest;
  readonly ports: readonly ServicePortInput[];
  readonly selector: Readonly<Record<string, string>> | null;
  readonly externalIPs: readonly number[];
  readonly loadBalancerIPs: readonly number[];
  readonly loadBalancerSourceRanges: readonly Cidr[];
  readonly sessionAffinity: 'None' | 'ClientIP';
  readonly sessionAffinityTimeoutSeconds: number;
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  readonly internalTrafficPolicy: 'Cluster' | 'Local';
  /** A health-check node port is needed: LoadBalancer with externalTrafficPolicy Local (NeedsHealthCheck). */
  readonly needsHealthCheck: boolean;
  /** 0 when not given. */
  readonly healthCheckNodePort: number;
  readonly healthCheckNodePortPlace: Place;
  readonly externalName: string | null;
  readonly publishNotReadyAddresses: boolean;
  readonly place: Place;
  /** Where spec.selector is written (absent for the addons' own Services). */
  readonly selectorPlace?: Place;
  readonly source: SourceRef;
}

function readClusterIP(spec: ObjectFields, type: ServiceType): ClusterIPRequest {
  const text = spec.string('clusterIP');
  if (text === null || text === '') return { kind: type === 'ExternalName' ? 'none' : 'allocate' };
  if (type === 'ExternalName') {
    spec.error('clusterIP', invalidValue(text, 'must be empty for ExternalName services'));
    return { kind: 'none' };
  }
  if (text === 'None') {
    if (type !== 'ClusterIP')
      spec.error('clusterIP', invalidValue(text, `may not be set to 'None' for ${type} services`));
    return { kind: 'none' };
  }
  const ip = ipv4OrReport(spec.ctx.diags, spec.place('clusterIP'), text);
  return ip === null ? { kind: 'allocate' } : { kind: 'given', ip, place: spec.place('clusterIP') };
}

/** status.loadBalancer.ingress[].ip; `ipMode: Proxy` ingresses are not routed by kube-proxy (KEP-1860). */
function readLoadBalancerIPs(object: ObjectFields): number[] {
  const ips: number[] = [];
  for (const ingress of object.map('status').map('loadBalancer').mapList('ingress')) {
    const text = ingress.string('ip');
    if (text === null || text === '' || ingress.string('ipMode') === 'Proxy') continue;
    const ip = ipv4OrReport(object.ctx.diags, ingress.place('ip'), text);
    if (ip !== null) ips.push(ip);
  }
  return ips;
}

function readAffinity(spec: ObjectFields): { affinity: 'None' | 'ClientIP'; timeout: number } {
  const affinity = spec.oneOf('sessionAffinity', ['None', 'ClientIP'] as const, 'None');
  const clientIP = spec.map('sessionAffinityConfig').map('clientIP');
  const timeout = clientIP.int('timeoutSeconds', 1, MAX_AFFINITY_TIMEOUT);
  if (timeout !== null && affinity !== 'ClientIP') {
    spec.error('sessionAffinityConfig', 'Invalid value: must not be set when session affinity is None');
  }
  return { affinity, timeout: timeout ?? DEFAULT_AFFINITY_TIMEOUT };
}

export function readService(object: ObjectFields): ServiceInput | null {
  const meta = readMetadata(object, { namespaced: true, nameError: dns1035LabelError });
  const spec = object.map('spec');
  const type = spec.oneOf('type', SERVICE_TYPES, 'ClusterIP');
  const clusterIP = readClusterIP(spec, type);
  const ports = readServicePorts(spec, type);
  if (ports.length === 0 && type !== 'ExternalName' && clusterIP.kind !== 'none' && !spec.has('ports')) {
    spec.error('ports', 'Required value');
  }

  const externalIPs: number[] = [];
  for (const { value, place } of spec.stringList('externalIPs')) {
    const ip = ipv4OrReport(spec.ctx.diags, place, value);
    if (ip !== null) externalIPs.push(ip);
  }

  // ExternallyAccessible: only these Services may set externalTrafficPolicy (validateServiceExternalTrafficPolicy).
  const external =
    type === 'NodePort' || type === 'LoadBalancer' || (type === 'ClusterIP' && externalIPs.length > 0);
  if (!external && spec.has('externalTrafficPolicy')) {
    spec.error('externalTrafficPolicy', 'Invalid value: may only be set for externally-accessible services');
  }
  const externalTrafficPolicy = external
    ? spec.oneOf('externalTrafficPolicy', ['Cluster', 'Local'] as const, 'Cluster')
    : 'Cluster';
  const internalTrafficPolicy = spec.oneOf('internalTrafficPolicy', ['Cluster', 'Local'] as const, 'Cluster');
  const needsHealthCheck = type === 'LoadBalancer' && externalTrafficPolicy === 'Local';
  const healthCheckNodePort = spec.int('healthCheckNodePort', 1, 65535) ?? 0;
  if (healthCheckNodePort !== 0 && !needsHealthCheck) {
    spec.error(
      'healthCheckNodePort',
      "Invalid value: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
    );
  }

  const loadBalancerSourceRanges: Cidr[] = [];
  for (const { value, place } of spec.stringList('loadBalancerSourceRanges')) {
    if (type !== 'LoadBalancer') {
      spec.error('loadBalancerSourceRanges', "Forbidden: may only be used when `type` is 'LoadBalancer'");
      break;
    }
    // kube trims the spaces people leave in (service.GetLoadBalancerSourceRanges).
    const range = cidrOrReport(spec.ctx.diags, place, value.trim());
    if (range !== null) loadBalancerSourceRanges.push({ network: range.network, prefix: range.prefix });
  }

  let externalName: string | null = null;
  if (type === 'ExternalName') {
    externalName = spec.string('externalName');
    if (externalName === null || externalName === '') {
      spec.error('externalName', 'Required value');
      externalName = null;
    } else {
      const reason = dns1123SubdomainError(externalName.replace(/\.$/, ''));
      if (reason !== null) spec.error('externalName', invalidValue(externalName, reason));
    }
  }

  const selector = spec.stringMap('selector');
  const { affinity, timeout } = readAffinity(spec);
  const publishNotReadyAddresses = spec.bool('publishNotReadyAddresses') ?? false;
  const loadBalancerIPs = type === 'LoadBalancer' ? readLoadBalancerIPs(object) : [];
  if (meta === null) return null;
  return {
    namespace: meta.namespace,
    name: meta.name,
    type,
    clusterIP,
    ports,
    // `selector: {}` is stored as no selector: the API server drops empty maps.
    selector: selector !== null && Object.keys(selector).length > 0 ? selector : null,
    externalIPs,
    loadBalancerIPs,
    loadBalancerSourceRanges,
    sessionAffinity: affinity,
    sessionAffinityTimeoutSeconds: timeout,
    externalTrafficPolicy,
    internalTrafficPolicy,
    needsHealthCheck,
    healthCheckNodePort,
    healthCheckNodePortPlace: spec.place('healthCheckNodePort'),
    externalName,
    publishNotReadyAddresses,
    place: meta.metadata.place('name'),
    selectorPlace: spec.place('selector'),
    source: meta.source,
  };
}
