// A fast reader for the block YAML kubectl prints (`kubectl get … -o yaml`, go-yaml's emitter): block maps
// and lists, plain and one-line quoted scalars, one-line flow collections (yaml-flow.ts: `{}` and `[]` as
// go-yaml prints them, or whole objects as `- {kind: Pod, …}`), literal `|` blocks and `---` documents. It
// gives plain values, as JSON.parse does, and records only where documents and the items of a `kind: List`
// start; any other position is found later, and only if a diagnostic needs it (yaml-locator.ts). The full
// parser records a position for every value and took ~0.5 s per 1,000 Services of a dump.
//
// Anything outside that subset (anchors, tags, flow collections over several lines, folded or multi-line quoted scalars, tabs,
// duplicate keys, CRLF, deep nesting…) makes it give up and return null: the full parser then reads the
// file and reports any problem where it is. So the fast path never has to produce an error of its own.
//
// metadata.managedFields, about a third of a dump that nothing reads, is only checked: read in a mode that
// makes no values (value-nodes.ts leaves it out of the tree too).
import { MAX_DEPTH } from './limits';
import { TYPED_KEYS } from './value-nodes';
import { readFlowCollection } from './yaml-flow';
import { resolvePlain } from './yaml-schema';
import {
  checkDoubleQuoted,
  checkPlainScalar,
  mayBeTypedRange,
  OutsideSubset,
  outside,
  quotedEnd,
  quotedValue,
  startsWithIndicator,
} from './yaml-subset';

export interface FastDocument {
  /** The document's value; null for a document without content. */
  readonly value: unknown;
  /** Offset of the document's first line (after its `---`) and just past its last. */
  readonly start: number;
  readonly end: number;
  /** For a root mapping's `items` list: the offset of each item's `-`, and where the list ends. */
  readonly items: { readonly offsets: number[]; readonly end: number } | null;
}

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const NEWLINE = 0x0a;

/** Slots of the cache of keys read before (a power of two). */
const KEY_CACHE_SIZE = 4096;

/** A mapping's keys are compared one by one up to this many; past it, through a set. */
const SCANNED_KEYS = 16;

/** Whether `t[at, end)` is `text`. */
function sameText(t: string, at: number, end: number, text: string): boolean {
  if (text.length !== end - at) return false;
  for (let i = 0; i < text.length; i++) if (t.charCodeAt(at + i) !== text.charCodeAt(i)) return false;
  return true;
}

class BlockReader {
  /** Start of the current content line, its indentation, where its content starts and its end. */
  private pos = 0;
  private indent = 0;
  private content = 0;
  private end = 0;
  /** False at the end of the document (a `---` line or the end of the text). */
  private more = false;
  private itemsRecord: { offsets: number[]; end: number } | null = null;
  /** While true, values are checked but not made (inside managedFields). */
  private check = false;
  /** Set by `key`: the key's value when YAML 1.1 reads it as other than its text (`.` is a float). */
  private typedKey: unknown = undefined;
  /** While checking: the keys of the mappings open, each mapping's from where it began. */
  private readonly keys: string[] = [];
  private keyCount = 0;
  /** Plain keys read before, by a hash of their text, and their values when typed (see `key`). */
  private readonly keyCache: Array<string | undefined> = new Array<string | undefined>(KEY_CACHE_SIZE);
  private readonly keyCacheTyped: unknown[] = new Array<unknown>(KEY_CACHE_SIZE);

  constructor(private readonly text: string) {}

  private lineEnd(at: number): number {
    const i = this.text.indexOf('\n', at);
    return i < 0 ? this.text.length : i;
  }

  private isDocumentMarker(at: number): boolean {
    const t = this.text;
    if (t.startsWith('---', at)) {
      const after = at + 3;
      if (after === t.length || t.charCodeAt(after) === NEWLINE) return true;
      if (t.charCodeAt(after) === SPACE) outside(); // `--- value` or `--- # comment`
    }
    if (t.startsWith('...', at) || t.charCodeAt(at) === 0x25 /* % directive */) outside();
    return false;
  }

  /** Moves from `at` to the next line with content (skipping blank and comment lines) in this document. */
  private seek(at: number): void {
    const t = this.text;
    while (at < t.length) {
      if (this.isDocumentMarker(at)) break;
      let i = at;
      while (t.charCodeAt(i) === SPACE) i++;
      const c = t.charCodeAt(i);
      if (c === 0x09) outside(); // a tab in indentation
      const end = this.lineEnd(i);
      if (i < end && c !== HASH) {
        this.pos = at;
        this.indent = i - at;
        this.content = i;
        this.end = end;
        this.more = true;
        return;
      }
      at = end + 1;
    }
    this.pos = Math.min(at, t.length);
    this.more = false;
  }

  private nextLine(): void {
    this.seek(this.end + 1);
  }

  /** Where the `:` of a `key: value` starting at `at` is, or -1 when the line is not a key. */
  private keyColon(at: number, end: number): number {
    const t = this.text;
    const q = t.charCodeAt(at);
    if (q === 0x22 || q === 0x27) {
      const close = this.quotedEnd(at, end);
      if (close < 0) return -1;
      return t.charCodeAt(close) === COLON && (close + 1 === end || t.charCodeAt(close + 1) === SPACE)
        ? close
        : -1;
    }
    for (let i = at; i < end; i++) {
      const c = t.charCodeAt(i);
      if (c === COLON && (i + 1 === end || t.charCodeAt(i + 1) === SPACE)) return i;
      if (c === HASH && t.charCodeAt(i - 1) === SPACE) return -1;
    }
    return -1;
  }

  private quotedEnd(at: number, end: number): number {
    return quotedEnd(this.text, at, end);
  }

  /** The quoted scalar `text[at, close)`, decoded; while checking, only its escapes are checked. */
  private quoted(at: number, close: number): string {
    if (this.check) {
      if (this.text.charCodeAt(at) === 0x22) checkDoubleQuoted(this.text, at + 1, close - 1);
      return '';
    }
    return quotedValue(this.text, at, close);
  }

  /** Nothing but spaces (and a comment) may follow a value on its line. */
  private restIsBlank(at: number, end: number): void {
    const t = this.text;
    let i = at;
    while (i < end && t.charCodeAt(i) === SPACE) i++;
    if (i < end && !(t.charCodeAt(i) === HASH && i > at)) outside();
  }

  /** The key's text; its value when YAML 1.1 reads it as other than that text goes to `typedKey`. */
  private key(at: number, colon: number): string {
    const t = this.text;
    const c = t.charCodeAt(at);
    this.typedKey = undefined;
    // Decoded even while checking: keys are compared by their text.
    if (c === 0x22 || c === 0x27) return quotedValue(t, at, colon);
    let e = colon;
    while (e > at && t.charCodeAt(e - 1) === SPACE) e--;
    // A dump repeats a few hundred keys: one seen before is given as the same string, judged once. A new
    // string per key cost a copy, and V8 a string-table lookup for each property stored under it.
    let hash = e - at;
    for (let i = at; i < e; i++) hash = (Math.imul(hash, 31) + t.charCodeAt(i)) | 0;
    const slot = hash & (KEY_CACHE_SIZE - 1);
    const seen = this.keyCache[slot];
    if (seen !== undefined && sameText(t, at, e, seen)) {
      this.typedKey = this.keyCacheTyped[slot];
      return seen;
    }
    const text = t.slice(at, e);
    if (startsWithIndicator(text) || text === '<<') outside();
    const key = resolvePlain(text);
    if (key === undefined) outside();
    if (key !== text) this.typedKey = key;
    this.keyCache[slot] = text;
    this.keyCacheTyped[slot] = this.typedKey;
    return text;
  }

  /**
   * The value starting at `at` on the current line, in a block indented `n`, nested at `depth`; moves to
   * the next line.
   */
  private inline(at: number, n: number, depth: number): unknown {
    const t = this.text;
    const end = this.end;
    const c = t.charCodeAt(at);
    if (c === 0x22 || c === 0x27) {
      const close = this.quotedEnd(at, end);
      if (close < 0) outside(); // a quoted scalar over several lines
      this.restIsBlank(close, end);
      this.nextLine();
      return this.quoted(at, close);
    }
    if (c === 0x7b || c === 0x5b) {
      // A flow collection on one line: go-yaml's `{}` and `[]`, or a whole object written `{…}` (yaml-flow.ts).
      const { value, next } = readFlowCollection(t, at, end, depth);
      this.restIsBlank(next, end);
      this.nextLine();
      return value;
    }
    if (c === 0x7c) return this.literal(at, n);
    let e = end;
    while (e > at && t.charCodeAt(e - 1) === SPACE) e--;
    checkPlainScalar(t, at, e);
    // While checking, only a scalar that may be other than a string is resolved (its tag may refuse it).
    const resolve = !this.check || mayBeTypedRange(t, at, e);
    const text = resolve ? t.slice(at, e) : '';
    this.nextLine();
    // A deeper line next continues the scalar (go-yaml folds long ones): left to the full parser.
    if (this.more && this.indent > n) outside();
    if (!resolve) return null;
    const value = resolvePlain(text);
    return value === undefined ? outside() : value;
  }

  /** A literal block scalar (`|`, `|-`, `|+`) whose header is at `at`. */
  private literal(at: number, n: number): string {
    const t = this.text;
    const chomp = t.charCodeAt(at + 1);
    const keep = chomp === 0x2b;
    const strip = chomp === DASH;
    this.restIsBlank(keep || strip ? at + 2 : at + 1, this.end);
    const lines: string[] = [];
    let i = this.end + 1;
    let m = -1;
    let trailing = 0;
    let sawEnd = false;
    while (i < t.length) {
      const e = this.lineEnd(i);
      let j = i;
      while (j < e && t.charCodeAt(j) === SPACE) j++;
      if (j === e) {
        // An all-space line: part of the block; spaces past its indentation are content.
        if (m < 0 && j - i > 0) outside();
        if (!this.check) lines.push(m >= 0 && j - i > m ? t.slice(i + m, e) : '');
        if (!(m >= 0 && j - i > m)) trailing++;
        else trailing = 0;
        i = e + 1;
        if (e === t.length) sawEnd = true;
        continue;
      }
      if (m < 0) {
        if (j - i <= n) break;
        m = j - i;
      } else if (j - i < m) break;
      if (t.charCodeAt(j) === 0x09 && j - i === m) outside();
      if (e === t.length) outside(); // the last line of the text without its line break
      if (!this.check) lines.push(t.slice(i + m, e));
      trailing = 0;
      i = e + 1;
    }
    if (sawEnd) outside();
    if (this.check) {
      this.seek(i);
      return '';
    }
    const content = lines.slice(0, lines.length - trailing);
    this.seek(i);
    if (content.length === 0) return keep ? '\n'.repeat(trailing) : '';
    const body = content.join('\n');
    if (strip) return body;
    if (keep) return body + '\n' + '\n'.repeat(trailing);
    return body + '\n';
  }

  /** The block at the current line, indented `n`: a list or a mapping. */
  private block(n: number, depth: number): unknown {
    if (depth > MAX_DEPTH) outside();
    const t = this.text;
    const c = t.charCodeAt(this.content);
    if (c === DASH && (this.content + 1 === this.end || t.charCodeAt(this.content + 1) === SPACE))
      return this.list(n, depth, null);
    if (this.keyColon(this.content, this.end) < 0) {
      // A lone scalar as the whole block (a document that is one value).
      return this.inline(this.content, n - 1, depth);
    }
    return this.map(n, depth);
  }

  /** The value after `key:` with nothing more on its line, in a mapping indented `n`. */
  private valueBelow(n: number, depth: number, record: boolean, onlyCheckList: boolean): unknown {
    this.nextLine();
    if (!this.more) return null;
    if (onlyCheckList && !this.check && this.indent >= n && this.isDash()) {
      // metadata.managedFields: checked (so a problem in it still sends the file to the full parser) but
      // not made. It is a third of a dump and nothing reads it (value-nodes.ts leaves it out too).
      this.check = true;
      this.list(this.indent, depth, null);
      this.check = false;
      return [];
    }
    if (this.indent > n) {
      if (record && this.isDash())
        return this.list(this.indent, depth, (this.itemsRecord = { offsets: [], end: 0 }));
      return this.block(this.indent, depth);
    }
    if (this.indent === n && this.isDash())
      return this.list(n, depth, record ? (this.itemsRecord = { offsets: [], end: 0 }) : null);
    return null;
  }

  private isDash(): boolean {
    const t = this.text;
    return (
      t.charCodeAt(this.content) === DASH &&
      (this.content + 1 === this.end || t.charCodeAt(this.content + 1) === SPACE)
    );
  }

  /** While checking: gives up on a key the mapping begun at `base` of `keys` already has. */
  private checkUnique(key: string, base: number, seen: Set<string> | null): Set<string> | null {
    if (seen !== null) {
      if (seen.has(key)) outside();
      seen.add(key);
      return seen;
    }
    for (let i = base; i < this.keyCount; i++) if (this.keys[i] === key) outside();
    if (this.keyCount - base < SCANNED_KEYS) {
      this.keys[this.keyCount++] = key;
      return null;
    }
    const set = new Set(this.keys.slice(base, this.keyCount));
    set.add(key);
    return set;
  }

  private map(n: number, depth: number): Record<string, unknown> | null {
    const t = this.text;
    const out: Record<string, unknown> | null = this.check ? null : {};
    const isRoot = depth === 1;
    const base = this.keyCount;
    let seen: Set<string> | null = null;
    let typedSeen: Set<unknown> | null = null;
    while (this.more && this.indent === n) {
      if (this.isDash()) break; // a list at the mapping's own indent ends it (go-yaml's style)
      const colon = this.keyColon(this.content, this.end);
      if (colon < 0) outside();
      const key = this.key(this.content, colon);
      const typed = this.typedKey;
      if (key === '__proto__') outside();
      if (out === null) seen = this.checkUnique(key, base, seen);
      else if (Object.prototype.hasOwnProperty.call(out, key)) outside();
      if (typed !== undefined) {
        // Two keys of one value are the full parser's to report (a set's equality is `Object.is` or `===`).
        typedSeen ??= new Set();
        if (typedSeen.has(typed)) outside();
        typedSeen.add(typed);
        // Kept under its text, its value beside it.
        if (out !== null) ((out as Record<symbol, Record<string, unknown>>)[TYPED_KEYS] ??= {})[key] = typed;
      }
      let v = colon + 1;
      while (v < this.end && t.charCodeAt(v) === SPACE) v++;
      const value =
        v === this.end || t.charCodeAt(v) === HASH
          ? (v === this.end || t.charCodeAt(v - 1) === SPACE || outside(),
            this.valueBelow(n, depth + 1, isRoot && key === 'items', key === 'managedFields'))
          : this.inlineValue(v, n, depth + 1);
      if (out !== null) out[key] = value;
      if (this.more && this.indent > n) outside();
    }
    this.keyCount = base;
    return out;
  }

  private inlineValue(at: number, n: number, depth: number): unknown {
    const t = this.text;
    if (t.charCodeAt(at) === DASH && (at + 1 === this.end || t.charCodeAt(at + 1) === SPACE)) outside();
    return this.inline(at, n, depth);
  }

  private list(
    n: number,
    depth: number,
    record: { offsets: number[]; end: number } | null,
  ): unknown[] | null {
    if (depth > MAX_DEPTH) outside();
    const t = this.text;
    const out: unknown[] | null = this.check ? null : [];
    while (this.more && this.indent === n && this.isDash()) {
      record?.offsets.push(this.content);
      let item: unknown = null;
      let v = this.content + 1;
      while (v < this.end && t.charCodeAt(v) === SPACE) v++;
      if (v === this.end || t.charCodeAt(v) === HASH) {
        if (v < this.end && t.charCodeAt(v - 1) !== SPACE) outside();
        this.nextLine();
        item = this.more && this.indent > n ? this.block(this.indent, depth + 1) : null;
      } else if (t.charCodeAt(v) === DASH && (v + 1 === this.end || t.charCodeAt(v + 1) === SPACE)) {
        outside(); // `- - x`: a list in a list on one line
      } else if (t.charCodeAt(v) === 0x7b || t.charCodeAt(v) === 0x5b) {
        item = this.inlineValue(v, n, depth + 1); // `- {kind: Service, …}`: a flow collection
      } else if (this.keyColon(v, this.end) >= 0) {
        // `- key: value`: a mapping whose indentation is the column of its first key.
        this.indent = v - this.pos;
        this.content = v;
        item = this.map(v - this.pos, depth + 1);
      } else {
        item = this.inlineValue(v, n, depth + 1);
      }
      out?.push(item);
      if (this.more && this.indent > n) outside();
    }
    if (record) record.end = this.pos;
    return out;
  }

  /** All documents of the text, or null when the text leaves the subset. */
  documents(): FastDocument[] | null {
    const t = this.text;
    if (t.includes('\r') || t.charCodeAt(0) === 0xfeff) return null;
    const docs: FastDocument[] = [];
    try {
      let at = 0;
      let first = true;
      while (at < t.length || first) {
        this.itemsRecord = null;
        this.seek(at);
        if (first && !this.more && this.isDocumentMarker(this.pos) && this.pos < t.length) {
          // A `---` before any content opens the first document rather than ending an empty one.
          first = false;
          at = this.lineEnd(this.pos) + 1;
          continue;
        }
        const start = at;
        let value: unknown = null;
        if (this.more) {
          value = this.block(this.indent, 1);
          if (this.more) outside(); // content left over, less indented than the document's root
        }
        docs.push({ value, start, end: this.pos, items: this.itemsRecord });
        first = false;
        if (this.pos >= t.length) break;
        at = this.lineEnd(this.pos) + 1; // past the `---`
        if (at >= t.length) {
          docs.push({ value: null, start: at, end: at, items: null });
          break;
        }
      }
    } catch (e) {
      if (e instanceof OutsideSubset) return null;
      throw e;
    }
    return docs;
  }
}

/** The documents of `text` as plain values, or null when it is not in the subset this reader takes. */
export function readBlockYaml(text: string): FastDocument[] | null {
  return new BlockReader(text).documents();
}
