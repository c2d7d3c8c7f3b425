// `window.__podpath` for tests and tools (issue 3): the trace exactly as `podpath trace --json` prints
// it, and the playback mode and hop.
import type { ModeOutcome, ScalingPoint } from '../engine/protocol';
import type { TraceJson } from '../engine';
import type { Session } from './session/session';
import type { LessonController } from './lessons/controller';
import { LESSONS } from './lessons/catalog';
import { lastHighlight } from './lessons/highlight';
import type { Topic } from './lessons/lesson';

export interface LessonHandle {
  readonly id: string;
  /** 1-based, as in `#lesson/<id>/<step>`. */
  readonly step: number;
  readonly steps: number;
  readonly question: { readonly prompt: string; readonly choices: readonly string[] } | null;
  /** `loading` until the lesson's trace is on screen. */
  readonly status: string;
  /** The drawing keys the step highlights, those actually marked, and any with nothing to mark. */
  readonly highlight: readonly string[];
  readonly drawn: readonly string[];
  readonly missing: readonly string[];
}

export interface PodpathHandle {
  getTrace(): TraceJson | null;
  getPlayback(): { state: string; hop: number };
  getScenarioText(): string;
  /** The current flow under each compared kube-proxy mode (null until the Compare modes tab asked). */
  getModeComparison(): readonly ModeOutcome[] | null;
  /** The scaling chart's measured points, and the user's own scenario's. */
  getScaling(): { points: readonly ScalingPoint[]; own: readonly ScalingPoint[] | null };
  /** The built-in lessons (issue 11): id, title, topics and number of steps. */
  getLessons(): { id: string; title: string; topics: readonly Topic[]; steps: number }[];
  /** The lesson on screen, or null outside a lesson. */
  getLesson(): LessonHandle | null;
}

declare global {
  interface Window {
    __podpath?: PodpathHandle;
  }
}

export function exposeDebugHandle(session: Session, lessons?: LessonController): void {
  window.__podpath = {
    getTrace: () => session.store.getState().trace.trace,
    getPlayback: () => {
      const snap = session.playback.getSnapshot();
      return { state: String(snap.value), hop: snap.context.hop };
    },
    getScenarioText: () => session.store.getState().scenario.text,
    getModeComparison: () => session.store.getState().compare.outcomes,
    getScaling: () => {
      const c = session.store.getState().compare;
      return { points: c.scaling, own: c.own };
    },
    getLessons: () =>
      LESSONS.map((l) => ({ id: l.id, title: l.title, topics: l.topics, steps: l.steps.length })),
    getLesson: () => {
      const u = lessons?.ui.getState();
      if (!lessons || !u?.lesson) return null;
      const q = u.lesson.steps[u.step]?.question ? lessons.question() : null;
      return {
        id: u.lesson.id,
        step: u.step + 1,
        steps: u.lesson.steps.length,
        question: q ? { prompt: q.prompt, choices: q.choices.map((c) => c.label) } : null,
        status: u.status,
        highlight: u.highlight,
        drawn: lastHighlight.drawn,
        missing: lastHighlight.missing,
      };
    },
  };
}
