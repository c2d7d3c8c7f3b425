// v1 Endpoints, which many charts still ship for a Service without a selector, mirrored into EndpointSlices
// as kube-controller-manager's EndpointSliceMirroring controller does (pkg/controller/endpointslicemirroring):
//  - only for a Service that exists and has no selector (the EndpointSlice controller owns the others);
//  - not when the Endpoints carry `endpointslice.kubernetes.io/skip-mirror: "true"` (kube-apiserver's own
//    `default/kubernetes` Endpoints do);
//  - one slice per subset, `addresses` ready and `notReadyAddresses` not ready, ports as the subset has them;
//  - labelled `endpointslice.kubernetes.io/managed-by: endpointslicemirroring-controller.k8s.io`, so a dump
//    that already holds the mirrored slices is not mirrored twice.
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { Endpoint, EndpointPort, EndpointSliceSpec } from '../model/scenario';
import { SeededRandom } from '../random';
import type { Place } from './diagnostics';
import { ipv4OrReport } from './ip-fields';
import { readMetadata } from './metadata';
import { dns1123SubdomainError } from './names';
import type { ObjectFields } from './object-fields';
import { SAFE_ALPHABET } from './pod-names';
import { PROTOCOLS } from './pod-spec';

export const MIRRORING_CONTROLLER = 'endpointslicemirroring-controller.k8s.io';
const SKIP_MIRROR_LABEL = 'endpointslice.kubernetes.io/skip-mirror';

export interface EndpointsInput {
  readonly namespace: string;
  readonly name: string;
  readonly skipMirror: boolean;
  readonly subsets: ReadonlyArray<{ endpoints: Endpoint[]; ports: EndpointPort[] }>;
  readonly place: Place;
  readonly source: EndpointSliceSpec['source'];
}

function readAddresses(subset: ObjectFields, key: string, ready: boolean, namespace: string): Endpoint[] {
  const out: Endpoint[] = [];
  for (const a of subset.mapList(key)) {
    const text = a.string('ip');
    if (text === null) {
      a.error('ip', 'Required value');
      continue;
    }
    const ip = ipv4OrReport(a.ctx.diags, a.place('ip'), text);
    if (ip === null) continue;
    const ref = a.map('targetRef');
    const podName = ref.string('kind') === 'Pod' ? ref.string('name') : null;
    out.push({
      addresses: [ip],
      conditions: { ready, serving: ready, terminating: null },
      nodeName: a.string('nodeName'),
      zone: null,
      hostname: a.string('hostname'),
      targetPod: podName === null ? null : `${ref.string('namespace') ?? namespace}/${podName}`,
      hintsForZones: null,
    });
  }
  return out;
}

export function readEndpoints(object: ObjectFields): EndpointsInput | null {
  const meta = readMetadata(object, { namespaced: true, nameError: dns1123SubdomainError });
  if (meta === null) return null;
  const subsets = object.mapList('subsets').map((subset) => ({
    endpoints: [
      ...readAddresses(subset, 'addresses', true, meta.namespace),
      ...readAddresses(subset, 'notReadyAddresses', false, meta.namespace),
    ],
    ports: subset.mapList('ports').map((p) => ({
      name: p.string('name') || null,
      port: p.int('port', 1, 65535),
      protocol: p.oneOf('protocol', PROTOCOLS, 'TCP'),
    })),
  }));
  return {
    namespace: meta.namespace,
    name: meta.name,
    skipMirror: meta.labels[SKIP_MIRROR_LABEL] === 'true',
    subsets,
    place: meta.metadata.place('name'),
    source: meta.source,
  };
}

/** The slices the mirroring controller writes for these Endpoints (the caller checks the Service). */
export function mirrorEndpoints(e: EndpointsInput, taken: Set<string>): EndpointSliceSpec[] {
  const digest = sha256(utf8ToBytes(`endpointslicemirroring/${e.namespace}/${e.name}`));
  const random = new SeededRandom((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!);
  const base = `${e.name}-`.slice(0, 58);
  const nextName = (): string => {
    for (;;) {
      let suffix = '';
      for (let i = 0; i < 5; i++) suffix += SAFE_ALPHABET[random.int(0, SAFE_ALPHABET.length - 1)];
      if (!taken.has(`${e.namespace}/${base}${suffix}`)) {
        taken.add(`${e.namespace}/${base}${suffix}`);
        return base + suffix;
      }
    }
  };
  return e.subsets
    .filter((s) => s.endpoints.length > 0)
    .map((s) => ({
      namespace: e.namespace,
      name: nextName(),
      serviceName: e.name,
      addressType: 'IPv4' as const,
      endpoints: s.endpoints,
      ports: s.ports,
      explicit: true,
      managedBy: MIRRORING_CONTROLLER,
      source: e.source,
    }));
}
