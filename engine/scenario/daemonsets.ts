// apps/v1 DaemonSets, as the DaemonSet controller makes their pods (pkg/controller/daemon): one pod on every
// node the pod may run on (daemon_controller.go predicates: spec.nodeName if the template sets it, the
// nodeSelector, and the NoSchedule/NoExecute taints against the tolerations), with the tolerations the
// controller adds to every daemon pod (util.AddOrUpdateDaemonPodTolerations: not-ready and unreachable
// NoExecute; disk-pressure, memory-pressure, pid-pressure and unschedulable NoSchedule; network-unavailable
// NoSchedule for hostNetwork pods). The control-plane taint is not among them: a DaemonSet runs there only
// when its own spec tolerates it. Pods are labelled `controller-revision-hash: <hash>` and
// `pod-template-generation: "1"` (util.CreatePodTemplate, a DaemonSet never updated) and named by
// generateName `<daemonset>-<5 characters>`, drawn here from a generator seeded by the DaemonSet and the
// node, so each node's pod keeps its name whatever other nodes the file holds.
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { SourceRef } from '../model/scenario';
import { SeededRandom } from '../random';
import type { Place } from './diagnostics';
import { readMetadata } from './metadata';
import { dns1123SubdomainError } from './names';
import type { ObjectFields } from './object-fields';
import { SAFE_ALPHABET } from './pod-names';
import type { PodSpecInput, Toleration } from './pod-spec';
import { readPodTemplate } from './pod-template';

export interface DaemonSetInput {
  readonly namespace: string;
  readonly name: string;
  readonly podLabels: Readonly<Record<string, string>>;
  /** The template's spec with the controller's tolerations added. */
  readonly spec: PodSpecInput;
  readonly place: Place;
  readonly source: SourceRef;
}

const exists = (key: string, effect: string): Toleration => ({ key, operator: 'Exists', value: '', effect });

/** AddOrUpdateDaemonPodTolerations, in its order; a toleration of the same key and effect is replaced. */
export function daemonPodTolerations(spec: PodSpecInput): Toleration[] {
  const added = [
    exists('node.kubernetes.io/not-ready', 'NoExecute'),
    exists('node.kubernetes.io/unreachable', 'NoExecute'),
    exists('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/unschedulable', 'NoSchedule'),
    ...(spec.hostNetwork ? [exists('node.kubernetes.io/network-unavailable', 'NoSchedule')] : []),
  ];
  const own = spec.tolerations.filter((t) => !added.some((a) => a.key === t.key && a.effect === t.effect));
  return [...own, ...added];
}

export function readDaemonSet(object: ObjectFields): DaemonSetInput | null {
  const meta = readMetadata(object, { namespaced: true, nameError: dns1123SubdomainError });
  const template = readPodTemplate(object.map('spec'));
  if (meta === null) return null;
  return {
    namespace: meta.namespace,
    name: meta.name,
    podLabels: {
      ...template.labels,
      'controller-revision-hash': template.hash,
      'pod-template-generation': '1',
    },
    spec: { ...template.spec, tolerations: daemonPodTolerations(template.spec) },
    place: meta.metadata.place('name'),
    source: meta.source,
  };
}

/** generateName `<daemonset>-` plus 5 characters of kube's alphabet, the same for this node on every run. */
export function daemonPodName(d: DaemonSetInput, node: string, taken: (name: string) => boolean): string {
  const digest = sha256(utf8ToBytes(`daemonset/${d.namespace}/${d.name}/${node}`));
  const random = new SeededRandom((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!);
  const base = `${d.name}-`.slice(0, 58);
  for (;;) {
    let suffix = '';
    for (let i = 0; i < 5; i++) suffix += SAFE_ALPHABET[random.int(0, SAFE_ALPHABET.length - 1)];
    if (!taken(base + suffix)) return base + suffix;
  }
}
