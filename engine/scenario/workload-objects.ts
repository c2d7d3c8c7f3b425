// The file's Pods, Deployments, StatefulSets and DaemonSets read into workload inputs, and the questions the
// cluster builder asks of them: does the file already hold an add-on, and do StatefulSets have the Service
// that gives their pods DNS names.
import type { Diagnostics } from './diagnostics';
import { readDaemonSet } from './daemonsets';
import { readDeployment } from './deployments';
import { readPod } from './pods';
import type { SourceObject } from './source-objects';
import { readStatefulSet } from './statefulsets';
import type { WorkloadInput } from './workloads';

export function readWorkloads(objects: readonly SourceObject[]): WorkloadInput[] {
  const workloads: WorkloadInput[] = [];
  for (const o of objects) {
    if (o.kind === 'Pod') {
      const pod = readPod(o.fields);
      if (pod !== null) workloads.push({ kind: 'Pod', pod });
    } else if (o.kind === 'Deployment') {
      const deployment = readDeployment(o.fields);
      if (deployment !== null) workloads.push({ kind: 'Deployment', deployment });
    } else if (o.kind === 'StatefulSet') {
      const statefulSet = readStatefulSet(o.fields);
      if (statefulSet !== null) workloads.push({ kind: 'StatefulSet', statefulSet });
    } else {
      const daemonSet = readDaemonSet(o.fields);
      if (daemonSet !== null) workloads.push({ kind: 'DaemonSet', daemonSet });
    }
  }
  return workloads;
}

/** Whether the file installs an add-on itself: its Deployment `namespace/name`, or pods with its label. */
export function holdsAddon(
  workloads: readonly WorkloadInput[],
  namespace: string,
  deployment: string,
  label: readonly [string, string],
): boolean {
  return workloads.some((w) =>
    w.kind === 'Deployment'
      ? w.deployment.namespace === namespace && w.deployment.name === deployment
      : w.kind === 'Pod' && w.pod.namespace === namespace && w.pod.labels[label[0]] === label[1],
  );
}

/**
 * A StatefulSet's pods have `<pod>.<serviceName>.<ns>.svc.<zone>` names only while that Service exists
 * and selects them (CoreDNS answers from its endpoints' hostnames): say so when the file lacks it.
 */
export function warnMissingGoverningServices(
  workloads: readonly WorkloadInput[],
  serviceKeys: ReadonlySet<string>,
  diags: Diagnostics,
): void {
  for (const w of workloads) {
    if (w.kind !== 'StatefulSet' || w.statefulSet.serviceName === null) continue;
    const s = w.statefulSet;
    if (!serviceKeys.has(`${s.namespace}/${s.serviceName}`))
      diags.warning(
        s.serviceNamePlace,
        `no Service "${s.namespace}/${s.serviceName}" in the scenario: the pods' names ${s.name}-${s.firstOrdinal}.${s.serviceName}.${s.namespace}.svc… do not resolve (a headless Service of that name selecting them gives them DNS records)`,
      );
  }
}
