// Quick what-ifs as edits of the scenario text, so the YAML stays the one truth (and the share link and
// autosave carry the what-if too). Only the touched document is re-printed; the rest of the file keeps
// its comments and layout byte for byte.
import { parseAllDocuments, type Document } from 'yaml';

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
