// Runs of consecutive rules that each match one exact destination address (`-d A/32`, not negated), as
// kube-proxy's KUBE-SERVICES is (one rule per Service port: `-d CLUSTER-IP/32 -p tcp … --dport P -j …`).
// ip_packet_match checks the address before any -m module, so a rule whose address differs from the
// packet's misses with nothing drawn or changed; the walk can then jump straight to the next rule of the run
// written for the packet's address and record the rules before it as misses, one by one, exactly as a
// rule-by-rule walk would. The kernel itself still checks every rule (that linear cost is what the trace
// shows as rules evaluated); only the simulator's time per miss changes.
import type { CompiledMatch } from './match';

/** Shorter runs are walked rule by rule: the index would cost more than it saves. */
const MIN_RUN = 16;

const EXACT = 0xffffffff;

export class DestinationRun {
  /** Positions of the run's rules by destination address, ascending. */
  private readonly byDst = new Map<number, number[]>();

  constructor(
    matches: readonly CompiledMatch[],
    start: number,
    /** One past the run's last position. */
    readonly end: number,
  ) {
    for (let k = start; k < end; k++) {
      const dst = matches[k]!.dstNet;
      const list = this.byDst.get(dst);
      if (list === undefined) this.byDst.set(dst, [k]);
      else list.push(k);
    }
  }

  /** The first position at or after `from` whose rule is written for `dst`, else the run's end. */
  next(dst: number, from: number): number {
    const list = this.byDst.get(dst >>> 0);
    if (list === undefined || list[list.length - 1]! < from) return this.end;
    let lo = 0;
    let hi = list.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return list[lo]!;
  }
}

function exactDestination(m: CompiledMatch): boolean {
  return m.dstMask === EXACT && !m.dstNegated;
}

/** Each position's run (the same object for all positions of one run), undefined outside any run. */
export function destinationRuns(matches: readonly CompiledMatch[]): Array<DestinationRun | undefined> {
  const runs: Array<DestinationRun | undefined> = new Array<DestinationRun | undefined>(matches.length);
  let k = 0;
  while (k < matches.length) {
    if (!exactDestination(matches[k]!)) {
      k++;
      continue;
    }
    let end = k + 1;
    while (end < matches.length && exactDestination(matches[end]!)) end++;
    if (end - k >= MIN_RUN) {
      const run = new DestinationRun(matches, k, end);
      for (let p = k; p < end; p++) runs[p] = run;
    }
    k = end;
  }
  return runs;
}
