// From Pods and workload controllers to the scenario's pods: unique names, Deployment replicas named like
// the ReplicaSet controller names them, StatefulSet pods by ordinal (statefulsets.ts), one DaemonSet pod per
// node that accepts it (daemonsets.ts), all placed by scheduler.ts (nodeSelector, taints and tolerations, and
// a placement that does not move when something else in the file changes). A dump's running pods are the
// truth: a controller whose pods the file holds creates no more.
import { formatIpv4 } from '../net/ipv4';
import type { PodSpec, SourceRef } from '../model/scenario';
import type { Diagnostics } from './diagnostics';
import { daemonPodName, type DaemonSetInput } from './daemonsets';
import type { DeploymentInput } from './deployments';
import { MAX_PODS } from './limits';
import { sourceRefOf } from './metadata';
import { HeldPodNames, PodNameGenerator } from './pod-names';
import type { PodInput } from './pods';
import type { PodSpecInput } from './pod-spec';
import { Scheduler, type SchedulingNode } from './scheduler';
import type { StatefulSetInput } from './statefulsets';

export type WorkloadInput =
  | { readonly kind: 'Pod'; readonly pod: PodInput }
  | { readonly kind: 'Deployment'; readonly deployment: DeploymentInput }
  | { readonly kind: 'StatefulSet'; readonly statefulSet: StatefulSetInput }
  | { readonly kind: 'DaemonSet'; readonly daemonSet: DaemonSetInput };

type Controller = DeploymentInput | StatefulSetInput | DaemonSetInput;

function controllerOf(w: WorkloadInput): Controller | null {
  switch (w.kind) {
    case 'Pod':
      return null;
    case 'Deployment':
      return w.deployment;
    case 'StatefulSet':
      return w.statefulSet;
    case 'DaemonSet':
      return w.daemonSet;
  }
}

/** `Kind namespace/name` of the controller that made a running pod of a dump, or null for a bare pod. */
function runningOwner(p: PodInput): string | null {
  const c = p.controller;
  if (c === null) return null;
  if (c.kind === 'StatefulSet' || c.kind === 'DaemonSet') return `${c.kind} ${p.namespace}/${c.name}`;
  if (c.kind !== 'ReplicaSet') return null;
  // The ReplicaSet of a Deployment is `<deployment>-<pod-template-hash>`.
  const cut = c.name.lastIndexOf('-');
  return cut > 0 ? `Deployment ${p.namespace}/${c.name.slice(0, cut)}` : null;
}

/** A pod made from a controller's template. */
function templatePod(
  namespace: string,
  name: string,
  nodeName: string,
  labels: Readonly<Record<string, string>>,
  spec: PodSpecInput,
  source: SourceRef,
  owner: { deployment: string } | { workload: string },
  identity: { hostname: string | null; subdomain: string | null } = spec,
): PodSpec {
  // Two literals rather than a spread: a Deployment's 150,000 replicas are made here, and a literal
  // is a fraction of the cost (the fields keep their order either way).
  if ('deployment' in owner)
    return {
      namespace,
      name,
      nodeName,
      labels,
      ports: spec.ports,
      ready: true,
      terminating: false,
      requestedIP: null,
      hostNetwork: spec.hostNetwork,
      hostname: identity.hostname,
      subdomain: identity.subdomain,
      dnsPolicy: spec.dnsPolicy,
      dnsConfig: spec.dnsConfig,
      hostAliases: spec.hostAliases,
      ownerDeployment: owner.deployment,
      source,
    };
  return {
    namespace,
    name,
    nodeName,
    labels,
    ports: spec.ports,
    ready: true,
    terminating: false,
    requestedIP: null,
    hostNetwork: spec.hostNetwork,
    hostname: identity.hostname,
    subdomain: identity.subdomain,
    dnsPolicy: spec.dnsPolicy,
    dnsConfig: spec.dnsConfig,
    hostAliases: spec.hostAliases,
    ownerDeployment: null,
    ownerWorkload: owner.workload,
    source,
  };
}

export function buildPods(
  workloads: readonly WorkloadInput[],
  nodes: readonly SchedulingNode[],
  diags: Diagnostics,
): PodSpec[] {
  const nodeNames = nodes.map((n) => n.name);
  const scheduler = new Scheduler(nodes);
  // Pod names held, per namespace: kept by name, so no `namespace/name` string is made per replica.
  const podNames = new Map<string, HeldPodNames>();
  const namesIn = (namespace: string): HeldPodNames => {
    let names = podNames.get(namespace);
    if (names === undefined) podNames.set(namespace, (names = new HeldPodNames()));
    return names;
  };
  const controllerKeys = new Set<string>();
  let total = 0;
  const accepted: WorkloadInput[] = [];
  // Bare pods claim their names first, so generated names step around them wherever they appear.
  for (const w of workloads) {
    if (w.kind === 'Pod') {
      const names = namesIn(w.pod.namespace);
      if (names.has(w.pod.name)) {
        diags.error(w.pod.place, `Pod "${w.pod.namespace}/${w.pod.name}" is defined twice`);
        continue;
      }
      names.add(w.pod.name);
      total++;
    } else {
      const c = controllerOf(w)!;
      const key = `${c.namespace}/${c.name}`;
      if (controllerKeys.has(`${w.kind} ${key}`)) {
        diags.error(c.place, `${w.kind} "${key}" is defined twice`);
        continue;
      }
      controllerKeys.add(`${w.kind} ${key}`);
      const count = 'replicas' in c ? c.replicas : scheduler.feasible(c.spec).length;
      if (total + count > MAX_PODS) {
        diags.error(
          'replicasPlace' in c ? c.replicasPlace : c.place,
          `the scenario would hold more than ${MAX_PODS} pods`,
        );
        continue;
      }
      total += count;
    }
    accepted.push(w);
  }

  const knownNodes = new Set(nodeNames);
  const reported = new Set<string>();
  const given = (nodeName: NonNullable<PodInput['nodeName']>): string => {
    if (!knownNodes.has(nodeName.name) && !reported.has(nodeName.name)) {
      reported.add(nodeName.name); // once, not once per replica
      diags.error(nodeName.place, `node "${nodeName.name}" not found in the scenario`);
    }
    return nodeName.name;
  };
  /** The node of replica `slot` of `key`, or null (with a warning, once per workload) when none fits. */
  const pending = new Set<string>();
  const schedule = (key: string, slot: number, spec: PodSpecInput, what: () => string): string | null => {
    if (spec.nodeName !== null) return given(spec.nodeName);
    const node = scheduler.place(key, slot, scheduler.feasible(spec));
    if (node === null && !pending.has(key) && pending.add(key)) {
      // An add-on's pods have no line: the taint that keeps them off the nodes is where to look.
      const added = spec.schedulingPlace.document < 0;
      diags.warning(
        (added && scheduler.blockingTaintPlace(spec)) || spec.schedulingPlace,
        `${what()}${added ? ', which the cluster adds,' : ''} stays Pending, so it has no address: ${scheduler.unschedulableReason(spec)}`,
      );
    }
    return node;
  };

  // Controllers (`Kind namespace/name`) whose running pods the file holds: they create no more.
  const running = new Set<string>();
  for (const w of accepted) {
    const owner = w.kind === 'Pod' ? runningOwner(w.pod) : null;
    if (owner !== null) running.add(owner);
  }

  const pods: PodSpec[] = [];
  const ipOwners = new Map<number, string>();
  for (const w of accepted) {
    if (w.kind === 'Pod') {
      const p = w.pod;
      const key = `${p.namespace}/${p.name}`;
      const nodeName = schedule(key, 0, p, () => `Pod "${key}"`);
      if (nodeName === null) continue;
      if (p.requestedIP !== null && !p.hostNetwork) {
        const other = ipOwners.get(p.requestedIP.ip);
        if (other !== undefined)
          diags.error(
            p.requestedIP.place,
            `podIP ${formatIpv4(p.requestedIP.ip)} is already the IP of pod "${other}"`,
          );
        else ipOwners.set(p.requestedIP.ip, key);
      }
      const owner = runningOwner(p);
      pods.push({
        namespace: p.namespace,
        name: p.name,
        nodeName,
        labels: p.labels,
        ports: p.ports,
        ready: p.ready,
        terminating: p.terminating,
        requestedIP: p.requestedIP?.ip ?? null,
        ...(p.requestedIP && {
          requestedIPSource: sourceRefOf(p.requestedIP.place),
        }),
        hostNetwork: p.hostNetwork,
        hostname: p.hostname,
        subdomain: p.subdomain,
        dnsPolicy: p.dnsPolicy,
        dnsConfig: p.dnsConfig,
        hostAliases: p.hostAliases,
        ownerDeployment: owner?.startsWith('Deployment ') ? owner.slice('Deployment '.length) : null,
        ...(owner !== null && !owner.startsWith('Deployment ') && { ownerWorkload: owner }),
        source: p.source,
      });
      continue;
    }
    const c = controllerOf(w)!;
    const key = `${c.namespace}/${c.name}`;
    if (running.has(`${w.kind} ${key}`)) continue;
    const held = namesIn(c.namespace);
    const taken = (name: string): boolean => held.has(name);
    if (w.kind === 'Deployment') {
      const d = w.deployment;
      const names = new PodNameGenerator(d.namespace, d.name, d.templateHash);
      for (let i = 0; i < d.replicas; i++) {
        const { name, slot, suffix } = names.next(held);
        const nodeName = schedule(key, slot, d.spec, () => `every replica of Deployment "${key}"`);
        if (nodeName === null) break;
        names.hold(held, suffix);
        pods.push(
          templatePod(d.namespace, name, nodeName, d.podLabels, d.spec, d.source, { deployment: key }),
        );
      }
    } else if (w.kind === 'StatefulSet') {
      pods.push(...statefulSetPods(w.statefulSet, taken, schedule, diags));
      for (let i = 0; i < w.statefulSet.replicas; i++)
        held.add(`${c.name}-${w.statefulSet.firstOrdinal + i}`);
    } else {
      const d = w.daemonSet;
      const feasible = scheduler
        .feasible(d.spec)
        .filter((n) => d.spec.nodeName === null || n.name === d.spec.nodeName.name);
      if (feasible.length === 0)
        diags.warning(
          d.spec.schedulingPlace,
          `DaemonSet "${key}" runs no pod: ${scheduler.unschedulableReason(d.spec)}`,
        );
      for (const node of feasible) {
        const name = daemonPodName(d, node.name, taken);
        held.add(name);
        pods.push(
          templatePod(d.namespace, name, node.name, d.podLabels, d.spec, d.source, {
            workload: `DaemonSet ${key}`,
          }),
        );
      }
    }
  }
  return pods;
}

/** Ordinal `i`'s pod `<set>-<i>`, placed at slot i; a name already held by a pod it does not own is skipped. */
function statefulSetPods(
  s: StatefulSetInput,
  taken: (name: string) => boolean,
  schedule: (key: string, slot: number, spec: PodSpecInput, what: () => string) => string | null,
  diags: Diagnostics,
): PodSpec[] {
  const key = `${s.namespace}/${s.name}`;
  const pods: PodSpec[] = [];
  for (let i = 0; i < s.replicas; i++) {
    const ordinal = s.firstOrdinal + i;
    const name = `${s.name}-${ordinal}`;
    if (taken(name)) {
      // The controller's create fails (AlreadyExists) and it will not adopt a pod another object owns.
      diags.warning(
        s.place,
        `Pod "${s.namespace}/${name}" already exists and is not one of StatefulSet "${key}"'s pods: the controller cannot create ordinal ${ordinal}`,
      );
      continue;
    }
    const nodeName = schedule(key, ordinal, s.spec, () => `every replica of StatefulSet "${key}"`);
    if (nodeName === null) break;
    const labels = {
      ...s.podLabels,
      'apps.kubernetes.io/pod-index': String(ordinal),
      'statefulset.kubernetes.io/pod-name': name,
    };
    pods.push(
      templatePod(
        s.namespace,
        name,
        nodeName,
        labels,
        s.spec,
        s.source,
        { workload: `StatefulSet ${key}` },
        { hostname: name, subdomain: s.serviceName },
      ),
    );
  }
  return pods;
}
