// A Service split into the per-port records kube-proxy syncs (pkg/proxy/serviceport.go newBaseServiceInfo,
// pkg/api/v1/service/util.go), with the chain names the iptables proxier precomputes for each.
import type { Cidr } from '../net/ipv4';
import type { Protocol, ServiceSpec } from '../model/scenario';

export interface ServicePortInfo {
  readonly namespace: string;
  readonly name: string;
  /** "" for an unnamed port. */
  readonly portName: string;
  /** `ns/name` plus `:port` when the port is named (pkg/proxy/types.go ServicePortName.String). */
  readonly nameString: string;
  readonly protocol: Protocol;
  /** Lowercase, as it appears in `-m tcp -p tcp` and in the chain hashes. */
  readonly proto: 'tcp' | 'udp' | 'sctp';
  readonly clusterIP: number;
  readonly port: number;
  readonly nodePort: number;
  readonly externalIPs: readonly number[];
  readonly loadBalancerVIPs: readonly number[];
  readonly loadBalancerSourceRanges: readonly Cidr[];
  readonly sessionAffinityClientIP: boolean;
  readonly stickyMaxAgeSeconds: number;
  readonly externalPolicyLocal: boolean;
  readonly internalPolicyLocal: boolean;
  /** Non-zero only when the Service needs a health check (LoadBalancer with ETP=Local). */
  readonly healthCheckNodePort: number;
}

export function externallyAccessible(sp: ServicePortInfo): boolean {
  return sp.nodePort !== 0 || sp.loadBalancerVIPs.length > 0 || sp.externalIPs.length > 0;
}

/** Cluster endpoints are needed for ITP=Cluster, and for any external traffic (short-circuiting). */
export function usesClusterEndpoints(sp: ServicePortInfo): boolean {
  return !sp.internalPolicyLocal || externallyAccessible(sp);
}

export function usesLocalEndpoints(sp: ServicePortInfo): boolean {
  return sp.internalPolicyLocal || (sp.externalPolicyLocal && externallyAccessible(sp));
}

/** `apiservice.ExternallyAccessible`: judged on the Service type, not on this port. */
function serviceExternallyAccessible(svc: ServiceSpec): boolean {
  return (
    svc.type === 'LoadBalancer' ||
    svc.type === 'NodePort' ||
    (svc.type === 'ClusterIP' && svc.externalIPs.length > 0)
  );
}

/** `proxyutil.ShouldSkipService`: headless and ExternalName Services get no rules. */
export function shouldSkipService(svc: ServiceSpec): boolean {
  return svc.clusterIP === null || svc.type === 'ExternalName';
}

/** One record per port of a proxied Service; none for a skipped Service. */
export function servicePortsOf(svc: ServiceSpec): ServicePortInfo[] {
  if (shouldSkipService(svc) || svc.clusterIP === null) return [];
  const externalPolicyLocal = serviceExternallyAccessible(svc) && svc.externalTrafficPolicy === 'Local';
  const needsHealthCheck = svc.type === 'LoadBalancer' && externalPolicyLocal;
  return svc.ports.map((port) => {
    const portName = port.name ?? '';
    const nameString = `${svc.namespace}/${svc.name}${portName === '' ? '' : ':' + portName}`;
    return {
      namespace: svc.namespace,
      name: svc.name,
      portName,
      nameString,
      protocol: port.protocol,
      proto: port.protocol.toLowerCase() as 'tcp' | 'udp' | 'sctp',
      clusterIP: svc.clusterIP!,
      port: port.port,
      nodePort: port.nodePort,
      externalIPs: svc.externalIPs,
      loadBalancerVIPs: svc.loadBalancerIPs,
      loadBalancerSourceRanges: svc.loadBalancerSourceRanges,
      sessionAffinityClientIP: svc.sessionAffinity === 'ClientIP',
      stickyMaxAgeSeconds: svc.sessionAffinity === 'ClientIP' ? svc.sessionAffinityTimeoutSeconds : 0,
      externalPolicyLocal,
      internalPolicyLocal: svc.internalTrafficPolicy === 'Local',
      healthCheckNodePort: needsHealthCheck ? svc.healthCheckNodePort : 0,
    };
  });
}

/** The key kube-proxy's ServicePortMap and EndpointsMap share: name and protocol. */
export function servicePortKey(
  namespace: string,
  name: string,
  portName: string,
  protocol: Protocol,
): string {
  return `${namespace}/${name}:${portName}/${protocol}`;
}
