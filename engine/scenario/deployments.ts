// apps/v1 Deployments: the replica count and the pod template. The pods themselves are made by
// workloads.ts, which names and places them alongside bare Pods.
import type { SourceRef } from '../model/scenario';
import type { Place } from './diagnostics';
import { MAX_PODS } from './limits';
import { readMetadata } from './metadata';
import { dns1123SubdomainError } from './names';
import type { ObjectFields } from './object-fields';
import { podTemplateHash } from './pod-names';
import { readPodSpec, type PodSpecInput } from './pod-spec';

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

function sortedEntries(record: Readonly<Record<string, string>>): Array<[string, string]> {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * apps/v1 requires spec.selector and that it select the template (ValidateDeploymentSpec). A missing
 * selector is tolerated here, since a scenario is not an API request: the template's labels stand in.
 */
function checkSelector(spec: ObjectFields, templateLabels: Readonly<Record<string, string>>): void {
  const selector = spec.map('selector');
  const matchLabels = selector.stringMap('matchLabels');
  if (selector.has('matchExpressions'))
    selector.warning('matchExpressions', 'matchExpressions are not checked against the template');
  if (matchLabels === null) return;
  for (const [key, value] of Object.entries(matchLabels)) {
    if (templateLabels[key] !== value) {
      spec.map('template').map('metadata').error('labels', '`selector` does not match template `labels`');
      return;
    }
  }
}

export function readDeployment(object: ObjectFields): DeploymentInput | null {
  const meta = readMetadata(object, { namespaced: true, nameError: dns1123SubdomainError });
  const spec = object.map('spec');
  const replicas = spec.int('replicas', 0, MAX_PODS) ?? 1;
  const template = spec.map('template');
  const labels = template.map('metadata').stringMap('labels') ?? {};
  checkSelector(spec, labels);
  const podSpec = readPodSpec(template.map('spec'));
  if (meta === null) return null;
  // What the template says, not where it is written: moving the Deployment in the file keeps its names.
  const canonical = JSON.stringify({
    labels: sortedEntries(labels),
    nodeName: podSpec.nodeName?.name ?? null,
    ports: podSpec.ports,
    hostNetwork: podSpec.hostNetwork,
    hostname: podSpec.hostname,
    subdomain: podSpec.subdomain,
    // Written only when set, so templates that leave DNS alone keep the names they always had.
    ...(podSpec.dnsPolicy !== 'ClusterFirst' && { dnsPolicy: podSpec.dnsPolicy }),
    ...(podSpec.dnsConfig !== null && { dnsConfig: podSpec.dnsConfig }),
    ...(Object.keys(podSpec.nodeSelector).length > 0 && {
      nodeSelector: sortedEntries(podSpec.nodeSelector),
    }),
    ...(podSpec.tolerations.length > 0 && { tolerations: podSpec.tolerations }),
    ...(podSpec.hostAliases.length > 0 && { hostAliases: podSpec.hostAliases }),
  });
  const templateHash = podTemplateHash(canonical);
  return {
    namespace: meta.namespace,
    name: meta.name,
    replicas,
    replicasPlace: spec.place('replicas'),
    podLabels: { ...labels, 'pod-template-hash': templateHash },
    templateHash,
    spec: podSpec,
    place: meta.metadata.place('name'),
    source: meta.source,
  };
}
