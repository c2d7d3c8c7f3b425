// The lesson being written, kept outside the editor's component: "Preview as a student" closes the editor
// and a step's panel may switch tabs, and either used to unmount the editor and throw the teacher's work
// away. The draft lives as long as the page, so reopening the editor carries on where it was left.
import { createStore } from 'zustand/vanilla';
import type { LessonStep, Topic } from '../lesson';

export interface StepDraft {
  readonly text: string;
  readonly at: LessonStep['at'] | null;
  readonly panel: string;
  readonly highlight: readonly string[];
  readonly template: string;
  readonly prompt: string;
  readonly choices: string;
  readonly field: string;
}

export const EMPTY_STEP: StepDraft = {
  text: '',
  at: null,
  panel: '',
  highlight: ['hop'],
  template: '',
  prompt: '',
  choices: '',
  field: '',
};

export interface EditorDraft {
  readonly title: string;
  readonly topics: readonly Topic[];
  readonly steps: readonly StepDraft[];
}

export const editorDraft = createStore<EditorDraft>()(() => ({
  title: 'My lesson',
  topics: ['vxlan'],
  steps: [EMPTY_STEP],
}));
