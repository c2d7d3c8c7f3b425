// The peers of an ingress-nginx upstream: the Service's ready endpoints from its EndpointSlices, pod IP
// and target port, not the ClusterIP (controller/endpointslices.go getEndpointsFromSlices); or the single
// ClusterIP:port with `nginx.ingress.kubernetes.io/service-upstream: "true"`. The Lua balancer's round
// robin starts at a random peer in each worker, so the first request's peer is drawn from the seed.
import type { EndpointSliceSpec, ServiceSpec } from '../model/scenario';
import { formatIpv4 } from '../net/ipv4';
import type { UpstreamRef } from './nginx-servers';

export interface Peer {
  readonly ip: number;
  readonly port: number;
  /** `namespace/name` of the pod behind it (targetRef), when known. */
  readonly pod: string | null;
}

export interface UpstreamPeers {
  /** ingress-nginx's upstream name: `<namespace>-<service>-<port>`. */
  readonly name: string;
  readonly service: ServiceSpec | null;
  readonly peers: readonly Peer[];
  /** Why there are no peers, when there are none. */
  readonly why: string | null;
}

export interface UpstreamDirectory {
  service(namespace: string, name: string): ServiceSpec | undefined;
  readonly endpointSlices: readonly EndpointSliceSpec[];
}

export function upstreamPeers(dir: UpstreamDirectory, ref: UpstreamRef & { kind: 'service' }): UpstreamPeers {
  const name = `${ref.namespace}-${ref.service}-${ref.port}`;
  const svc = dir.service(ref.namespace, ref.service) ?? null;
  if (!svc)
    return { name, service: null, peers: [], why: `Service ${ref.namespace}/${ref.service} not found` };
  const port =
    typeof ref.port === 'number'
      ? svc.ports.find((p) => p.port === ref.port)
      : svc.ports.find((p) => p.name === ref.port);
  if (!port)
    return {
      name,
      service: svc,
      peers: [],
      why: `Service ${ref.namespace}/${ref.service} has no port ${ref.port}`,
    };
  if (svc.type === 'ExternalName')
    return {
      name,
      service: svc,
      peers: [],
      why: `Service ${ref.namespace}/${ref.service} is ExternalName (${svc.externalName ?? ''}), which is not simulated`,
    };
  if (ref.serviceUpstream) {
    if (svc.clusterIP === null)
      return {
        name,
        service: svc,
        peers: [],
        why: `Service ${ref.namespace}/${ref.service} has no ClusterIP for service-upstream`,
      };
    return { name, service: svc, peers: [{ ip: svc.clusterIP, port: port.port, pod: null }], why: null };
  }
  const peers = new Map<string, Peer>();
  for (const slice of dir.endpointSlices) {
    if (
      slice.namespace !== ref.namespace ||
      slice.serviceName !== ref.service ||
      slice.addressType !== 'IPv4'
    )
      continue;
    const slicePort = slice.ports.find(
      (p) => (p.name ?? '') === (port.name ?? '') && p.protocol === port.protocol,
    );
    if (!slicePort || slicePort.port === null) continue;
    for (const e of slice.endpoints) {
      if (e.conditions.ready === false) continue;
      const ip = e.addresses[0];
      if (ip === undefined) continue;
      peers.set(`${formatIpv4(ip)}:${slicePort.port}`, { ip, port: slicePort.port, pod: e.targetPod });
    }
  }
  const sorted = [...peers.values()].sort((a, b) => a.ip - b.ip || a.port - b.port);
  return {
    name,
    service: svc,
    peers: sorted,
    why: sorted.length === 0 ? `Service ${ref.namespace}/${ref.service} has no ready endpoints` : null,
  };
}
