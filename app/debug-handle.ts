// `window.__podpath` for tests and tools (issue 3): the trace exactly as `podpath trace --json` prints
// it, and the playback mode and hop.
import type { TraceJson } from '../engine/trace/json';
import type { Session } from './session/session';

export interface PodpathHandle {
  getTrace(): TraceJson | null;
  getPlayback(): { state: string; hop: number };
  getScenarioText(): string;
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
  };
}
