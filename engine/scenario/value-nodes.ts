// A plain parsed value (from JSON.parse or the block-YAML fast path) seen as the YAML syntax-tree nodes the
// scenario readers walk, built lazily: a mapping's pairs are made the first time its `items` are read. A
// kubectl dump is mostly managedFields, status and annotations that nothing reads; making a node (each
// one an object with a defined symbol property) for every value of a 40 MB dump cost seconds, most of it in
// the garbage collector. Nodes carry no positions: each records its parent and its key or index there, so
// a diagnostic can find its line afterwards (see `originPathOf`).
import { Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { MAX_DEPTH } from './limits';

/** Where a node sits: its parent and its key or index there. `key` marks a mapping key's own node. */
interface Origin {
  originParent?: Node | null;
  originStep?: string | number;
  originIsKey?: boolean;
}

/** The node's path from the document root, as keys and indices, and whether it is a mapping key. */
export function originPathOf(node: Node): { steps: Array<string | number>; isKey: boolean } {
  const steps: Array<string | number> = [];
  for (let n: (Node & Origin) | null | undefined = node; n && n.originStep !== undefined; n = n.originParent)
    steps.push(n.originStep);
  return { steps: steps.reverse(), isKey: (node as Origin).originIsKey === true };
}

function located<T extends Node>(node: T, parent: Node | null, step: string | number | undefined): T {
  if (step !== undefined) {
    const n = node as T & Origin;
    n.originParent = parent;
    n.originStep = step;
  }
  return node;
}

/**
 * Beside a mapping from the YAML fast path: keys that YAML 1.1 reads as other than their text (a key `.`
 * is a float to the full parser), by text. Kept apart so the plain object can still hold them.
 */
export const TYPED_KEYS = Symbol('typed keys');

/** Left out of the tree: the server's field-ownership bookkeeping, about a third of a dump, read by nothing here. */
const SKIPPED_LIST = 'managedFields';

/** A mapping whose pairs are made on first read. */
class LazyMap extends YAMLMap {
  declare lazySource: Record<string, unknown> | undefined;
  declare lazyItems: Pair[];
}
/** A list whose items are made on first read. */
class LazySeq extends YAMLSeq {
  declare lazySource: unknown[] | undefined;
  declare lazyItems: unknown[];
}

// YAMLMap and YAMLSeq assign `this.items = []` in their constructors; an accessor on the subclass takes
// that assignment, and makes the real items on the first read.
Object.defineProperty(LazyMap.prototype, 'items', {
  get(this: LazyMap) {
    const source = this.lazySource;
    if (source !== undefined) {
      this.lazySource = undefined;
      const items = this.lazyItems;
      const typed = (source as Record<symbol, Record<string, unknown> | undefined>)[TYPED_KEYS];
      for (const k of Object.keys(source)) {
        const key = located(new Scalar(typed !== undefined && k in typed ? typed[k] : k), this, k);
        (key as Origin).originIsKey = true;
        items.push(new Pair(key, toNode(source[k], this, k)));
      }
    }
    return this.lazyItems;
  },
  set(this: LazyMap, items: Pair[]) {
    this.lazySource = undefined;
    this.lazyItems = items;
  },
});
Object.defineProperty(LazySeq.prototype, 'items', {
  get(this: LazySeq) {
    const source = this.lazySource;
    if (source !== undefined) {
      this.lazySource = undefined;
      const items = this.lazyItems;
      if ((this as Origin).originStep !== SKIPPED_LIST)
        for (let i = 0; i < source.length; i++) items.push(toNode(source[i], this, i));
    }
    return this.lazyItems;
  },
  set(this: LazySeq, items: unknown[]) {
    this.lazySource = undefined;
    this.lazyItems = items;
  },
});

function toNode(value: unknown, parent: Node | null, step: string | number | undefined): Node {
  if (value === null || typeof value !== 'object') return located(new Scalar(value), parent, step);
  if (Array.isArray(value)) {
    const seq = located(new LazySeq(), parent, step);
    seq.lazySource = value;
    return seq;
  }
  const map = located(new LazyMap(), parent, step);
  map.lazySource = value as Record<string, unknown>;
  return map;
}

/** How deep the value nests, counting only maps and lists; stops counting at `limit`. */
function depthOf(value: unknown, limit: number): number {
  if (value === null || typeof value !== 'object') return 0;
  if (limit === 0) return 1;
  let deepest = 0;
  if (Array.isArray(value)) {
    for (const v of value)
      if (v !== null && typeof v === 'object') deepest = Math.max(deepest, depthOf(v, limit - 1));
  } else {
    for (const k in value) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== null && typeof v === 'object') deepest = Math.max(deepest, depthOf(v, limit - 1));
    }
  }
  return deepest + 1;
}

/** True when maps and lists nest deeper than MAX_DEPTH levels (checked before any node is made). */
export function nestsTooDeep(value: unknown): boolean {
  return depthOf(value, MAX_DEPTH) > MAX_DEPTH;
}

/** A plain value as (lazily built) syntax-tree nodes. */
export function valueToNode(value: unknown): Node {
  return toNode(value, null, undefined);
}
