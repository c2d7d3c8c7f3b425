// The rules one hook visited, in order, as a hop keeps them. A stretch of rules that missed on their
// destination (destination-runs.ts) is kept as one entry, a range of the chain's shared miss visits, and
// spelled out one visit per rule only when read: at 30,000 Services a round trip crosses ~180,000 rules,
// and appending each to a growing array cost more than deciding that they missed.
import type { RuleVisit } from './rule-visit';

/** What a hop's visits offer its readers: a plain array of visits is one too. */
export interface VisitList extends Iterable<RuleVisit> {
  readonly length: number;
  map<T>(f: (visit: RuleVisit, index: number) => T): T[];
  filter(f: (visit: RuleVisit) => boolean): RuleVisit[];
  some(f: (visit: RuleVisit) => boolean): boolean;
  find(f: (visit: RuleVisit) => boolean): RuleVisit | undefined;
}

/** Visits `misses[from]` … `misses[to - 1]`, in order. */
class MissRange {
  constructor(
    readonly misses: readonly RuleVisit[],
    readonly from: number,
    readonly to: number,
  ) {}
}

export class VisitLog implements VisitList {
  private readonly parts: Array<RuleVisit | MissRange> = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(visit: RuleVisit): void {
    this.parts.push(visit);
    this.count++;
  }

  /** The rules at `from` … `to - 1` of a chain missed: `misses` holds each position's shared miss visit. */
  pushMisses(misses: readonly RuleVisit[], from: number, to: number): void {
    if (to <= from) return;
    this.parts.push(new MissRange(misses, from, to));
    this.count += to - from;
  }

  map<T>(f: (visit: RuleVisit, index: number) => T): T[] {
    // Sized once: the result can hold ~30,000 entries per hop.
    const out = new Array<T>(this.count);
    let n = 0;
    for (const part of this.parts) {
      if (part instanceof MissRange) {
        for (let k = part.from; k < part.to; k++, n++) out[n] = f(part.misses[k]!, n);
      } else {
        out[n] = f(part, n);
        n++;
      }
    }
    return out;
  }

  filter(f: (visit: RuleVisit) => boolean): RuleVisit[] {
    const out: RuleVisit[] = [];
    for (const v of this) if (f(v)) out.push(v);
    return out;
  }

  some(f: (visit: RuleVisit) => boolean): boolean {
    return this.find(f) !== undefined;
  }

  find(f: (visit: RuleVisit) => boolean): RuleVisit | undefined {
    for (const v of this) if (f(v)) return v;
    return undefined;
  }

  *[Symbol.iterator](): Iterator<RuleVisit> {
    for (const part of this.parts) {
      if (part instanceof MissRange) for (let k = part.from; k < part.to; k++) yield part.misses[k]!;
      else yield part;
    }
  }
}
