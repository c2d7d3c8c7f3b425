// The From and To boxes' search: every typed word must match, in any order and case; the list is capped
// and counts the rest; the chosen option stays in view.
import { describe, expect, it } from 'vitest';
import { defaultEngine } from '../testing/default-engine';
import { destinationOptions, type FlowOption } from './flow-options';
import { matchOptions, searchable, SHOWN_MAX } from './option-search';

const { summary } = defaultEngine();

/** A dump's worth of destinations: 3,000 Service ports in the words destinationOptions uses. */
const many: FlowOption[] = Array.from({ length: 3000 }, (_, i) => ({
  value: `svc/team-${i % 50}/svc-${i}:http`,
  label: `service team-${i % 50}/svc-${i}:http (10.96.${i >> 8}.${i & 255}:80/TCP)`,
  group: 'Service ports',
}));

describe('matchOptions', () => {
  it('keeps the options holding every typed word, in any order and case', () => {
    const options = searchable(destinationOptions(summary));
    const { shown, total } = matchOptions(options, 'DNS-tcp  kube');
    expect(shown.map((o) => o.value)).toEqual(['svc/kube-system/kube-dns:dns-tcp']);
    expect(total).toBe(1);
    // Addresses are searched too.
    const web = matchOptions(options, '10.96.').shown;
    expect(web.length).toBeGreaterThan(0);
    expect(web.every((o) => o.label.includes('10.96.'))).toBe(true);
  });

  it(`shows at most ${SHOWN_MAX} of thousands and counts them all`, () => {
    const options = searchable(many);
    const all = matchOptions(options, '');
    expect(all.shown).toHaveLength(SHOWN_MAX);
    expect(all.total).toBe(3000);
    const team7 = matchOptions(options, 'team-7/');
    expect(team7.total).toBe(60);
    expect(team7.shown).toHaveLength(SHOWN_MAX);
    expect(matchOptions(options, 'svc-2999').shown.map((o) => o.value)).toEqual([
      'svc/team-49/svc-2999:http',
    ]);
    expect(matchOptions(options, 'nothing-like-this')).toEqual({ shown: [], total: 0 });
  });

  it('keeps the chosen option in the list when it matches past the cap', () => {
    const options = searchable(many);
    const { shown } = matchOptions(options, '', 'svc/team-0/svc-2000:http');
    expect(shown).toHaveLength(SHOWN_MAX);
    expect(shown.at(-1)?.value).toBe('svc/team-0/svc-2000:http');
    // Not matching the words: not forced in.
    expect(matchOptions(options, 'svc-1', 'svc/team-0/svc-2000:http').shown.at(-1)?.value).not.toBe(
      'svc/team-0/svc-2000:http',
    );
  });
});
