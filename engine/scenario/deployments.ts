// apps/v1 Deployments: the replica count and the pod template. The pods themselves are made by
// workloads.ts, which names and places them alongside bare Pods.
import type { SourceRef } from '../model/scenario';
import type { Place } from './diagnostics';
import { MAX_PODS } from './limits';
import { readMetadata } from './metadata';
import { dns1123SubdomainError } from './names';
import type { ObjectFields } from './object-fields';
import type { PodSpecInput } from './pod-spec';
import { readPodTemplate } from './pod-template';

export interface DeploymentInput {
  readonly namespace: string;
  readonly name: string;
  readonly replicas: number;
  readonly replicasPlace: Place;
  /** Template labels plus `pod-template-hash`, as the ReplicaSet controller labels its pods. */
  readonly podLabels: Readonly<Record<string, string>>;
  readonly templateHash: string;
  readonly spec: PodSpecInput;
  readonly place: Place;
  readonly source: SourceRef;
}

export function readDeployment(object: ObjectFields): DeploymentInput | null {
  const meta = readMetadata(object, { namespaced: true, nameError: dns1123SubdomainError });
  const spec = object.map('spec');
  const replicas = spec.int('replicas', 0, MAX_PODS) ?? 1;
  const template = readPodTemplate(spec);
  if (meta === null) return null;
  return {
    namespace: meta.namespace,
    name: meta.name,
    replicas,
    replicasPlace: spec.place('replicas'),
    podLabels: { ...template.labels, 'pod-template-hash': template.hash },
    templateHash: template.hash,
    spec: template.spec,
    place: meta.metadata.place('name'),
    source: meta.source,
  };
}
