// Quick what-ifs as edits of the scenario text, so the YAML stays the one truth (and the share link and
// autosave carry the what-if too). Only the touched document is re-printed; the rest of the file keeps
// its comments and layout byte for byte.
import { Document, parseAllDocuments } from 'yaml';

type Doc = Document.Parsed;

interface Found {
  readonly docs: Doc[];
  readonly index: number;
}

function find(text: string, kind: string, key: string): Found | null {
  const docs = parseAllDocuments(text) as Doc[];
  if (!Array.isArray(docs)) return null;
  const [namespace, name] = key.includes('/') ? key.split('/', 2) : ['default', key];
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

function replaceDocument(text: string, found: Found): string {
  const [start, end] = span(found, text);
  return text.slice(0, start) + found.docs[found.index]!.toString() + text.slice(end);
}

export function isBarePod(text: string, podKey: string): boolean {
  return find(text, 'Pod', podKey) !== null;
}

export function scaleDeployment(text: string, deploymentKey: string, replicas: number): string | null {
  const found = find(text, 'Deployment', deploymentKey);
  if (!found) return null;
  found.docs[found.index]!.setIn(['spec', 'replicas'], Math.max(0, Math.floor(replicas)));
  return replaceDocument(text, found);
}

/** The Ready condition in status, as the kubelet would write it after a failed readiness probe. */
export function setPodReady(text: string, podKey: string, ready: boolean): string | null {
  const found = find(text, 'Pod', podKey);
  if (!found) return null;
  const doc = found.docs[found.index]!;
  const conditions = (doc.getIn(['status', 'conditions']) as { toJSON(): unknown } | undefined)?.toJSON();
  const others = Array.isArray(conditions)
    ? conditions.filter((c: { type?: unknown }) => c?.type !== 'Ready')
    : [];
  doc.setIn(['status', 'conditions'], [...others, { type: 'Ready', status: ready ? 'True' : 'False' }]);
  return replaceDocument(text, found);
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
  return (parseAllDocuments(text) as Doc[])
    .filter((d) => d.get('kind') === 'Deployment' && typeof d.getIn(['metadata', 'name']) === 'string')
    .map(
      (d) =>
        `${String(d.getIn(['metadata', 'namespace']) ?? 'default')}/${String(d.getIn(['metadata', 'name']))}`,
    );
}

/** The Deployment that owns a replica named `<deployment>-<pod-template-hash>-<suffix>`, if in the file. */
export function owningDeployment(text: string, podKey: string): string | null {
  const [namespace, name] = podKey.split('/', 2) as [string, string];
  return (
    deploymentKeys(text).find((d) => {
      const [ns, dep] = d.split('/', 2) as [string, string];
      return (
        ns === namespace &&
        /^[a-z0-9]+-[a-z0-9]{5}$/.test(name.slice(dep.length + 1)) &&
        name.startsWith(`${dep}-`)
      );
    }) ?? null
  );
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
  const doc = found.docs[found.index]!;
  const replicas = doc.getIn(['spec', 'replicas']);
  const count = typeof replicas === 'number' ? replicas : 1;
  const first = replicaIndex === 0;
  const last = replicaIndex === count - 1;
  if (count < 1 || (!first && !last)) return null;
  const [namespace, name] = podKey.split('/', 2) as [string, string];
  const deployment = deploymentKey.split('/', 2)[1]!;
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
