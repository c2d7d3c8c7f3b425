// A Service the cluster adds (kube-dns, the ingress-nginx controller's) has no line of its own. When it
// selects no pod, the warning points at what emptied it: the file's own copy of the add-on whose pods its
// selector does not match, or the taint that keeps the add-on's pods Pending on every node, or (for the
// controller) the Ingress that brought the add-on in.
import {
  COREDNS_NAME,
  COREDNS_NAMESPACE,
  corednsDeployment,
  KUBE_DNS_LABEL,
  KUBE_DNS_SERVICE,
} from './coredns-addon';
import type { Place } from './diagnostics';
import {
  INGRESS_NGINX_CONTROLLER,
  INGRESS_NGINX_NAMESPACE,
  ingressNginxDeployment,
} from './ingress-nginx-addon';
import { Scheduler, type SchedulingNode } from './scheduler';
import type { WorkloadInput } from './workloads';

/** The file's own workload of an add-on (its Deployment or DaemonSet), else its first pod with the label. */
function fileAddonPlace(
  workloads: readonly WorkloadInput[],
  namespace: string,
  name: string,
  label: readonly [string, string],
): Place | null {
  for (const w of workloads) {
    if (w.kind === 'Deployment' && w.deployment.namespace === namespace && w.deployment.name === name)
      return w.deployment.place.document >= 0 ? w.deployment.place : null;
    if (w.kind === 'DaemonSet' && w.daemonSet.namespace === namespace && w.daemonSet.name === name)
      return w.daemonSet.place;
  }
  for (const w of workloads)
    if (w.kind === 'Pod' && w.pod.namespace === namespace && w.pod.labels[label[0]] === label[1])
      return w.pod.place;
  return null;
}

export interface AddedServiceContext {
  readonly workloads: readonly WorkloadInput[];
  readonly nodes: readonly SchedulingNode[];
  /** The file runs CoreDNS itself (its Deployment or its pods). */
  readonly ownsCoreDns: boolean;
  /** The file runs the ingress-nginx controller itself, and where (namespace, workload name). */
  readonly controller: {
    readonly owned: boolean;
    readonly namespace: string;
    readonly workload: string;
  } | null;
  /** The first Ingress, which made the cluster add ingress-nginx. */
  readonly ingressPlace: Place | null;
}

/** `namespace/name` of each added Service → where its "selects no pod" warning goes. */
export function addedServiceCauses(ctx: AddedServiceContext): Map<string, Place> {
  const causes = new Map<string, Place>();
  const scheduler = new Scheduler(ctx.nodes);
  const dns = ctx.ownsCoreDns
    ? fileAddonPlace(ctx.workloads, COREDNS_NAMESPACE, COREDNS_NAME, ['k8s-app', KUBE_DNS_LABEL['k8s-app']])
    : scheduler.blockingTaintPlace(corednsDeployment().spec);
  if (dns !== null) causes.set(`${COREDNS_NAMESPACE}/${KUBE_DNS_SERVICE}`, dns);
  const c = ctx.controller;
  if (c !== null) {
    const place = c.owned
      ? fileAddonPlace(ctx.workloads, c.namespace, c.workload, ['app.kubernetes.io/component', 'controller'])
      : scheduler.blockingTaintPlace(ingressNginxDeployment().spec);
    const cause = place ?? ctx.ingressPlace;
    if (cause !== null) causes.set(`${INGRESS_NGINX_NAMESPACE}/${INGRESS_NGINX_CONTROLLER}`, cause);
  }
  return causes;
}
