// `window.__podpath` for tests and tools (issue 3): the trace exactly as `podpath trace --json` prints
// it, and the playback mode and hop.
import type { ModeOutcome, ScalingPoint } from '../engine/protocol';
import type { TraceJson } from '../engine';
import type { Session } from './session/session';

export interface PodpathHandle {
  getTrace(): TraceJson | null;
  getPlayback(): { state: string; hop: number };
  getScenarioText(): string;
  /** The current flow under each compared kube-proxy mode (null until the Compare modes tab asked). */
  getModeComparison(): readonly ModeOutcome[] | null;
  /** The scaling chart's measured points, and the user's own scenario's. */
  getScaling(): { points: readonly ScalingPoint[]; own: readonly ScalingPoint[] | null };
}

declare global {
  interface Window {
    __podpath?: PodpathHandle;
  }
}

export function exposeDebugHandle(session: Session): void {
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
  };
}
