// The lesson player reaches components through context, like the session.
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { LessonController } from './controller';
import type { LessonUiState } from './lesson-store';

export const LessonContext = createContext<LessonController | null>(null);

export function useLessons(): LessonController {
  const lessons = useContext(LessonContext);
  if (!lessons) throw new Error('useLessons outside <LessonContext.Provider>');
  return lessons;
}

/** The lesson player when there is one (the app has one; tests that mount panels alone may not). */
export function useOptionalLessons(): LessonController | null {
  return useContext(LessonContext);
}

export function useLessonUi<T>(selector: (s: LessonUiState) => T): T {
  return useStore(useLessons().ui, selector);
}
