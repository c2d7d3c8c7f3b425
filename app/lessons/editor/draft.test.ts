import { describe, expect, it } from 'vitest';
import { defaultEngine, DEFAULT_YAML } from '../../testing/default-engine';
import { playedHops } from '../../dns/played-hops';
import { selectHop } from '../hop-select';
import { checkLessonYaml } from '../schema';
import { checkDraft, lessonYaml, selectorFor } from './draft';

describe('the lesson editor', () => {
  const { trace, summary } = defaultEngine();
  const hops = playedHops(trace);

  it('names every hop of the default trace by what it is, finding that same hop again', () => {
    for (let i = 0; i < hops.length; i++) {
      const s = selectorFor(hops, i);
      if (s) expect(selectHop(hops, s)).toBe(i);
    }
    const named = hops.filter((_, i) => selectorFor(hops, i) !== null).length;
    expect(named / hops.length).toBeGreaterThan(0.8);
  });

  it('checks a draft against the trace, and writes a file that reads back as the same lesson', () => {
    const at = selectorFor(
      hops,
      hops.findIndex((h) => h.kind === 'prerouting'),
    )!;
    const draft = {
      id: 'mine',
      title: 'Mine',
      summary: 'A teacher wrote it.',
      topics: ['iptables'],
      scenario: { text: DEFAULT_YAML },
      flow: { from: 'pod/default/client', to: 'svc/default/web:http' },
      seed: 1,
      steps: [
        { text: 'Look at **PREROUTING**.', highlight: ['hop'], at },
        {
          text: 'Guess.',
          highlight: [],
          question: { prompt: 'Which pod?', template: 'delivered-pod', choices: 'auto' },
        },
        {
          text: 'Guess again.',
          highlight: [],
          question: { prompt: 'Verdict?', template: 'verdict', choices: ['dropped', 'rejected'] },
        },
      ],
    };
    const checked = checkDraft(draft, trace, summary);
    // The last question lists no right choice: the editor says so rather than letting it through.
    expect(checked.problems).toEqual([
      expect.stringMatching(/step 3: 0 choices match the trace's answer "delivered"/),
    ]);
    const file = lessonYaml(checked.lesson!);
    const back = checkLessonYaml(file, 'mine.yaml');
    expect(back.ok && back.lesson).toEqual(checked.lesson);
  });
});
