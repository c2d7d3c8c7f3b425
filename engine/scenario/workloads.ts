// From Pods and Deployments to the scenario's pods: unique names, Deployment replicas named like the
// ReplicaSet controller names them, and a stand-in for the scheduler. The scheduler is replaced by
// round-robin: pods without spec.nodeName take turns over the nodes in document order, bare Pods and
// Deployment replicas alike, in the order they appear in the file.
import { formatIpv4 } from '../net/ipv4';
import type { PodSpec } from '../model/scenario';
import type { Diagnostics } from './diagnostics';
import type { DeploymentInput } from './deployments';
import { MAX_PODS } from './limits';
import { PodNameGenerator } from './pod-names';
import type { PodInput } from './pods';

export type WorkloadInput =
  | { readonly kind: 'Pod'; readonly pod: PodInput }
  | { readonly kind: 'Deployment'; readonly deployment: DeploymentInput };

export function buildPods(
  workloads: readonly WorkloadInput[],
  nodeNames: readonly string[],
  diags: Diagnostics,
): PodSpec[] {
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
  let turn = 0;
  const place = (nodeName: PodInput['nodeName']): string => {
    if (nodeName === null) return nodeNames[turn++ % nodeNames.length]!;
    if (!knownNodes.has(nodeName.name) && !reported.has(nodeName.name)) {
      reported.add(nodeName.name); // once, not once per replica
      diags.error(nodeName.place, `node "${nodeName.name}" not found in the scenario`);
    }
    return nodeName.name;
  };

  const pods: PodSpec[] = [];
  const ipOwners = new Map<number, string>();
  for (const w of accepted) {
    if (w.kind === 'Pod') {
      const p = w.pod;
      const key = `${p.namespace}/${p.name}`;
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
        nodeName: place(p.nodeName),
        labels: p.labels,
        ports: p.ports,
        ready: p.ready,
        terminating: p.terminating,
        requestedIP: p.requestedIP?.ip ?? null,
        ...(p.requestedIP && {
          requestedIPSource: {
            document: p.requestedIP.place.document,
            line: p.requestedIP.place.line,
            column: p.requestedIP.place.column,
          },
        }),
        hostNetwork: p.hostNetwork,
        hostname: p.hostname,
        subdomain: p.subdomain,
        dnsPolicy: p.dnsPolicy,
        dnsConfig: p.dnsConfig,
        ownerDeployment: null,
        source: p.source,
      });
      continue;
    }
    const d = w.deployment;
    const names = new PodNameGenerator(d.namespace, d.name, d.templateHash);
    const taken = (name: string): boolean => podKeys.has(`${d.namespace}/${name}`);
    for (let i = 0; i < d.replicas; i++) {
      const name = names.next(taken);
      podKeys.add(`${d.namespace}/${name}`);
      pods.push({
        namespace: d.namespace,
        name,
        nodeName: place(d.spec.nodeName),
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
        ownerDeployment: `${d.namespace}/${d.name}`,
        source: d.source,
      });
    }
  }
  return pods;
}
