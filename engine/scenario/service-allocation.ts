// Cluster IPs and node ports, which every Service draws from one pool. Given values are claimed first
// (in document order, later duplicates rejected with the API server's words); the rest are handed out in
// document order. kube picks dynamic values at random from above a "static band" kept for hand-picked
// ones (KEP-3070 for IPs, KEP-3668 for node ports); Podpath takes them in order from the bottom of that
// upper range instead, so the same file always gives the same addresses, and falls back to the static
// band only when the upper range is full, as kube does.
import { broadcastOf, cidrContains, formatCidr, formatIpv4, type Cidr } from '../net/ipv4';
import type { ServicePort, ServiceSpec } from '../model/scenario';
import type { Diagnostics, Place } from './diagnostics';
import type { ServiceInput } from './services';

/** kube-apiserver's default --service-node-port-range. */
export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

/** ipallocator.calculateRangeOffset: min(max(16, size/16), 256), 0 for ranges of 16 or fewer. */
export function serviceIPStaticBand(range: Cidr): number {
  const size = 2 ** (32 - range.prefix);
  if (size <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(size / 16)), 256);
}

/** portallocator.calculateRangeOffset: min(max(16, size/32), 128); 86 for 30000-32767. */
export function nodePortStaticBand(size: number): number {
  if (size <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(size / 32)), 128);
}

/** A sequential allocator over [first, last] that prefers [first + band, last], then [first, first + band). */
class BandedPool {
  private readonly taken = new Set<number>();
  private readonly bandEnd: number;
  private upper: number;
  private lower: number;

  constructor(
    readonly first: number,
    readonly last: number,
    band: number,
  ) {
    this.bandEnd = first + band;
    this.upper = this.bandEnd;
    this.lower = first;
  }

  has(value: number): boolean {
    return this.taken.has(value);
  }

  claim(value: number): void {
    this.taken.add(value);
  }

  next(): number | null {
    while (this.upper <= this.last && this.taken.has(this.upper)) this.upper++;
    if (this.upper <= this.last) {
      this.taken.add(this.upper);
      return this.upper++;
    }
    while (this.lower < this.bandEnd && this.taken.has(this.lower)) this.lower++;
    if (this.lower < this.bandEnd && this.lower <= this.last) {
      this.taken.add(this.lower);
      return this.lower++;
    }
    return null;
  }
}

export function allocateServices(
  inputs: readonly ServiceInput[],
  serviceSubnet: Cidr,
  diags: Diagnostics,
  nodePortRange: { readonly min: number; readonly max: number } = { min: NODE_PORT_MIN, max: NODE_PORT_MAX },
  /** Where the file writes the ranges (null: the default), for a Service Podpath adds itself. */
  rangePlaces: { readonly serviceSubnet: Place | null; readonly nodePortRange: Place | null } = {
    serviceSubnet: null,
    nodePortRange: null,
  },
): ServiceSpec[] {
  const portMin = nodePortRange.min;
  const portMax = nodePortRange.max;
  // The network and broadcast addresses are never handed out (ipallocator: "first and last are omitted").
  const ipFirst = serviceSubnet.network + 1;
  const ips = new BandedPool(ipFirst, broadcastOf(serviceSubnet) - 1, serviceIPStaticBand(serviceSubnet));
  const ports = new BandedPool(portMin, portMax, nodePortStaticBand(portMax - portMin + 1));

  // Pass 1: claim what the file asks for.
  for (const s of inputs) {
    if (s.clusterIP.kind === 'given') {
      const ip = s.clusterIP.ip;
      const text = formatIpv4(ip);
      if (!cidrContains(serviceSubnet, ip) || ip < ipFirst || ip > broadcastOf(serviceSubnet) - 1) {
        diags.error(
          s.clusterIP.place,
          `Invalid value: ${JSON.stringify(text)}: failed to allocate IP ${text}: the provided IP (${text}) is not in the valid range. The range of valid IPs is ${formatCidr(serviceSubnet)}`,
        );
      } else if (ips.has(ip)) {
        diags.error(
          s.clusterIP.place,
          `Invalid value: ${JSON.stringify(text)}: failed to allocate IP ${text}: provided IP is already allocated`,
        );
      } else ips.claim(ip);
    }
    const mine = new Map<number, Set<string>>();
    const claim = (port: number, protocol: string, place: typeof s.place): void => {
      if (port < portMin || port > portMax) {
        diags.error(
          place,
          `Invalid value: ${port}: provided port is not in the valid range. The range of valid ports is ${portMin}-${portMax}`,
        );
        return;
      }
      // One Service may reuse a node port across protocols (TCP and UDP DNS on one port); nothing else may.
      const protocols = mine.get(port);
      if (protocols !== undefined && !protocols.has(protocol)) {
        protocols.add(protocol);
        return;
      }
      if (ports.has(port)) {
        diags.error(place, `Invalid value: ${port}: provided port is already allocated`);
        return;
      }
      ports.claim(port);
      mine.set(port, new Set([protocol]));
    };
    for (const p of s.ports) if (p.nodePort !== 0) claim(p.nodePort, p.protocol, p.nodePortPlace);
    if (s.healthCheckNodePort !== 0 && s.needsHealthCheck)
      claim(s.healthCheckNodePort, 'health-check', s.healthCheckNodePortPlace);
  }

  // Pass 2: hand out the rest in document order.
  return inputs.map((s): ServiceSpec => {
    // A Service the cluster adds (kube-dns, ingress-nginx's) has no line: its errors point at the range
    // that could not hold it, and name it.
    const added = s.source.document < 0;
    const whose = added ? `Service ${s.namespace}/${s.name}, which the cluster adds: ` : '';
    let clusterIP: number | null = null;
    if (s.clusterIP.kind === 'given') clusterIP = s.clusterIP.ip;
    else if (s.clusterIP.kind === 'allocate') {
      clusterIP = ips.next();
      if (clusterIP === null)
        diags.error(
          (added && rangePlaces.serviceSubnet) || s.place,
          `${whose}failed to allocate a ClusterIP: the range ${formatCidr(serviceSubnet)} is full`,
        );
    }
    const wantsNodePorts = s.type === 'NodePort' || s.type === 'LoadBalancer';
    let portsFull = false; // said once per Service, not once per port
    const nextPort = (): number => {
      const port = ports.next();
      if (port === null && !portsFull && (portsFull = true))
        diags.error(
          (added && rangePlaces.nodePortRange) || s.place,
          `${whose}failed to allocate a node port: the range ${portMin}-${portMax} is full`,
        );
      return port ?? 0;
    };
    const servicePorts = s.ports.map((p): ServicePort => ({
      name: p.name,
      protocol: p.protocol,
      port: p.port,
      targetPort: p.targetPort,
      nodePort: !wantsNodePorts ? 0 : p.nodePort !== 0 ? p.nodePort : nextPort(),
    }));
    const healthCheckNodePort = !s.needsHealthCheck
      ? 0
      : s.healthCheckNodePort !== 0
        ? s.healthCheckNodePort
        : nextPort();
    return {
      namespace: s.namespace,
      name: s.name,
      type: s.type,
      clusterIP,
      ports: servicePorts,
      selector: s.selector,
      externalIPs: s.externalIPs,
      loadBalancerIPs: s.loadBalancerIPs,
      loadBalancerSourceRanges: s.loadBalancerSourceRanges,
      sessionAffinity: s.sessionAffinity,
      sessionAffinityTimeoutSeconds: s.sessionAffinityTimeoutSeconds,
      externalTrafficPolicy: s.externalTrafficPolicy,
      internalTrafficPolicy: s.internalTrafficPolicy,
      healthCheckNodePort,
      externalName: s.externalName,
      publishNotReadyAddresses: s.publishNotReadyAddresses,
      source: s.source,
    };
  });
}
