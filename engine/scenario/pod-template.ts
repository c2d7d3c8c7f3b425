// spec.template of an apps/v1 workload (Deployment, StatefulSet, DaemonSet): its labels, its pod spec, the
// selector check the API server makes, and a hash of what the template says (not where it is written), from
// which the controllers' template-hash labels and pod names are drawn.
import type { ObjectFields } from './object-fields';
import { podTemplateHash } from './pod-names';
import { readPodSpec, type PodSpecInput } from './pod-spec';

export interface PodTemplateInput {
  readonly labels: Readonly<Record<string, string>>;
  readonly spec: PodSpecInput;
  /** 10 characters of kube's safe alphabet, the shape of `pod-template-hash` and `controller-revision-hash`. */
  readonly hash: string;
}

function sortedEntries(record: Readonly<Record<string, string>>): Array<[string, string]> {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * apps/v1 requires spec.selector and that it select the template (ValidateDeploymentSpec and its
 * StatefulSet and DaemonSet twins). A missing selector is tolerated here, since a scenario is not an API
 * request: the template's labels stand in.
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

/** Reads `spec.template` (and checks `spec.selector`) of a workload's spec. */
export function readPodTemplate(spec: ObjectFields): PodTemplateInput {
  const template = spec.map('template');
  const labels = template.map('metadata').stringMap('labels') ?? {};
  checkSelector(spec, labels);
  const podSpec = readPodSpec(template.map('spec'));
  // What the template says, not where it is written: moving the workload in the file keeps its names.
  const canonical = JSON.stringify({
    labels: sortedEntries(labels),
    nodeName: podSpec.nodeName?.name ?? null,
    ports: podSpec.ports,
    hostNetwork: podSpec.hostNetwork,
    hostname: podSpec.hostname,
    subdomain: podSpec.subdomain,
    // Written only when set, so templates that leave these alone keep the names they always had.
    ...(podSpec.dnsPolicy !== 'ClusterFirst' && { dnsPolicy: podSpec.dnsPolicy }),
    ...(podSpec.dnsConfig !== null && { dnsConfig: podSpec.dnsConfig }),
    ...(Object.keys(podSpec.nodeSelector).length > 0 && {
      nodeSelector: sortedEntries(podSpec.nodeSelector),
    }),
    ...(podSpec.tolerations.length > 0 && { tolerations: podSpec.tolerations }),
    ...(podSpec.hostAliases.length > 0 && { hostAliases: podSpec.hostAliases }),
  });
  return { labels, spec: podSpec, hash: podTemplateHash(canonical) };
}
