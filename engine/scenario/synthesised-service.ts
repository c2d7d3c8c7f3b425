// A Service Podpath adds by itself (default/kubernetes, kube-dns, the ingress-nginx controller's), with the
// defaults the API server fills in for a Service that does not set them: no affinity (timeout 10800 s),
// both traffic policies Cluster, no health-check node port.
import type { Protocol } from '../model/scenario';
import { SYNTHESISED, SYNTHESISED_SOURCE } from './addon-deployment';
import type { ServiceInput } from './services';
import type { ServicePortInput } from './service-ports';

type OwnFields = Pick<ServiceInput, 'namespace' | 'name' | 'type' | 'clusterIP' | 'ports' | 'selector'>;

export function synthesisedService(own: OwnFields & Partial<ServiceInput>): ServiceInput {
  return {
    externalIPs: [],
    loadBalancerIPs: [],
    loadBalancerSourceRanges: [],
    sessionAffinity: 'None',
    sessionAffinityTimeoutSeconds: 10800,
    externalTrafficPolicy: 'Cluster',
    internalTrafficPolicy: 'Cluster',
    needsHealthCheck: false,
    healthCheckNodePort: 0,
    healthCheckNodePortPlace: SYNTHESISED,
    externalName: null,
    publishNotReadyAddresses: false,
    place: SYNTHESISED,
    source: SYNTHESISED_SOURCE,
    ...own,
  };
}

/** One port of such a Service; the node port, when its type needs one, is allocated later. */
export function synthesisedPort(
  name: string,
  protocol: Protocol,
  port: number,
  targetPort: number | string,
): ServicePortInput {
  return {
    name,
    protocol,
    port,
    targetPort,
    nodePort: 0,
    nodePortPlace: SYNTHESISED,
    targetPortPlace: SYNTHESISED,
  };
}
