// "Did you mean …" for a pod, Service or node name the cluster does not have. A Deployment's replicas are
// named `<deployment>-<pod-template-hash>-<5 characters>` by the ReplicaSet controller (a StatefulSet's
// `<set>-<ordinal>`, a DaemonSet's `<set>-<5 characters>`), so the name a user knows (`frontend`) is never
// a pod's: that case says what `frontend` is and lists its pods. Otherwise the
// nearest names are offered, at most three: the same name in another namespace, names that start with the
// one typed, then names within a few edits (optimal string alignment distance: a swap of two neighbouring
// letters counts as one edit, the commonest typo). The wording names no command-line flag: the app shows it
// too, after "the source …:" or "the destination …:".
import type { NodeSpec, PodSpec, ServiceSpec } from './scenario';

export interface NameDirectory {
  readonly nodes: readonly Pick<NodeSpec, 'name'>[];
  readonly pods: readonly Pick<PodSpec, 'namespace' | 'name' | 'ownerDeployment' | 'ownerWorkload'>[];
  readonly services: readonly Pick<ServiceSpec, 'namespace' | 'name'>[];
}

const MAX_SUGGESTIONS = 3;

/** Edit distance with adjacent transpositions, or Infinity once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return Infinity;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return Infinity;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]! <= limit ? prev[b.length]! : Infinity;
}

/** How many edits still count as "near": one per three characters typed, at least one, at most four. */
function editLimit(typed: string): number {
  return Math.min(4, Math.max(1, Math.floor(typed.length / 3)));
}

interface Named {
  readonly namespace: string | null;
  readonly name: string;
}

const keyOf = (n: Named): string => (n.namespace === null ? n.name : `${n.namespace}/${n.name}`);

/**
 * The nearest of `candidates` to what was typed (`namespace` null when none was), best first: the same
 * name elsewhere, then names it begins, then by edit distance (over `namespace/name` for another namespace).
 */
export function nearestNames<T extends Named>(typed: Named, candidates: readonly T[]): T[] {
  const wanted = keyOf(typed);
  const limit = editLimit(typed.name);
  const scored: { item: T; rank: number; distance: number; key: string }[] = [];
  for (const c of candidates) {
    const key = keyOf(c);
    const sameNamespace = typed.namespace === null || c.namespace === typed.namespace;
    let rank: number;
    let distance = 0;
    if (c.name === typed.name) rank = 0;
    else if (sameNamespace && typed.name.length >= 2 && c.name.startsWith(typed.name)) {
      rank = 1;
      distance = c.name.length - typed.name.length;
    } else {
      // The budget is the name's: a long namespace does not make a far name near.
      distance = sameNamespace ? editDistance(typed.name, c.name, limit) : editDistance(wanted, key, limit);
      if (distance === Infinity) continue;
      rank = 2;
    }
    scored.push({ item: c, rank, distance, key });
  }
  scored.sort(
    (a, b) => a.rank - b.rank || a.distance - b.distance || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  return scored.slice(0, MAX_SUGGESTIONS).map((s) => s.item);
}

/** The workload that made a pod: its Deployment, StatefulSet or DaemonSet (`ownerWorkload` is `Kind ns/name`). */
function ownerOf(pod: NameDirectory['pods'][number]): { kind: string; name: string } | null {
  const key = pod.ownerDeployment ?? pod.ownerWorkload?.slice(pod.ownerWorkload.indexOf(' ') + 1);
  if (key === undefined) return null;
  const kind =
    pod.ownerDeployment !== null
      ? 'Deployment'
      : pod.ownerWorkload!.slice(0, pod.ownerWorkload!.indexOf(' '));
  return { kind, name: key.slice(key.indexOf('/') + 1) };
}

/** `a`, `a or b`, `a, b or c`. */
function orList(items: readonly string[], word: string): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1)}`;
}

function didYouMean(shown: readonly string[]): string {
  return shown.length === 0 ? '' : `; did you mean ${orList(shown, 'or')}?`;
}

/**
 * What to add after "no pod NS/NAME": the Deployment's pods when NAME is a Deployment's, else the
 * nearest pods. `show` writes a pod key the way the user wrote theirs (`pod/NS/NAME:PORT`, `NS/NAME`).
 */
export function podSuggestion(
  dir: NameDirectory,
  namespace: string | null,
  name: string,
  show: (key: string) => string,
): string {
  let kind = 'Deployment';
  const owned = dir.pods.filter((p) => {
    const owner = ownerOf(p);
    if (owner === null || owner.name !== name || (namespace !== null && p.namespace !== namespace))
      return false;
    kind = owner.kind;
    return true;
  });
  if (owned.length > 0) {
    const keys = owned.map((p) => `${p.namespace}/${p.name}`).sort();
    const listed = keys.slice(0, MAX_SUGGESTIONS).map(show);
    const more = keys.length - listed.length;
    const what = more > 0 ? [...listed, `${more} more`] : listed;
    return `; ${name} is a ${kind}, not a pod: its pod${keys.length === 1 ? ' is' : 's are'} ${orList(what, 'and')}`;
  }
  const near = nearestNames({ namespace, name }, dir.pods);
  return didYouMean(near.map((p) => show(`${p.namespace}/${p.name}`)));
}

export function serviceSuggestion(
  dir: NameDirectory,
  namespace: string,
  name: string,
  show: (key: string) => string,
): string {
  const near = nearestNames({ namespace, name }, dir.services);
  return didYouMean(near.map((s) => show(`${s.namespace}/${s.name}`)));
}

/** A cluster this small is listed whole when no name is near: there are few enough to read. */
const LISTED_NODES = 10;

export function nodeSuggestion(dir: NameDirectory, name: string, show: (name: string) => string): string {
  const near = nearestNames(
    { namespace: null, name },
    dir.nodes.map((n) => ({ namespace: null, name: n.name })),
  );
  if (near.length === 0 && dir.nodes.length > 0 && dir.nodes.length <= LISTED_NODES)
    return `; the nodes are ${orList(
      dir.nodes.map((n) => show(n.name)),
      'and',
    )}`;
  return didYouMean(near.map((n) => show(n.name)));
}
