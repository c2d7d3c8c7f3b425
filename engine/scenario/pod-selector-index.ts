// Label-selector lookups without scanning every pod per Service: an index from (namespace, key, value) to
// the pods carrying that label, intersected from the rarest pair. 10,000 Services over 150,000 pods stay
// linear in what they select rather than quadratic.
import type { PodSpec } from '../model/scenario';

export class PodSelectorIndex {
  private readonly byLabel = new Map<string, number[]>();

  constructor(readonly pods: readonly PodSpec[]) {
    pods.forEach((pod, i) => {
      for (const [key, value] of Object.entries(pod.labels)) {
        const k = `${pod.namespace}\u0000${key}\u0000${value}`;
        const list = this.byLabel.get(k);
        if (list === undefined) this.byLabel.set(k, [i]);
        else list.push(i);
      }
    });
  }

  /** Indexes (in pod order) of the pods in `namespace` whose labels match every pair of a non-empty selector. */
  select(namespace: string, selector: Readonly<Record<string, string>>): number[] {
    const pairs = Object.entries(selector);
    if (pairs.length === 0) return [];
    let smallest: number[] | undefined;
    for (const [key, value] of pairs) {
      const list = this.byLabel.get(`${namespace}\u0000${key}\u0000${value}`);
      if (list === undefined) return [];
      if (smallest === undefined || list.length < smallest.length) smallest = list;
    }
    return smallest!.filter((i) => {
      const labels = this.pods[i]!.labels;
      return pairs.every(([key, value]) => labels[key] === value);
    });
  }

  /** How many pods `select` would give, without making the list. */
  count(namespace: string, selector: Readonly<Record<string, string>>): number {
    const pairs = Object.entries(selector);
    if (pairs.length === 0) return 0;
    let smallest: number[] | undefined;
    for (const [key, value] of pairs) {
      const list = this.byLabel.get(`${namespace}\u0000${key}\u0000${value}`);
      if (list === undefined) return 0;
      if (smallest === undefined || list.length < smallest.length) smallest = list;
    }
    if (pairs.length === 1) return smallest!.length;
    let n = 0;
    for (const i of smallest!) {
      const labels = this.pods[i]!.labels;
      if (pairs.every(([key, value]) => labels[key] === value)) n++;
    }
    return n;
  }
}

const indexes = new WeakMap<readonly PodSpec[], PodSelectorIndex>();

/**
 * The index of a pod list, made once: reading the scenario (cost budget, unserved ports) and the
 * EndpointSlice controller select from the same pods, 150,000 of them at the documented limits.
 * The pod list is not changed once the scenario is read.
 */
export function podSelectorIndex(pods: readonly PodSpec[]): PodSelectorIndex {
  let index = indexes.get(pods);
  if (index === undefined) indexes.set(pods, (index = new PodSelectorIndex(pods)));
  return index;
}
