// Bare Pod objects: the spec, plus the status a scenario may pin (readiness, the pod IP) and
// metadata.deletionTimestamp, which marks a pod that is terminating but still serving.
import type { SourceRef } from '../model/scenario';
import type { Place } from './diagnostics';
import { readIpv4 } from './ip-fields';
import { readMetadata } from './metadata';
import { dns1123SubdomainError } from './names';
import type { ObjectFields } from './object-fields';
import { readPodSpec, type PodSpecInput } from './pod-spec';

export interface PodInput extends PodSpecInput {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly ready: boolean;
  readonly terminating: boolean;
  readonly requestedIP: { readonly ip: number; readonly place: Place } | null;
  /** metadata.ownerReferences' controller (a ReplicaSet, StatefulSet, DaemonSet…): a running pod in a dump. */
  readonly controller: { readonly kind: string; readonly name: string } | null;
  readonly place: Place;
  readonly source: SourceRef;
}

/** The `Ready` condition's status; a pod without one is taken as ready (the scenario did not say otherwise). */
function readReady(status: ObjectFields): boolean {
  for (const condition of status.mapList('conditions')) {
    if (condition.string('type') !== 'Ready') continue;
    const value = condition.oneOf('status', ['True', 'False', 'Unknown'], 'True');
    return value === 'True';
  }
  return true;
}

function readController(metadata: ObjectFields): PodInput['controller'] {
  for (const ref of metadata.mapList('ownerReferences')) {
    const kind = ref.string('kind');
    const name = ref.string('name');
    if (ref.bool('controller') === true && kind !== null && name !== null) return { kind, name };
  }
  return null;
}

export function readPod(object: ObjectFields): PodInput | null {
  const meta = readMetadata(object, { namespaced: true, nameError: dns1123SubdomainError });
  if (meta === null) return null;
  const status = object.map('status');
  const podIP = readIpv4(status, 'podIP');
  return {
    ...readPodSpec(object.map('spec')),
    namespace: meta.namespace,
    name: meta.name,
    labels: meta.labels,
    ready: readReady(status),
    terminating: meta.metadata.has('deletionTimestamp'),
    requestedIP: podIP === null ? null : { ip: podIP, place: status.place('podIP') },
    controller: readController(meta.metadata),
    place: meta.metadata.place('name'),
    source: meta.source,
  };
}
