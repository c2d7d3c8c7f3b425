// The search behind the flow chooser's From and To boxes. A kubectl dump of a few thousand pods and
// Services offers thousands of sources and destinations; drawing them all as <option>s held the main thread
// for most of a second. The box draws only what matches what is typed, at most `limit` of them, and says
// how many more there are.
import type { FlowOption } from './flow-options';

export interface SearchableOptions {
  readonly options: readonly FlowOption[];
  /** Each option's label and value in lower case, searched by every typed word. */
  readonly haystacks: readonly string[];
}

export interface Matches {
  /** The first `limit` matches, in the options' own order (grouped as the options are). */
  readonly shown: readonly FlowOption[];
  /** How many options match in all. */
  readonly total: number;
}

/** The box's list at most: enough to scroll through, few enough to draw in a few milliseconds. */
export const SHOWN_MAX = 50;

export function searchable(options: readonly FlowOption[]): SearchableOptions {
  return { options, haystacks: options.map((o) => `${o.label}\n${o.value}`.toLowerCase()) };
}

/**
 * The options whose label or value holds every word typed, in any order and case (`web 8080`,
 * `kube-dns dns-tcp`, `10.244.1.`); all of them for an empty query. `current` is kept in the list when it
 * matches but falls past the limit, so opening the box always shows what is chosen.
 */
export function matchOptions(
  from: SearchableOptions,
  query: string,
  current: string | null = null,
  limit: number = SHOWN_MAX,
): Matches {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const shown: FlowOption[] = [];
  let total = 0;
  let currentMatch: FlowOption | null = null;
  from.options.forEach((option, i) => {
    const haystack = from.haystacks[i]!;
    if (!words.every((w) => haystack.includes(w))) return;
    total++;
    if (shown.length < limit) shown.push(option);
    else if (option.value === current) currentMatch = option;
  });
  if (currentMatch) shown[shown.length - 1] = currentMatch;
  return { shown, total };
}
