// A plain parsed value (from JSON.parse or the block-YAML fast path) seen as the YAML syntax-tree nodes the
// scenario readers walk, built lazily. A kubectl dump is mostly managedFields, status and annotations that
// nothing reads, so a mapping makes the node of a key only when that key is read, and all its pairs only
// when they are listed. The nodes are small objects of our own, not the yaml library's classes (whose
// constructors define a property per node: making them for a 40 MB dump cost seconds, most of it in the
// garbage collector); they carry yaml's node-type brand on their prototype, so `isMap`, `isSeq`,
// `isScalar` and `isPair` know them. They carry no positions: each records its parent and its key or index
// there, so a diagnostic can find its line afterwards (see `originPathOf`).
import type { Node } from 'yaml';
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

/**
 * Beside a mapping from the YAML fast path: keys that YAML 1.1 reads as other than their text (a key `.`
 * is a float to the full parser), by text. Kept apart so the plain object can still hold them.
 */
export const TYPED_KEYS = Symbol('typed keys');

/** Left out of the tree: the server's field-ownership bookkeeping, about a third of a dump, read by nothing here. */
const SKIPPED_LIST = 'managedFields';

// The yaml library's brand of a node's type (yaml/dist/nodes/identity.js): a registered symbol, the same
// in every copy of the library.
const NODE_TYPE = Symbol.for('yaml.node.type');

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

class ValueScalar {
  declare originIsKey?: boolean;
  constructor(
    readonly value: unknown,
    readonly originParent: Node | null,
    readonly originStep: string | number | undefined,
  ) {}
}

class ValuePair {
  constructor(
    readonly key: Node,
    readonly value: Node,
  ) {}
}

class ValueMap {
  private listed: ValuePair[] | null = null;
  constructor(
    private readonly source: Record<string, unknown>,
    readonly originParent: Node | null,
    readonly originStep: string | number | undefined,
  ) {}

  private makePair(k: string): ValuePair {
    const self = this as unknown as Node;
    const typed = (this.source as Record<symbol, Record<string, unknown> | undefined>)[TYPED_KEYS];
    const key = new ValueScalar(typed !== undefined && hasOwn(typed, k) ? typed[k] : k, self, k);
    key.originIsKey = true;
    return new ValuePair(key as unknown as Node, toNode(this.source[k], self, k));
  }

  get items(): ValuePair[] {
    return (this.listed ??= Object.keys(this.source).map((k) => this.makePair(k)));
  }

  /**
   * The pair whose key is the string `key`, as a scan of `items` would find it, without making the others
   * (a reader looks up a few keys of a mapping that has many). A key YAML reads as other than a string
   * (`true:`, `1:`) is no string key.
   */
  pairWithKey(key: string): ValuePair | null {
    if (this.listed !== null)
      return this.listed.find((p) => (p.key as unknown as ValueScalar).value === key) ?? null;
    if (!hasOwn(this.source, key)) return null;
    const typed = (this.source as Record<symbol, Record<string, unknown> | undefined>)[TYPED_KEYS];
    if (typed !== undefined && hasOwn(typed, key)) return null;
    return this.makePair(key);
  }
}

class ValueSeq {
  private made: Node[] | null = null;
  constructor(
    private readonly source: unknown[],
    readonly originParent: Node | null,
    readonly originStep: string | number | undefined,
  ) {}

  get items(): Node[] {
    if (this.made === null) {
      const self = this as unknown as Node;
      this.made = this.originStep === SKIPPED_LIST ? [] : this.source.map((v, i) => toNode(v, self, i));
    }
    return this.made;
  }
}

for (const [type, brand] of [
  [ValueScalar, 'yaml.scalar'],
  [ValuePair, 'yaml.pair'],
  [ValueMap, 'yaml.map'],
  [ValueSeq, 'yaml.seq'],
] as const)
  Object.defineProperty(type.prototype, NODE_TYPE, { value: Symbol.for(brand) });

/** The pair of `map` whose key is the string `key`, when `map` is a value node (else undefined: scan it). */
export function valuePairWithKey(map: unknown, key: string): { key: Node; value: Node } | null | undefined {
  return map instanceof ValueMap ? map.pairWithKey(key) : undefined;
}

function toNode(value: unknown, parent: Node | null, step: string | number | undefined): Node {
  if (value === null || typeof value !== 'object')
    return new ValueScalar(value, parent, step) as unknown as Node;
  if (Array.isArray(value)) return new ValueSeq(value, parent, step) as unknown as Node;
  return new ValueMap(value as Record<string, unknown>, parent, step) as unknown as Node;
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
