// What the what-ifs panel offers for one scenario text and one chosen pod: the Deployments with their
// replica counts, and for the pod whether it is a bare Pod or a replica (and which one, since only the first
// or last replica can be split off). Everything comes from one parse of the text (engine/scenario/
// yaml-edits keeps it per text), so a keystroke costs one parse however many pods the cluster has; the
// edits themselves run only when a button is pressed.
import {
  barePodKeys,
  canSplitReplica,
  deploymentKeys,
  deploymentReplicas,
  replicaOwner,
} from '../../engine/index';
import type { PodSummary } from '../../engine/protocol';

export interface WhatIfChoices {
  readonly deployments: readonly { readonly key: string; readonly replicas: number }[];
  /** The chosen pod, or the first when none is chosen (or the chosen one is gone). */
  readonly pod: PodSummary | undefined;
  /** The Deployment the pod is a replica of; null for a bare Pod. */
  readonly owner: string | null;
  readonly ownerReplicas: number;
  /** The owner's replicas in the order the reader generated them (the summary keeps that order). */
  readonly siblings: readonly PodSummary[];
  /** Whether "Mark not ready" can split this replica off as a Pod of its own. */
  readonly canSplit: boolean;
  /** Whether the pod is a Pod document of the file, which the pod what-ifs edit. */
  readonly bare: boolean;
}

export function whatIfChoices(text: string, pods: readonly PodSummary[], podKey: string): WhatIfChoices {
  let keys: string[] = [];
  let bare = new Set<string>();
  try {
    keys = deploymentKeys(text);
    bare = barePodKeys(text);
  } catch {
    // Text the YAML library cannot read at all offers no what-ifs; the editor shows why.
  }
  const deployments = keys.map((key) => ({ key, replicas: deploymentReplicas(text, key) ?? 1 }));
  const pod = pods.find((p) => p.key === podKey) ?? pods[0];
  const owner = pod && !bare.has(pod.key) ? replicaOwner(keys, pod.key) : null;
  const siblings = owner
    ? pods.filter(
        (p) => p.key.startsWith(`${owner}-`) && !bare.has(p.key) && replicaOwner(keys, p.key) === owner,
      )
    : [];
  const ownerReplicas = deployments.find((d) => d.key === owner)?.replicas ?? 0;
  const replicaIndex = pod ? siblings.findIndex((p) => p.key === pod.key) : -1;
  return {
    deployments,
    pod,
    owner,
    ownerReplicas,
    siblings,
    canSplit: canSplitReplica(replicaIndex, ownerReplicas),
    bare: pod !== undefined && bare.has(pod.key),
  };
}
