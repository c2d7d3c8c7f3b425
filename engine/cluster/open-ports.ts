// Which ports a pod's sockets listen on. In Kubernetes a containerPort is informational ("not specifying a
// port here DOES NOT prevent that port from being exposed", core/v1 Container.ports): nginx listens on 80
// whether or not the manifest says so. The model therefore opens, on each pod, its declared
// containerPorts plus every port an EndpointSlice lists it on (the port a Service or, through a Service,
// an Ingress targets it on, by number or by a name it declares). Every other port stays closed, so a
// connection to it is refused. A node's namespace listens where a slice lists the node's own address
// (the API server behind `default/kubernetes`, hostNetwork pods behind a Service).
import type { EndpointSliceSpec, PodSpec, Protocol } from '../model/scenario';

/** Why a socket is there, for the trace's sentence. */
export type ListenReason =
  | { readonly kind: 'containerPort' }
  | { readonly kind: 'service'; readonly service: string }
  | { readonly kind: 'apiserver' };

/** `tcp/80` → reason, per address (a pod's IP or a node's InternalIP). */
export class OpenPorts {
  private readonly byAddress = new Map<number, Map<string, ListenReason>>();

  constructor(
    pods: readonly PodSpec[],
    podIPs: ReadonlyMap<string, number>,
    slices: readonly EndpointSliceSpec[],
  ) {
    for (const pod of pods) {
      const ip = podIPs.get(`${pod.namespace}/${pod.name}`);
      if (ip === undefined) continue;
      for (const c of pod.ports) this.open(ip, c.protocol, c.containerPort, { kind: 'containerPort' });
    }
    for (const slice of slices) {
      if (slice.addressType !== 'IPv4') continue;
      // `default/kubernetes` lists the API servers: kube-apiserver itself listens there, on the host network.
      const reason: ListenReason =
        slice.namespace === 'default' && slice.serviceName === 'kubernetes'
          ? { kind: 'apiserver' }
          : { kind: 'service', service: `${slice.namespace}/${slice.serviceName}` };
      for (const endpoint of slice.endpoints)
        for (const address of endpoint.addresses)
          for (const port of slice.ports)
            if (port.port !== null) this.open(address, port.protocol, port.port, reason);
    }
  }

  private open(address: number, protocol: Protocol, port: number, reason: ListenReason): void {
    let ports = this.byAddress.get(address);
    if (ports === undefined) this.byAddress.set(address, (ports = new Map()));
    const key = `${protocol.toLowerCase()}/${port}`;
    if (!ports.has(key)) ports.set(key, reason); // a declared containerPort is the first reason given
  }

  reason(address: number, proto: string, port: number): ListenReason | null {
    return this.byAddress.get(address)?.get(`${proto}/${port}`) ?? null;
  }

  /** Every open `tcp/80`-style port at this address, sorted (the kernel lab starts a responder on each). */
  list(address: number): Array<{ protocol: Protocol; port: number }> {
    const ports = [...(this.byAddress.get(address)?.keys() ?? [])].map((k) => {
      const [proto, port] = k.split('/');
      return { protocol: proto!.toUpperCase() as Protocol, port: Number(port) };
    });
    return ports.sort((a, b) => a.port - b.port || (a.protocol < b.protocol ? -1 : 1));
  }
}

export function listenSentence(reason: ListenReason): string {
  if (reason.kind === 'apiserver') return 'kube-apiserver, behind Service default/kubernetes';
  return reason.kind === 'containerPort' ? '' : `Service ${reason.service} targets it on this port`;
}
