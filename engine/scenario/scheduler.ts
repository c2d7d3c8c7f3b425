// A stand-in for kube-scheduler, kept to what decides where a pod can run: spec.nodeSelector and the
// nodes' NoSchedule/NoExecute taints against the pod's tolerations (the NodeAffinity and TaintToleration
// filter plugins). Among the nodes that pass, the real scheduler scores and picks; here each workload
// spreads its replicas over them in turn from a starting node drawn from the workload's own name. So
// placement is deterministic, a workload's replicas spread like the default topology spreading does, and
// scaling one Deployment never moves another's pods: nothing depends on what else is in the file.
import type { NodeSpec, Taint } from '../model/scenario';
import type { Place } from './diagnostics';
import type { Toleration } from './pod-spec';

export interface SchedulingNode {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
  /** Where each taint is written in the file, when it is. */
  readonly taintPlaces?: readonly Place[];
}

/** v1helper.Toleration.ToleratesTaint (k8s.io/api/core/v1/toleration.go). */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect !== '' && t.effect !== taint.effect) return false;
  if (t.key !== '' && t.key !== taint.key) return false;
  // An empty key with operator Exists matches every taint.
  if (t.operator === 'Exists') return true;
  return t.value === taint.value;
}

export interface PodConstraints {
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly tolerations: readonly Toleration[];
}

function untoleratedTaintIndex(node: SchedulingNode, pod: PodConstraints): number {
  return node.taints.findIndex(
    // PreferNoSchedule is a preference only, never filters.
    (taint) => taint.effect !== 'PreferNoSchedule' && !pod.tolerations.some((t) => tolerates(t, taint)),
  );
}

function untoleratedTaint(node: SchedulingNode, pod: PodConstraints): Taint | null {
  return node.taints[untoleratedTaintIndex(node, pod)] ?? null;
}

function selectorMatches(node: SchedulingNode, pod: PodConstraints): boolean {
  for (const [key, value] of Object.entries(pod.nodeSelector)) if (node.labels[key] !== value) return false;
  return true;
}

/** FNV-1a over the name: a stable starting node per workload. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Scheduler {
  /** Pods with the same constraints (most have none) share one filtered list: 150,000 pods × 5,000 nodes. */
  private readonly feasibleByConstraints = new Map<string, SchedulingNode[]>();

  constructor(private readonly nodes: readonly SchedulingNode[]) {}

  /** The nodes this pod may run on, in the file's order. */
  feasible(pod: PodConstraints): readonly SchedulingNode[] {
    const key =
      pod.tolerations.length === 0 && Object.keys(pod.nodeSelector).length === 0
        ? ''
        : JSON.stringify([pod.nodeSelector, pod.tolerations]);
    let nodes = this.feasibleByConstraints.get(key);
    if (nodes === undefined) {
      nodes = this.nodes.filter((n) => selectorMatches(n, pod) && untoleratedTaint(n, pod) === null);
      this.feasibleByConstraints.set(key, nodes);
    }
    return nodes;
  }

  /**
   * Where replica `index` of workload `key` (`namespace/name`) runs, or null when no node fits. A Deployment
   * scaled from 3 to 4 keeps replicas 0–2 where they were and adds replica 3.
   */
  place(key: string, index: number, feasible: readonly SchedulingNode[]): string | null {
    if (feasible.length === 0) return null;
    return feasible[(fnv1a(key) + index) % feasible.length]!.name;
  }

  /**
   * Where the file says what keeps this pod off every node: the first (in file order) written taint it
   * does not tolerate. For a pod with no line of its own (an add-on's), so its Pending warning has one.
   */
  blockingTaintPlace(pod: PodConstraints): Place | null {
    for (const n of this.nodes) {
      const place = n.taintPlaces?.[untoleratedTaintIndex(n, pod)];
      if (place !== undefined && place.document >= 0) return place;
    }
    return null;
  }

  /** kube-scheduler's FailedScheduling text: "0/3 nodes are available: 1 node(s) had untolerated taint …". */
  unschedulableReason(pod: PodConstraints): string {
    const reasons = new Map<string, number>();
    for (const n of this.nodes) {
      // Each node reports the first filter that fails it; TaintToleration runs before NodeAffinity in the
      // default profile (pkg/scheduler/apis/config/v1/default_plugins.go).
      let reason: string;
      const taint = untoleratedTaint(n, pod);
      if (taint !== null) reason = `had untolerated taint {${taint.key}: ${taint.value}}`;
      else if (!selectorMatches(n, pod)) reason = "didn't match Pod's node affinity/selector";
      else continue;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    const parts = [...reasons].map(([reason, count]) => `${count} node(s) ${reason}`).sort();
    return `0/${this.nodes.length} nodes are available: ${parts.join(', ')}`;
  }
}

export function schedulingNodes(nodes: readonly NodeSpec[]): SchedulingNode[] {
  return nodes.map((n) => ({ name: n.name, labels: n.labels, taints: n.taints }));
}
