// The fast path for JSON input (`kubectl get … -o json`): the text is parsed by the engine's own JSON.parse
// (native, an order of magnitude faster than a YAML parser that records every position), then seen as
// syntax-tree nodes without positions (value-nodes.ts). Positions are only needed when a diagnostic is
// reported, so they are found then: `JsonLocator` walks the text along the field's path, skipping the
// values beside it.
import type { Node } from 'yaml';
import { originPathOf } from './value-nodes';

/** JSON text, when the document is one (kubectl's JSON starts with `{`; a bare array is JSON too). */
export function looksLikeJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff) continue;
    return c === 0x7b || c === 0x5b;
  }
  return false;
}

/** Finds where a node of a JSON text is written, only when a diagnostic asks. */
export class JsonLocator {
  private lineStarts: Int32Array | null = null;
  /** Offsets of the top-level `items` elements of a List, found on the first request. */
  private itemOffsets: number[] | null = null;

  constructor(private readonly text: string) {}

  private ws(i: number): number {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return i;
    }
  }

  /** The offset just past the string starting at i (a `"`). */
  private stringEnd(i: number): number {
    const t = this.text;
    for (i++; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x5c) i++;
      else if (c === 0x22) return i + 1;
    }
    return t.length;
  }

  /** The offset just past the value starting at i. */
  private valueEnd(i: number): number {
    const t = this.text;
    const c = t.charCodeAt(i);
    if (c === 0x22) return this.stringEnd(i);
    if (c !== 0x7b && c !== 0x5b) {
      while (i < t.length && !/[,\]}\s]/.test(t[i]!)) i++;
      return i;
    }
    let depth = 0;
    for (; i < t.length; i++) {
      const d = t.charCodeAt(i);
      if (d === 0x22) i = this.stringEnd(i) - 1;
      else if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        if (--depth === 0) return i + 1;
      }
    }
    return t.length;
  }

  /** Offsets of the elements of the array at i. */
  private elements(i: number): number[] {
    const out: number[] = [];
    i = this.ws(i + 1);
    while (i < this.text.length && this.text[i] !== ']') {
      out.push(i);
      i = this.ws(this.valueEnd(i));
      if (this.text[i] === ',') i = this.ws(i + 1);
    }
    return out;
  }

  /** The value of member `key` of the object at i. */
  private member(i: number, key: string): number | null {
    i = this.ws(i + 1);
    while (i < this.text.length && this.text[i] === '"') {
      const keyEnd = this.stringEnd(i);
      const value = this.ws(this.ws(keyEnd) + 1);
      if ((JSON.parse(this.text.slice(i, keyEnd)) as string) === key) return value;
      i = this.ws(this.valueEnd(value));
      if (this.text[i] === ',') i = this.ws(i + 1);
    }
    return null;
  }

  /** The offset of the value at `steps` in the document, or of the deepest parent found. */
  offsetOf(steps: ReadonlyArray<string | number>): number {
    let at = this.ws(0);
    for (let s = 0; s < steps.length; s++) {
      const step = steps[s]!;
      const c = this.text[at];
      let next: number | null | undefined;
      if (typeof step === 'number') {
        if (c !== '[') return at;
        // The items of a List are indexed once: every diagnostic in a dump starts there.
        next = (
          s === 1 && steps[0] === 'items' ? (this.itemOffsets ??= this.elements(at)) : this.elements(at)
        )[step];
      } else next = c === '{' ? this.member(at, step) : null;
      if (next === null || next === undefined) return at;
      at = next;
    }
    return at;
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    if (this.lineStarts === null) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = Int32Array.from(starts);
    }
    const s = this.lineStarts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - s[lo]! + 1 };
  }

  locate(node: Node): { line: number; column: number } {
    return this.position(this.offsetOf(originPathOf(node).steps));
  }
}
