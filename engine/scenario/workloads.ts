// From Pods and Deployments to the scenario's pods: unique names, Deployment replicas named like the
// ReplicaSet controller names them, and placed by scheduler.ts (nodeSelector, taints and tolerations, and
// a placement that does not move when something else in the file changes).
import { formatIpv4 } from '../net/ipv4';
import type { PodSpec } from '../model/scenario';
import type { Diagnostics } from './diagnostics';
import type { DeploymentInput } from './deployments';
import { MAX_PODS } from './limits';
import { sourceRefOf } from './metadata';
import { PodNameGenerator } from './pod-names';
import type { PodInput } from './pods';
import type { PodSpecInput } from './pod-spec';
import { Scheduler, type SchedulingNode } from './scheduler';

export type WorkloadInput =
  | { readonly kind: 'Pod'; readonly pod: PodInput }
  | { readonly kind: 'Deployment'; readonly deployment: DeploymentInput };

export function buildPods(
  workloads: readonly WorkloadInput[],
  nodes: readonly SchedulingNode[],
  diags: Diagnostics,
): PodSpec[] {
  const nodeNames = nodes.map((n) => n.name);
  const scheduler = new Scheduler(nodes);
  const podKeys = new Set<string>();
  const deploymentKeys = new Set<string>();
  let total = 0;
  const accepted: WorkloadInput[] = [];
  // Bare pods claim their names first, so generated names step around them wherever they appear.
  for (const w of workloads) {
    if (w.kind === 'Pod') {
      const key = `${w.pod.namespace}/${w.pod.name}`;
      if (podKeys.has(key)) {
        diags.error(w.pod.place, `Pod "${key}" is defined twice`);
        continue;
      }
      podKeys.add(key);
      total++;
    } else {
      const d = w.deployment;
      const key = `${d.namespace}/${d.name}`;
      if (deploymentKeys.has(key)) {
        diags.error(d.place, `Deployment "${key}" is defined twice`);
        continue;
      }
      deploymentKeys.add(key);
      if (total + d.replicas > MAX_PODS) {
        diags.error(d.replicasPlace, `the scenario would hold more than ${MAX_PODS} pods`);
        continue;
      }
      total += d.replicas;
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
  const schedule = (key: string, slot: number, spec: PodSpecInput, what: string): string | null => {
    if (spec.nodeName !== null) return given(spec.nodeName);
    const node = scheduler.place(key, slot, scheduler.feasible(spec));
    if (node === null && !pending.has(key) && pending.add(key))
      diags.warning(
        spec.schedulingPlace,
        `${what} stays Pending, so it has no address: ${scheduler.unschedulableReason(spec)}`,
      );
    return node;
  };

  // A dump holds the running pods of its Deployments: their ReplicaSet (`<deployment>-<pod-template-hash>`)
  // owns them, and the Deployment then creates no more (they are its replicas).
  const ownerOf = (p: PodInput): string | null => {
    const rs = p.controller?.kind === 'ReplicaSet' ? p.controller.name : null;
    const cut = rs === null ? -1 : rs.lastIndexOf('-');
    return cut > 0 ? `${p.namespace}/${rs!.slice(0, cut)}` : null;
  };
  const running = new Set<string>(); // Deployments (`namespace/name`) whose pods the file holds
  for (const w of accepted) {
    const owner = w.kind === 'Pod' ? ownerOf(w.pod) : null;
    if (owner !== null) running.add(owner);
  }

  const pods: PodSpec[] = [];
  const ipOwners = new Map<number, string>();
  for (const w of accepted) {
    if (w.kind === 'Pod') {
      const p = w.pod;
      const key = `${p.namespace}/${p.name}`;
      const nodeName = schedule(key, 0, p, `Pod "${key}"`);
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
        ownerDeployment: ownerOf(p),
        source: p.source,
      });
      continue;
    }
    const d = w.deployment;
    if (running.has(`${d.namespace}/${d.name}`)) continue;
    const names = new PodNameGenerator(d.namespace, d.name, d.templateHash);
    const taken = (name: string): boolean => podKeys.has(`${d.namespace}/${name}`);
    for (let i = 0; i < d.replicas; i++) {
      const { name, slot } = names.next(taken);
      const nodeName = schedule(
        `${d.namespace}/${d.name}`,
        slot,
        d.spec,
        `every replica of Deployment "${d.namespace}/${d.name}"`,
      );
      if (nodeName === null) break;
      podKeys.add(`${d.namespace}/${name}`);
      pods.push({
        namespace: d.namespace,
        name,
        nodeName,
        labels: d.podLabels,
        ports: d.spec.ports,
        ready: true,
        terminating: false,
        requestedIP: null,
        hostNetwork: d.spec.hostNetwork,
        hostname: d.spec.hostname,
        subdomain: d.spec.subdomain,
        dnsPolicy: d.spec.dnsPolicy,
        dnsConfig: d.spec.dnsConfig,
        hostAliases: d.spec.hostAliases,
        ownerDeployment: `${d.namespace}/${d.name}`,
        source: d.source,
      });
    }
  }
  return pods;
}
