// Walks a lesson against a trace: every step's hop found, every question's answer computed and present
// among its choices. The unit tests, the app (to warn an author in the editor) and the e2e test share it.
import type { ScenarioSummary } from '../../engine/protocol';
import type { TraceJson } from '../../engine';
import { playedHops } from '../dns/played-hops';
import { describeSelector, selectHop } from './hop-select';
import type { Lesson } from './lesson';
import { computeAnswer, markChoices, type Answer, type ShownChoice } from './templates';

export interface WalkedStep {
  readonly hop: number | null;
  readonly answer: Answer | null;
  readonly choices: readonly ShownChoice[];
  readonly problems: readonly string[];
}

export function walkLesson(lesson: Lesson, trace: TraceJson, summary: ScenarioSummary): WalkedStep[] {
  const hops = playedHops(trace);
  const ctx = { trace, hops, summary };
  return lesson.steps.map((step, i) => {
    const problems: string[] = [];
    let hop: number | null = null;
    if (step.at) {
      hop = selectHop(hops, step.at);
      if (hop < 0) {
        problems.push(
          `step ${i + 1}: no hop is ${describeSelector(step.at).replace(/^the (first|last) hop /, '')}`,
        );
        hop = null;
      }
    }
    let answer: Answer | null = null;
    let choices: ShownChoice[] = [];
    if (step.question) {
      answer = computeAnswer(ctx, step.question);
      if (!answer)
        problems.push(`step ${i + 1}: template ${step.question.template} finds no answer in this trace`);
      else {
        choices = markChoices(ctx, step.question, answer);
        if (choices.length < 2)
          problems.push(`step ${i + 1}: the question offers ${choices.length} choice(s)`);
        const right = choices.filter((c) => c.correct).length;
        if (right !== 1)
          problems.push(
            `step ${i + 1}: ${right} choices match the trace's answer ${JSON.stringify(answer.value)} (expected exactly 1)`,
          );
      }
    }
    return { hop, answer, choices, problems };
  });
}
