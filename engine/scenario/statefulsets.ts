// apps/v1 StatefulSets, as the StatefulSet controller makes their pods (pkg/controller/statefulset
// stateful_set_utils.go newStatefulSetPod, initIdentity, updateIdentity): one pod per ordinal, named
// `<set>-<ordinal>` from spec.ordinals.start (0), labelled with the template's labels plus
// `controller-revision-hash: <set>-<hash>`, `statefulset.kubernetes.io/pod-name: <pod>` and
// `apps.kubernetes.io/pod-index: <ordinal>` (the PodIndexLabel gate, on since 1.28), with hostname the pod's
// name and subdomain spec.serviceName, whatever the template says. spec.serviceName is optional
// (kubernetes/kubernetes#130233 marked it so and validates it as a DNS-1123 label): without it the pods get
// no subdomain, so no per-pod DNS name.
import type { SourceRef } from '../model/scenario';
import type { Place } from './diagnostics';
import { MAX_PODS } from './limits';
import { readMetadata } from './metadata';
import { dns1123LabelError, invalidValue } from './names';
import type { ObjectFields } from './object-fields';
import type { PodSpecInput } from './pod-spec';
import { readPodTemplate } from './pod-template';

export interface StatefulSetInput {
  readonly namespace: string;
  readonly name: string;
  readonly replicas: number;
  readonly replicasPlace: Place;
  /** spec.ordinals.start: the first ordinal (0 unless set). */
  readonly firstOrdinal: number;
  /** spec.serviceName, the governing Service and the pods' subdomain; null when unset. */
  readonly serviceName: string | null;
  readonly serviceNamePlace: Place;
  /** Template labels plus `controller-revision-hash`; each pod adds its name and index. */
  readonly podLabels: Readonly<Record<string, string>>;
  readonly spec: PodSpecInput;
  readonly place: Place;
  readonly source: SourceRef;
}

export function readStatefulSet(object: ObjectFields): StatefulSetInput | null {
  // ValidateStatefulSetName: a DNS-1123 label, since the name is also the start of each pod's hostname.
  const meta = readMetadata(object, { namespaced: true, nameError: dns1123LabelError });
  const spec = object.map('spec');
  const replicas = spec.int('replicas', 0, MAX_PODS) ?? 1;
  const firstOrdinal = spec.map('ordinals').int('start', 0, 2 ** 31 - 1) ?? 0;
  let serviceName = spec.string('serviceName');
  if (serviceName === '') serviceName = null;
  if (serviceName !== null) {
    const reason = dns1123LabelError(serviceName);
    if (reason !== null) {
      spec.error('serviceName', invalidValue(serviceName, reason));
      serviceName = null;
    }
  }
  const template = readPodTemplate(spec);
  if (meta === null) return null;
  if (serviceName === null && !spec.has('serviceName'))
    spec.warning(
      undefined,
      `note: StatefulSet "${meta.name}" has no spec.serviceName, so its pods get no subdomain and no per-pod DNS name (${meta.name}-0.<service>.${meta.namespace}.svc…)`,
    );
  return {
    namespace: meta.namespace,
    name: meta.name,
    replicas,
    replicasPlace: spec.place('replicas'),
    firstOrdinal,
    serviceName,
    serviceNamePlace: spec.has('serviceName') ? spec.place('serviceName') : spec.place(),
    podLabels: { ...template.labels, 'controller-revision-hash': `${meta.name}-${template.hash}` },
    spec: template.spec,
    place: meta.metadata.place('name'),
    source: meta.source,
  };
}
