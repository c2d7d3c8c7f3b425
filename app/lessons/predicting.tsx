// Predict, then reveal: while a lesson's question waits for the student's choice, the views that would
// give its answer away (every DNS query and its rcode, the HTTP result, the trace's parts, the event list,
// the mode comparison) hold it back. The hop on screen is chosen by the lesson to stand before the answer
// (app/lessons/lessons.test.ts checks that), so the stage and the Hop tab stay as they are.
import { useStore } from 'zustand';
import { useOptionalLessons } from './lesson-context';
import { createLessonUiStore, type LessonUiState } from './lesson-store';

export function selectPredicting(s: LessonUiState): boolean {
  const step = s.lesson?.steps[s.step];
  return s.status === 'ready' && step?.question !== undefined && s.revealed[s.step] !== true;
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
      {what} will show here once you check your answer in the lesson.
    </p>
  );
}
