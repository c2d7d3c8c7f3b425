// Typed, positioned access to the fields of one YAML mapping. The scenario is read straight from the YAML
// syntax tree (not from `toJS()`), so every value keeps its line and column and a wrong type is reported
// on the field itself, much as kubectl reports `json: cannot unmarshal string into Go struct field
// DeploymentSpec.spec.replicas of type int32`. As in Go's JSON decoding, an explicit `null` reads as absent.
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Diagnostics, Place } from './diagnostics';
import { valuePairWithKey } from './value-nodes';

export interface ReadContext {
  readonly diags: Diagnostics;
  /** Offset in the parsed text → 1-based line and column in the user's file (a LineCounter, or a map for YAML embedded in a ConfigMap). */
  readonly lines: { linePos(offset: number): { line: number; col: number } };
  /** The file's text, when the tree was parsed from it (for reading YAML embedded in a string value). */
  readonly text?: string;
  /** 0-based index of the `---` document being read. */
  readonly document: number;
  /** For trees without positions (the JSON fast path): finds a node's line and column in the text. */
  readonly locate?: (node: Node) => { line: number; column: number };
}

export function joinPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** How a value reads to the user in "expected X, got Y". */
export function describeNode(node: Node | null): string {
  if (node === null) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
    if (typeof v === 'number') return `number ${String(v)}`;
    if (typeof v === 'boolean') return `boolean ${String(v)}`;
    if (v === null) return 'null';
    return `a ${node.tag ?? 'tagged'} value`;
  }
  return 'an unsupported YAML value';
}

/**
 * A place in a tree without positions (JSON, the YAML fast path), found on the first read of its line or
 * column: most places are never shown (only diagnostics read them). A class rather than an object literal
 * with getters, which cost a closure pair per place and were most of placing's time in a 10,000-Service
 * dump. Its line and column are prototype getters, so copy a place field by field, never with a spread.
 */
class PlaceOnDemand implements Place {
  private found: { line: number; column: number } | null = null;
  constructor(
    readonly document: number,
    readonly field: string,
    private readonly node: Node,
    private readonly locate: (node: Node) => { line: number; column: number },
  ) {}

  get line(): number {
    return (this.found ??= this.locate(this.node)).line;
  }

  get column(): number {
    return (this.found ??= this.locate(this.node)).column;
  }
}

export function placeOf(ctx: ReadContext, node: Node | null | undefined, field: string): Place {
  const locate = ctx.locate;
  if (locate && node) return new PlaceOnDemand(ctx.document, field, node, locate);
  const offset = node?.range?.[0];
  if (offset === undefined) return { document: ctx.document, line: 0, column: 0, field };
  const { line, col } = ctx.lines.linePos(offset);
  return { document: ctx.document, line, column: col, field };
}

function isNullScalar(node: unknown): boolean {
  return isScalar(node) && node.value === null;
}

export interface Positioned<T> {
  readonly value: T;
  readonly place: Place;
}

export class ObjectFields {
  constructor(
    readonly ctx: ReadContext,
    /** null when the mapping is absent: every read then returns "absent". */
    readonly node: YAMLMap | null,
    readonly path: string,
    /** Where to point when a required field of an absent mapping is missing. */
    readonly anchor: Node | null = node,
  ) {}

  private pair(key: string): Pair | null {
    if (this.node === null) return null;
    const found = valuePairWithKey(this.node, key);
    if (found !== undefined) return found as Pair | null;
    for (const item of this.node.items) {
      if (isPair(item) && isScalar(item.key) && item.key.value === key) return item;
    }
    return null;
  }

  /** The value node, or null when the key is absent or explicitly null. */
  raw(key: string): Node | null {
    const value = this.pair(key)?.value;
    if (value === undefined || value === null || isNullScalar(value)) return null;
    return value as Node;
  }

  has(key: string): boolean {
    return this.raw(key) !== null;
  }

  /** Where `key` is written (its value, else its key), or the mapping itself when it is absent. */
  place(key?: string): Place {
    const field = key === undefined ? this.path : joinPath(this.path, key);
    if (key !== undefined) {
      const pair = this.pair(key);
      if (pair !== null) {
        // A value without a range is from a tree placed on demand (JSON, the YAML fast path): it is placed.
        const value = pair.value as Node | null;
        return placeOf(
          this.ctx,
          value && (value.range || this.ctx.locate) ? value : (pair.key as Node),
          field,
        );
      }
    }
    return placeOf(this.ctx, this.anchor, field);
  }

  error(key: string | undefined, message: string): void {
    this.ctx.diags.error(this.place(key), message);
  }

  warning(key: string | undefined, message: string): void {
    this.ctx.diags.warning(this.place(key), message);
  }

  private expected(key: string, what: string, got: Node | null): null {
    this.error(key, `expected ${what}, got ${describeNode(got)}`);
    return null;
  }

  string(key: string): string | null {
    const node = this.raw(key);
    if (node === null) return null;
    if (isScalar(node) && typeof node.value === 'string') return node.value;
    if (isScalar(node) && typeof node.value === 'boolean') {
      // The classic manifest trap: go-yaml (YAML 1.1) reads y, n, yes, no, on and off as booleans too.
      this.error(
        key,
        `expected a string, got ${describeNode(node)} (quote it: YAML 1.1 reads y/n/yes/no/on/off as booleans)`,
      );
      return null;
    }
    return this.expected(key, 'a string', node);
  }

  int(key: string, min: number, max: number): number | null {
    const node = this.raw(key);
    if (node === null) return null;
    if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value)) {
      return this.expected(key, 'an integer', node);
    }
    if (node.value < min || node.value > max) {
      this.error(key, `Invalid value: ${node.value}: must be between ${min} and ${max}, inclusive`);
      return null;
    }
    return node.value;
  }

  bool(key: string): boolean | null {
    const node = this.raw(key);
    if (node === null) return null;
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    return this.expected(key, 'a boolean (true or false)', node);
  }

  /** A string that must be one of `allowed`; kube's `Unsupported value` message otherwise. */
  oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
    const text = this.string(key);
    if (text === null) return fallback;
    if ((allowed as readonly string[]).includes(text)) return text as T;
    const supported = allowed.map((a) => JSON.stringify(a)).join(', ');
    this.error(key, `Unsupported value: ${JSON.stringify(text)}: supported values: ${supported}`);
    return fallback;
  }

  /** A nested mapping; absent (or wrongly typed, after an error) gives an empty one. */
  map(key: string): ObjectFields {
    const node = this.raw(key);
    const path = joinPath(this.path, key);
    if (node !== null && isMap(node)) return new ObjectFields(this.ctx, node, path);
    if (node !== null) this.expected(key, 'a mapping', node);
    const pair = this.pair(key);
    return new ObjectFields(this.ctx, null, path, (pair?.key as Node | undefined) ?? this.anchor);
  }

  /** The raw items of a list field, with their paths; absent gives []. */
  private items(key: string): Array<{ node: Node | null; path: string }> {
    const node = this.raw(key);
    if (node === null) return [];
    if (!isSeq(node)) {
      this.expected(key, 'a list', node);
      return [];
    }
    const base = joinPath(this.path, key);
    return node.items.map((item, i) => ({
      node: item === null || isNullScalar(item) ? null : (item as Node),
      path: `${base}[${i}]`,
    }));
  }

  /** A list of mappings (containers, ports, endpoints…). Items of the wrong type are reported and skipped. */
  mapList(key: string): ObjectFields[] {
    const out: ObjectFields[] = [];
    for (const { node, path } of this.items(key)) {
      if (node !== null && isMap(node)) out.push(new ObjectFields(this.ctx, node, path));
      else
        this.ctx.diags.error(
          placeOf(this.ctx, node ?? this.raw(key), path),
          `expected a mapping, got ${describeNode(node)}`,
        );
    }
    return out;
  }

  stringList(key: string): Array<Positioned<string>> {
    const out: Array<Positioned<string>> = [];
    for (const { node, path } of this.items(key)) {
      const place = placeOf(this.ctx, node ?? this.raw(key), path);
      if (node !== null && isScalar(node) && typeof node.value === 'string')
        out.push({ value: node.value, place });
      else this.ctx.diags.error(place, `expected a string, got ${describeNode(node)}`);
    }
    return out;
  }

  /** A `map[string]string` such as labels, annotations, a selector or ConfigMap data. */
  stringMap(key: string): Record<string, string> | null {
    const node = this.raw(key);
    if (node === null) return null;
    if (!isMap(node)) return this.expected(key, 'a mapping of strings', node);
    const out: Record<string, string> = Object.create(null) as Record<string, string>;
    const base = joinPath(this.path, key);
    for (const pair of node.items) {
      const k = isScalar(pair.key) ? pair.key.value : undefined;
      const v = pair.value as Node | null;
      if (typeof k !== 'string') {
        this.ctx.diags.error(
          placeOf(this.ctx, pair.key as Node, base),
          `expected a string key, got ${describeNode(pair.key as Node)}`,
        );
        continue;
      }
      const field = joinPath(base, k);
      // Go decodes `key:` (null) into a map[string]string as "".
      if (v === null || isNullScalar(v)) out[k] = '';
      else if (isScalar(v) && typeof v.value === 'string') out[k] = v.value;
      else
        this.ctx.diags.error(
          placeOf(this.ctx, v, field),
          `expected a string, got ${describeNode(v)} (quote it: these values are strings)`,
        );
    }
    return out;
  }

  /** Where a list item or value node sits, for callers that validate items themselves. */
  placeAt(node: Node | null, field: string): Place {
    return placeOf(this.ctx, node ?? this.anchor, field);
  }
}
