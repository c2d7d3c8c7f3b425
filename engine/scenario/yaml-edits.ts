// Edits of the scenario text that keep the YAML the one truth: the app's what-ifs (scale a Deployment, a
// pod not ready, a pod deleted) and "Compare modes" (kube-proxy's `mode:` changed). Each edit re-prints
// only what it touches; every other byte (comments, layout, other documents) stays as the user wrote it.
//
// The text is parsed once and the parse is kept for the next call with the same text: the what-ifs panel
// asks several questions of one text per render, and a keystroke makes one new text. The kept documents
// are never changed; an edit clones the one node it rewrites.
import { Document, isMap, isScalar, isSeq, parseAllDocuments, type YAMLMap } from 'yaml';
import type { ProxyMode } from '../model/scenario';
import { withConfigMapProxyMode } from './kube-proxy-configmap-edit';

type Doc = Document.Parsed;

let lastText: string | null = null;
let lastDocs: readonly Doc[] = [];

/** The text's documents, parsed once per text. Read them; clone before changing one. */
export function scenarioDocuments(text: string): readonly Doc[] {
  if (text !== lastText) {
    lastDocs = parseAllDocuments(text) as Doc[];
    lastText = text;
  }
  return lastDocs;
}

/** `namespace/name` keys default to the default namespace, as kubectl does. */
function splitKey(key: string): [string, string] {
  return key.includes('/') ? (key.split('/', 2) as [string, string]) : ['default', key];
}

interface Found {
  readonly docs: readonly Doc[];
  readonly index: number;
}

function find(text: string, kind: string, key: string): Found | null {
  const docs = scenarioDocuments(text);
  const [namespace, name] = splitKey(key);
  const index = docs.findIndex(
    (d) =>
      d.get('kind') === kind &&
      d.getIn(['metadata', 'name']) === name &&
      (d.getIn(['metadata', 'namespace']) ?? 'default') === namespace,
  );
  return index < 0 ? null : { docs, index };
}

/** Document `index` spans from its own `---` (or the file start) to the next document. */
function span(found: Found, text: string): [number, number] {
  const d = found.docs[found.index]!;
  return [
    found.index === 0 ? 0 : d.range[0],
    found.index === found.docs.length - 1 ? text.length : d.range[2],
  ];
}

/** The found document, cloned, changed by `change`, and printed in its place. */
function rewriteDocument(text: string, found: Found, change: (doc: Doc) => void): string {
  const doc = found.docs[found.index]!.clone() as Doc;
  change(doc);
  const [start, end] = span(found, text);
  return text.slice(0, start) + doc.toString() + text.slice(end);
}

// ---- What-ifs on workloads ----

export function isBarePod(text: string, podKey: string): boolean {
  return find(text, 'Pod', podKey) !== null;
}

export function scaleDeployment(text: string, deploymentKey: string, replicas: number): string | null {
  const found = find(text, 'Deployment', deploymentKey);
  if (!found) return null;
  return rewriteDocument(text, found, (doc) =>
    doc.setIn(['spec', 'replicas'], Math.max(0, Math.floor(replicas))),
  );
}

/** The Ready condition in status, as the kubelet would write it after a failed readiness probe. */
export function setPodReady(text: string, podKey: string, ready: boolean): string | null {
  const found = find(text, 'Pod', podKey);
  if (!found) return null;
  return rewriteDocument(text, found, (doc) => {
    const conditions = (doc.getIn(['status', 'conditions']) as { toJSON(): unknown } | undefined)?.toJSON();
    const others = Array.isArray(conditions)
      ? conditions.filter((c: { type?: unknown }) => c?.type !== 'Ready')
      : [];
    doc.setIn(['status', 'conditions'], [...others, { type: 'Ready', status: ready ? 'True' : 'False' }]);
  });
}

export function deletePod(text: string, podKey: string): string | null {
  const found = find(text, 'Pod', podKey);
  if (!found) return null;
  const [start, end] = span(found, text);
  return text.slice(0, start) + text.slice(end);
}

export function deploymentReplicas(text: string, deploymentKey: string): number | null {
  const found = find(text, 'Deployment', deploymentKey);
  if (!found) return null;
  const r = found.docs[found.index]!.getIn(['spec', 'replicas']);
  return typeof r === 'number' ? r : 1;
}

/** Deployments in the file, as `namespace/name`. */
export function deploymentKeys(text: string): string[] {
  return scenarioDocuments(text)
    .filter((d) => d.get('kind') === 'Deployment' && typeof d.getIn(['metadata', 'name']) === 'string')
    .map(
      (d) =>
        `${String(d.getIn(['metadata', 'namespace']) ?? 'default')}/${String(d.getIn(['metadata', 'name']))}`,
    );
}

/** The Deployment that owns a replica named `<deployment>-<pod-template-hash>-<suffix>`, if in the file. */
export function owningDeployment(text: string, podKey: string): string | null {
  return replicaOwner(deploymentKeys(text), podKey);
}

/** Of these Deployment keys, the one whose replica name `podKey` is (ReplicaSet names: deployment-hash-suffix). */
export function replicaOwner(deploymentKeys: readonly string[], podKey: string): string | null {
  const [namespace, name] = splitKey(podKey);
  return (
    deploymentKeys.find((d) => {
      const [ns, dep] = splitKey(d);
      return (
        ns === namespace &&
        /^[a-z0-9]+-[a-z0-9]{5}$/.test(name.slice(dep.length + 1)) &&
        name.startsWith(`${dep}-`)
      );
    }) ?? null
  );
}

/** Pods written as Pod documents (not Deployment replicas), as `namespace/name`. */
export function barePodKeys(text: string): Set<string> {
  const keys = new Set<string>();
  for (const d of scenarioDocuments(text)) {
    const name = d.getIn(['metadata', 'name']);
    if (d.get('kind') === 'Pod' && typeof name === 'string')
      keys.add(`${String(d.getIn(['metadata', 'namespace']) ?? 'default')}/${name}`);
  }
  return keys;
}

/** Whether replicaNotReady can split off replica `replicaIndex` of `replicas` (see there: first or last). */
export function canSplitReplica(replicaIndex: number, replicas: number): boolean {
  return replicas >= 1 && replicaIndex >= 0 && (replicaIndex === 0 || replicaIndex === replicas - 1);
}

/**
 * A replica marked not ready, written the way the file can say it: the Deployment gives up one replica
 * and the pod becomes a Pod document of its own (same name, labels and containers) whose Ready condition
 * is False. The scenario reader lets bare Pods claim their names first and the replica names step around
 * them, so the other replicas keep their names (engine/scenario/workloads.ts).
 *
 * The Pod keeps its node through spec.nodeName, as a running pod has it, and the other replicas keep theirs
 * (the reader places a replica by its name's slot, engine/scenario/scheduler.ts). Addresses are the catch:
 * host-local hands them out in document order, so the Pod is written just before the Deployment (for the
 * first replica) or just after it (for the last); for a replica in the middle no document order keeps
 * every address, and this returns null.
 */
export function replicaNotReady(
  text: string,
  deploymentKey: string,
  podKey: string,
  replicaIndex: number,
  nodeName: string,
): string | null {
  const found = find(text, 'Deployment', deploymentKey);
  if (!found) return null;
  const doc = found.docs[found.index]!.clone() as Doc;
  const replicas = doc.getIn(['spec', 'replicas']);
  const count = typeof replicas === 'number' ? replicas : 1;
  if (!canSplitReplica(replicaIndex, count)) return null;
  const first = replicaIndex === 0;
  const [namespace, name] = splitKey(podKey);
  const deployment = splitKey(deploymentKey)[1];
  const template = (doc.getIn(['spec', 'template']) as { toJSON(): unknown } | undefined)?.toJSON() as
    { metadata?: { labels?: Record<string, string> }; spec?: Record<string, unknown> } | undefined;
  const pod = new Document({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      labels: {
        ...(template?.metadata?.labels ?? {}),
        'pod-template-hash': name.slice(deployment.length + 1, name.lastIndexOf('-')),
      },
    },
    spec: { ...(template?.spec ?? {}), nodeName },
    status: { conditions: [{ type: 'Ready', status: 'False' }] },
  }).toString();
  doc.setIn(['spec', 'replicas'], count - 1);
  const [start, end] = span(found, text);
  let deploymentText = doc.toString();
  if (!deploymentText.endsWith('\n')) deploymentText += '\n';
  // The first document may start without `---`; every other one carries its own.
  const opensWithMarker = /^\s*(#.*\n\s*)*---/.test(deploymentText);
  if (first) {
    const body = opensWithMarker ? deploymentText : `---\n${deploymentText}`;
    return `${text.slice(0, start)}${start === 0 ? '' : '---\n'}${pod}${body}${text.slice(end)}`;
  }
  return `${text.slice(0, start)}${deploymentText}---\n${pod}${text.slice(end)}`;
}

// ---- kube-proxy's mode, for "Compare modes" ----
// The KubeProxyConfiguration may be a document of its own or an item of a `kind: List` (kubectl's dumps); a
// version the loader does not read (only kubeproxy.config.k8s.io/v1alpha1 is) cannot be edited usefully:
// the loader would ignore it and every mode would really be iptables, so that is an error, not a guess.

export const KUBE_PROXY_API = 'kubeproxy.config.k8s.io/v1alpha1';

/** Why the scenario's kube-proxy mode cannot be changed; the message is for the user. */
export class ProxyModeEditError extends Error {}

const field = (map: YAMLMap, key: string): unknown => {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  return isScalar(pair?.value) ? pair.value.value : undefined;
};

/** Every mapping that could be a KubeProxyConfiguration: top-level documents and the items of Lists. */
function kubeProxyConfigurations(text: string): { map: YAMLMap; where: string }[] {
  const out: { map: YAMLMap; where: string }[] = [];
  scenarioDocuments(text).forEach((doc, i) => {
    const contents = doc.contents;
    if (!isMap(contents)) return;
    out.push({ map: contents, where: `document ${i + 1}` });
    const items = contents.items.find((p) => isScalar(p.key) && p.key.value === 'items')?.value;
    if (field(contents, 'kind') === 'List' && isSeq(items))
      items.items.forEach((item, j) => {
        if (isMap(item)) out.push({ map: item, where: `item ${j + 1} of the List in document ${i + 1}` });
      });
  });
  return out.filter((c) => field(c.map, 'kind') === 'KubeProxyConfiguration');
}

function setModeIn(text: string, map: YAMLMap, mode: ProxyMode): string {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === 'mode');
  const value = pair?.value;
  if (isScalar(value) && value.range)
    return text.slice(0, value.range[0]) + mode + text.slice(value.range[1]);
  const first = map.items[0]?.key;
  if (!map.flow && isScalar(first) && first.range && !pair) {
    // A block mapping: a new line before its first key, at that key's indentation.
    const at = first.range[0];
    const indent = at - (text.lastIndexOf('\n', at - 1) + 1);
    return `${text.slice(0, at)}mode: ${mode}\n${' '.repeat(indent)}${text.slice(at)}`;
  }
  // A flow mapping (`{kind: …}`) or a `mode:` without a plain value: re-print this one mapping.
  const copy = map.clone() as YAMLMap;
  copy.set('mode', mode);
  const [start, end] = map.range ?? [0, 0];
  return text.slice(0, start) + String(copy) + text.slice(end);
}

/**
 * The text with `mode:` set: the value replaced, the field added, or (no KubeProxyConfiguration at all) a
 * document appended. Throws ProxyModeEditError when the configuration is one the loader does not read.
 */
export function withProxyMode(text: string, mode: ProxyMode): string {
  const found = kubeProxyConfigurations(text);
  const read = found.find((c) => field(c.map, 'apiVersion') === KUBE_PROXY_API);
  if (read) return setModeIn(text, read.map, mode);
  const inConfigMap = withConfigMapProxyMode(text, mode);
  if (inConfigMap !== null) {
    if ('error' in inConfigMap) throw new ProxyModeEditError(inConfigMap.error);
    return inConfigMap.text;
  }
  const ignored = found.find((c) =>
    String(field(c.map, 'apiVersion') ?? '').startsWith('kubeproxy.config.k8s.io/'),
  );
  if (ignored)
    throw new ProxyModeEditError(
      `The KubeProxyConfiguration (${ignored.where}) is ${String(field(ignored.map, 'apiVersion'))}, which Podpath does not read (it reads ${KUBE_PROXY_API}), so every mode would really run as iptables. Change its apiVersion to compare modes.`,
    );
  const sep = text === '' || text.endsWith('\n') ? '' : '\n';
  return `${text}${sep}---\napiVersion: ${KUBE_PROXY_API}\nkind: KubeProxyConfiguration\nmode: ${mode}\n`;
}
