// Positions for values read by the YAML fast path (yaml-fast-path.ts), found only when a diagnostic asks:
// the object around the value (one item of a `kind: List`, or the whole `---` document) is parsed again by
// the full parser, which records positions, and the value is looked up there along its path. So a place
// is exactly where the full parser would have put it, at the cost of parsing one object, not the file.
import { Composer, isMap, isPair, isScalar, isSeq, Parser, type Node, type Pair } from 'yaml';
import { originPathOf } from './value-nodes';
import type { FastDocument } from './yaml-fast-path';
import { COMPOSE_OPTIONS } from './yaml-schema';

export class YamlLocator {
  private lineStarts: Int32Array | null = null;
  private cached: { start: number; end: number; root: Node | null } | null = null;

  constructor(
    private readonly text: string,
    private readonly documents: readonly FastDocument[],
  ) {}

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

  private lineStart(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** The part of the text parsed again, and the path inside it. */
  private scope(doc: FastDocument, steps: ReadonlyArray<string | number>) {
    const items = doc.items;
    const index = steps[1];
    if (items !== null && steps[0] === 'items' && typeof index === 'number' && index < items.offsets.length) {
      const next = items.offsets[index + 1];
      return {
        start: this.lineStart(items.offsets[index]!),
        end: next === undefined ? items.end : this.lineStart(next),
        steps: [0, ...steps.slice(2)],
      };
    }
    return { start: doc.start, end: doc.end, steps };
  }

  private parsed(start: number, end: number): Node | null {
    if (this.cached?.start !== start || this.cached.end !== end) {
      const composer = new Composer(COMPOSE_OPTIONS);
      const docs = [...composer.compose(new Parser().parse(this.text.slice(start, end)), true, end - start)];
      this.cached = { start, end, root: (docs[0]?.contents as Node | null | undefined) ?? null };
    }
    return this.cached.root;
  }

  /** Where the node of the document at `index` is written: as the full parser would place it. */
  locate(index: number, node: Node): { line: number; column: number } {
    const doc = this.documents[index];
    if (doc === undefined) return { line: 0, column: 0 };
    const { steps, isKey } = originPathOf(node);
    const scope = this.scope(doc, steps);
    let at: Node | null = this.parsed(scope.start, scope.end);
    let pair: Pair | null = null;
    let found = 0;
    for (const step of scope.steps) {
      let next: Node | null = null;
      pair = null;
      if (typeof step === 'number' && isSeq(at)) next = (at.items[step] as Node | undefined) ?? null;
      else if (typeof step === 'string' && isMap(at)) {
        pair = at.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === step) ?? null;
        next = (pair?.value as Node | null | undefined) ?? null;
      }
      if (next === null) break;
      at = next;
      found++;
    }
    const target = isKey && pair !== null && found === scope.steps.length ? (pair.key as Node) : at;
    const offset = target?.range?.[0];
    return offset === undefined ? this.position(scope.start) : this.position(scope.start + offset);
  }
}
