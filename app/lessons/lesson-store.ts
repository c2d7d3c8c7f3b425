// What the lesson player knows, in its own small Zustand store beside the app's: the lesson open (if any),
// the step, the student's picks and reveals, the side-panel tab a step asked for and the devices it
// highlights. The app's store stays about the cluster and its trace.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { CniStepName, Lesson } from './lesson';

export type LessonSource = 'built-in' | 'link';

export interface LessonUiState {
  readonly lesson: Lesson | null;
  readonly source: LessonSource;
  /** 0-based here; links and `getLesson()` count from 1. */
  readonly step: number;
  /** The choice the student picked, per step. */
  readonly picks: Readonly<Record<number, number>>;
  /** Steps whose answer has been played and marked. */
  readonly revealed: Readonly<Record<number, boolean>>;
  /** The reveal is playing: the packet is on its way to the hop that answers. */
  readonly revealing: boolean;
  /** `loading` until the lesson's scenario is simulated and its trace is on screen. */
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  readonly error: string | null;
  /** The side-panel tab on show (a step may ask for one; the user may pick another). */
  readonly tab: string;
  /** `data-device` keys the current step highlights. */
  readonly highlight: readonly string[];
  /** The pod (and step of its CNI ADD) the CNI panel shows for the current step, when it opens that panel. */
  readonly cni: { readonly pod: string; readonly step: CniStepName | null } | null;
  /** The lesson editor is open. */
  readonly editing: boolean;
  /** A first visit: the Learn tab opens with a short welcome. */
  readonly welcome: boolean;
}

export type LessonUiStore = StoreApi<LessonUiState>;

export function createLessonUiStore(tab: string, welcome = false): LessonUiStore {
  return createStore<LessonUiState>()(() => ({
    lesson: null,
    source: 'built-in',
    step: 0,
    picks: {},
    revealed: {},
    revealing: false,
    status: 'idle',
    error: null,
    tab,
    highlight: [],
    cni: null,
    editing: false,
    welcome,
  }));
}

export const selectTab = (s: LessonUiState): string => s.tab;
export const selectActiveLesson = (s: LessonUiState): Lesson | null => s.lesson;
