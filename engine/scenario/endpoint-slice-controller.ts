// What kube-controller-manager's EndpointSlice controller (pkg/controller/endpointslice) writes for
// Services with a selector, once pods have IPs. Followed closely:
//  - pods with no IP are left out; terminating pods stay in (ShouldPodBeInEndpoints(pod, true));
//  - conditions (podToEndpoint): serving = pod Ready, terminating = deletionTimestamp set,
//    ready = publishNotReadyAddresses || (serving && !terminating);
//  - hostname only when the pod's subdomain is this Service (ShouldSetHostname);
//  - ports (getEndpointPorts): one per Service port whose target resolves on the pod, a named targetPort
//    through the pod's container port of that name and protocol (FindPort); pods resolving differently
//    go to different slices, one slice per distinct port set;
//  - at most 100 endpoints per slice (--max-endpoints-per-slice default);
//  - a Service selecting nothing still gets one empty placeholder slice;
//  - ExternalName Services and Services without a selector get none.
// Names are `<service>-<5 characters>` like generateName's; the suffixes are drawn from a generator seeded
// by the Service's namespace and name, so they are the same on every run. Hand-written slices for a
// Service that also has a selector are kept alongside (kube-proxy merges every slice labelled with the
// Service name, whoever wrote it). Slices the file gives with the controller's own managed-by label (a
// dump of a running cluster) are what the controller wrote: none is derived beside them.
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type {
  Endpoint,
  EndpointPort,
  EndpointSliceSpec,
  PodSpec,
  Scenario,
  ServicePort,
  ServiceSpec,
} from '../model/scenario';
import { sha256ShortAscii } from '../hash/sha256-short';
import { SeededRandom } from '../random';
import { ENDPOINTSLICE_CONTROLLER } from './endpoint-slices';
import { SAFE_ALPHABET } from './pod-names';
import { podSelectorIndex } from './pod-selector-index';

export const MAX_ENDPOINTS_PER_SLICE = 100;

/** podutil.FindPort: the port number a Service port targets on this pod, or null when it has none. */
export function resolveTargetPort(pod: PodSpec, port: ServicePort): number | null {
  if (typeof port.targetPort === 'number') return port.targetPort;
  for (const p of pod.ports)
    if (p.name === port.targetPort && p.protocol === port.protocol) return p.containerPort;
  return null;
}

function endpointPorts(service: ServiceSpec, pod: PodSpec): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const port of service.ports) {
    const number = resolveTargetPort(pod, port);
    if (number !== null) out.push({ name: port.name, port: number, protocol: port.protocol });
  }
  return out;
}

function podEndpoint(
  service: ServiceSpec,
  pod: PodSpec,
  ip: number,
  zones: ReadonlyMap<string, string | null>,
): Endpoint {
  const serving = pod.ready;
  const terminating = pod.terminating;
  return {
    addresses: [ip],
    conditions: {
      ready: service.publishNotReadyAddresses || (serving && !terminating),
      serving,
      terminating,
    },
    nodeName: pod.nodeName,
    zone: zones.get(pod.nodeName) ?? null,
    hostname: pod.hostname !== null && pod.subdomain === service.name ? pod.hostname : null,
    targetPod: `${pod.namespace}/${pod.name}`,
    hintsForZones: null,
  };
}

class SliceNamer {
  private readonly random: SeededRandom;
  private readonly base: string;

  constructor(
    private readonly service: ServiceSpec,
    private readonly taken: Set<string>,
  ) {
    const seedText = `endpointslice/${service.namespace}/${service.name}`;
    // One hash per Service: the allocation-free short form when the text fits one block.
    const digest = sha256ShortAscii(seedText) ?? sha256(utf8ToBytes(seedText));
    this.random = new SeededRandom((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!);
    const base = `${service.name}-`;
    this.base = base.length > 58 ? base.slice(0, 58) : base;
  }

  next(): string {
    for (;;) {
      let suffix = '';
      for (let i = 0; i < 5; i++) suffix += SAFE_ALPHABET[this.random.int(0, SAFE_ALPHABET.length - 1)];
      const key = `${this.service.namespace}/${this.base}${suffix}`;
      if (!this.taken.has(key)) {
        this.taken.add(key);
        return this.base + suffix;
      }
    }
  }
}

/** Services whose slices the file gives as the controller wrote them (a `kubectl get -o yaml` dump). */
export function controllerWritten(slices: readonly EndpointSliceSpec[]): Set<string> {
  const services = new Set<string>();
  for (const s of slices)
    if (s.managedBy === ENDPOINTSLICE_CONTROLLER) services.add(`${s.namespace}/${s.serviceName}`);
  return services;
}

/** Pod addresses by key, and by the pod's index in the scenario's list when the map can say (cni's PodIPs). */
export type PodAddressLookup = ReadonlyMap<string, number> & {
  ofPod?(index: number): number | undefined;
};

export function deriveEndpointSlices(scenario: Scenario, podIPs: PodAddressLookup): EndpointSliceSpec[] {
  const ipOf = (i: number, pod: PodSpec): number | undefined =>
    podIPs.ofPod ? podIPs.ofPod(i) : podIPs.get(`${pod.namespace}/${pod.name}`);
  const index = podSelectorIndex(scenario.pods);
  const zones = new Map(scenario.nodes.map((n) => [n.name, n.zone]));
  const taken = new Set(scenario.endpointSlices.map((s) => `${s.namespace}/${s.name}`));
  const written = controllerWritten(scenario.endpointSlices);
  const slices: EndpointSliceSpec[] = [];
  for (const service of scenario.services) {
    if (service.selector === null || service.type === 'ExternalName') continue;
    if (written.has(`${service.namespace}/${service.name}`)) continue; // the dump's slices are the truth
    const namer = new SliceNamer(service, taken);
    // Group endpoints by their resolved port set, in the order pods appear.
    type Group = { ports: EndpointPort[]; endpoints: Endpoint[] };
    const groups = new Map<string, Group>();
    // Replicas of one Deployment share their ports array: resolve each distinct one once.
    const byContainerPorts = new Map<PodSpec['ports'], Group>();
    for (const i of index.select(service.namespace, service.selector)) {
      const pod = scenario.pods[i]!;
      const ip = ipOf(i, pod);
      if (ip === undefined) continue;
      let group = byContainerPorts.get(pod.ports);
      if (group === undefined) {
        const ports = endpointPorts(service, pod);
        const key = ports.map((p) => `${p.name ?? ''}/${p.port}/${p.protocol}`).join(',');
        group = groups.get(key);
        if (group === undefined) groups.set(key, (group = { ports, endpoints: [] }));
        byContainerPorts.set(pod.ports, group);
      }
      group.endpoints.push(podEndpoint(service, pod, ip, zones));
    }
    const make = (ports: EndpointPort[], endpoints: Endpoint[]): EndpointSliceSpec => ({
      namespace: service.namespace,
      name: namer.next(),
      serviceName: service.name,
      addressType: 'IPv4',
      endpoints,
      ports,
      explicit: false,
      source: service.source,
    });
    if (groups.size === 0) slices.push(make([], []));
    for (const { ports, endpoints } of groups.values()) {
      for (let start = 0; start < endpoints.length; start += MAX_ENDPOINTS_PER_SLICE) {
        slices.push(make(ports, endpoints.slice(start, start + MAX_ENDPOINTS_PER_SLICE)));
      }
    }
  }
  return slices;
}
