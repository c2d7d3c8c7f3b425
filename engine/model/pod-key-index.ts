// Pods by `namespace/name`, as their index in the scenario's pod list. Made once per list, on the first
// lookup, and shared by everything that looks a pod up by key (the cluster, pod addresses, the namespace
// builders): at Kubernetes' limits a map of 150,000 `namespace/name` strings costs a few hundred ms to
// build, and several copies of it were most of a large cluster's build time. Keyed by namespace, then
// by name, so no `namespace/name` string is made for the index itself.
import type { PodSpec } from './scenario';

export class PodKeyIndex {
  private readonly byNamespace = new Map<string, Map<string, number>>();

  constructor(readonly pods: readonly PodSpec[]) {
    // A later pod of the same key wins, as a Map filled in list order would have it (a valid scenario
    // has none: the reader refuses a second pod of one name).
    pods.forEach((pod, i) => {
      let names = this.byNamespace.get(pod.namespace);
      if (names === undefined) this.byNamespace.set(pod.namespace, (names = new Map()));
      names.set(pod.name, i);
    });
  }

  /** The index of the pod `namespace/name`, or undefined. */
  indexOf(key: string): number | undefined {
    const slash = key.indexOf('/');
    if (slash < 0) return undefined;
    return this.byNamespace.get(key.slice(0, slash))?.get(key.slice(slash + 1));
  }

  pod(key: string): PodSpec | undefined {
    const i = this.indexOf(key);
    return i === undefined ? undefined : this.pods[i];
  }
}

const indexes = new WeakMap<readonly PodSpec[], PodKeyIndex>();

/** The key index of a pod list, made on first use; the list is not changed once the scenario is read. */
export function podKeyIndex(pods: readonly PodSpec[]): PodKeyIndex {
  let index = indexes.get(pods);
  if (index === undefined) indexes.set(pods, (index = new PodKeyIndex(pods)));
  return index;
}
