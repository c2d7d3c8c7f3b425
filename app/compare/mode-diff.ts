// Where one flow differs between kube-proxy modes, as plain data for the side-by-side table: the outcome,
// and the rules each netfilter hook walked for the first packet (aligned by where the packet was).
import type { ModeOutcome } from '../../engine/protocol';
import type { HopJson } from '../../engine';

export interface HookCount {
  readonly rules: number;
  readonly lookups: number;
}

export interface HookRow {
  /** `node/node-1 prerouting cni0`: the hop's namespace, stage and device. */
  readonly key: string;
  /** Per compared mode, in order; null when that mode's first packet did not pass this hook. */
  readonly counts: readonly (HookCount | null)[];
  readonly differs: boolean;
}

/** Hops of the request leg (the reply's way back not counted). */
export const requestHops = (o: { readonly hops: readonly HopJson[] }): number =>
  o.hops.filter((h) => h.direction === 'request').length;

const hookKey = (h: HopJson): string => `${h.netns} ${h.kind} ${h.device}`;

function hooks(outcome: ModeOutcome): Map<string, HookCount> {
  const out = new Map<string, HookCount>();
  if (outcome.kind !== 'traced') return out;
  for (const h of outcome.hops) {
    if (h.direction !== 'request' || h.rulesEvaluated === 0) continue;
    const key = hookKey(h);
    const had = out.get(key) ?? { rules: 0, lookups: 0 };
    out.set(key, {
      rules: had.rules + h.rulesEvaluated,
      lookups: had.lookups + h.rules.filter((r) => r.lookup !== undefined).length,
    });
  }
  return out;
}

const same = (a: HookCount | null, b: HookCount | null): boolean =>
  a === b || (a !== null && b !== null && a.rules === b.rules && a.lookups === b.lookups);

/**
 * One row per hook any mode's first packet walked rules in, in the order the packets met them. A mode whose
 * packet never set off (it failed to load, or its DNS lookup failed) has nothing to compare at any hook, so
 * it does not mark every row as a difference.
 */
export function hookRows(outcomes: readonly ModeOutcome[]): HookRow[] {
  const perMode = outcomes.map(hooks);
  const sent = outcomes.map((o) => o.kind === 'traced' && o.hops.some((h) => h.direction === 'request'));
  const keys: string[] = [];
  for (const m of perMode) for (const k of m.keys()) if (!keys.includes(k)) keys.push(k);
  return keys.map((key) => {
    const counts = perMode.map((m) => m.get(key) ?? null);
    const compared = counts.filter((_, i) => sent[i]);
    return { key, counts, differs: compared.some((c) => !same(c, compared[0] ?? null)) };
  });
}

function outcomeText(o: ModeOutcome): string {
  if (o.kind === 'failed') return `failed to load`;
  return o.verdict === 'delivered'
    ? `delivered to ${o.deliveredTo?.pod ?? o.deliveredTo?.netns ?? '?'}`
    : o.verdict;
}

/** Sentences naming what differs between the modes (empty when they agree on everything compared). */
export function differences(outcomes: readonly ModeOutcome[]): string[] {
  if (outcomes.length < 2) return [];
  const out: string[] = [];
  const list = (f: (o: ModeOutcome) => string) => outcomes.map((o) => `${o.mode}: ${f(o)}`).join('; ');
  const differ = (f: (o: ModeOutcome) => string) => new Set(outcomes.map(f)).size > 1;
  const verdict = (o: ModeOutcome) => (o.kind === 'traced' ? o.verdict : 'not loaded');
  if (differ(verdict)) out.push(`The outcome differs — ${list(outcomeText)}.`);
  const first = (o: ModeOutcome) => (o.kind === 'traced' ? String(o.firstPacketRules) : '–');
  if (differ(first)) out.push(`Rules walked by the first packet — ${list(first)}.`);
  const lookups = (o: ModeOutcome) => (o.kind === 'traced' ? String(o.firstPacketLookups) : '–');
  if (differ(lookups)) out.push(`Set and map lookups — ${list(lookups)}.`);
  const path = (o: ModeOutcome) =>
    o.kind === 'traced'
      ? o.hops
          .filter((h) => h.direction === 'request')
          .map(hookKey)
          .join('>')
      : '';
  if (differ(path)) {
    // The same count as the table's "hops, request" row.
    const lengths = (o: ModeOutcome) => {
      const n = o.kind === 'traced' ? requestHops(o) : null;
      return n === null ? '–' : `${n} request hop${n === 1 ? '' : 's'}`;
    };
    out.push(`The path differs — ${list(lengths)}.`);
  }
  return out;
}
