// Predict, then reveal: until a lesson's question has its student's choice (on its step and the steps before), the views that would
// give its answer away (every DNS query and its rcode, the HTTP result, the trace's parts, the event list,
// the mode comparison) hold it back. The hop on screen is chosen by the lesson to stand before the answer
// (app/lessons/lessons.test.ts checks that), so the stage and the Hop tab stay as they are.
import { useStore } from 'zustand';
import { useOptionalLessons } from './lesson-context';
import { createLessonUiStore, type LessonUiState } from './lesson-store';

export function selectPredicting(s: LessonUiState): boolean {
  if (s.status !== 'ready' || !s.lesson) return false;
  // Held back from the lesson's start, not only on the question's own step: the DNS lesson's first steps
  // showed all eight queries, and the Ingress lesson's the winning rule, before the questions asked them.
  // A question's own step shows them again once its answer is revealed: the reveal is what they are for.
  if (s.lesson.steps[s.step]?.question !== undefined) return s.revealed[s.step] !== true;
  return s.lesson.steps.some(
    (step, i) => i > s.step && step.question !== undefined && s.revealed[i] !== true,
  );
}

/** Panels mounted without a lesson player (unit tests) never predict. */
const NO_LESSON = createLessonUiStore('hop');

export function usePredicting(): boolean {
  const lessons = useOptionalLessons();
  return useStore(lessons?.ui ?? NO_LESSON, selectPredicting);
}

/** What a view shows instead of the answer while the student predicts. */
export function HeldBack({ what }: { what: string }) {
  return (
    <p className="empty held-back" data-testid="held-back">
      {what} will show here once you answer the lesson's question.
    </p>
  );
}
