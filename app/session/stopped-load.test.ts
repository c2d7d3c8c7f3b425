import { describe, expect, it } from 'vitest';
import type { EngineRequest } from '../../engine/protocol';
import type { EngineAnswer } from '../engine-client/restarting-engine';
import { createPodpathStore, editScenario, initialState, openScenario } from '../store/store';
import { DEFAULT_YAML, defaultEngine } from '../testing/default-engine';
import { createSession } from './session';

/** The real engine, except that a load of text holding `# SLOW` is stopped (as the time limit would). */
function open(reason: 'time-limit' | 'cancelled' = 'time-limit') {
  const { service } = defaultEngine();
  const loads: EngineRequest[] = [];
  const engine = {
    request: async (r: EngineRequest): Promise<EngineAnswer> => {
      if (r.kind === 'load') loads.push(r);
      if (r.kind === 'load' && r.text.includes('# SLOW'))
        return { kind: 'stopped', reason, limitMs: 12_500, previousKept: true };
      return service.handle(r);
    },
  };
  const store = createPodpathStore(initialState(DEFAULT_YAML));
  return { session: createSession(store, engine, { debounceMs: 5, now: () => 0 }), loads };
}

const SCALED = DEFAULT_YAML.replace(/replicas: 3/, 'replicas: 4');

describe('a stopped load', () => {
  it('loads an opened file with the opened-file cap and its name', async () => {
    const { session, loads } = open();
    await session.settled();
    openScenario(session.store, SCALED, { name: 'scaled.yaml', bytes: SCALED.length });
    await session.settled();
    expect(loads.at(-1)).toEqual({ kind: 'load', text: SCALED, file: 'scaled.yaml', origin: 'opened-file' });
    expect(
      session.store.getState().scenario.summary?.pods.filter((p) => p.key.startsWith('default/web-')),
    ).toHaveLength(4);
    // An edit afterwards is typed text again: the editor's cap, no file name.
    editScenario(session.store, DEFAULT_YAML);
    await session.settled();
    expect(loads.at(-1)).toEqual({ kind: 'load', text: DEFAULT_YAML });
    session.dispose();
  });

  it('puts the previous scenario back in place of an opened file that took too long, and says so', async () => {
    const { session, loads } = open();
    await session.settled();
    const before = session.store.getState();
    openScenario(session.store, `# SLOW\n${SCALED}`, { name: 'huge.yaml', bytes: 38_200_000 });
    await session.settled();
    const after = session.store.getState();
    expect(after.view.notice).toBe(
      'Loading huge.yaml (38.2 MB) took longer than 13 s, so it was stopped; the previous scenario is still loaded.',
    );
    expect(after.scenario.text).toBe(DEFAULT_YAML);
    expect(after.scenario.opened).toBeNull();
    expect(after.scenario.loading).toBe(false);
    expect(after.scenario.summary).toBe(before.scenario.summary);
    expect(after.trace.trace).toBe(before.trace.trace);
    // Putting the old text back loads nothing: the engine holds it already.
    await new Promise((r) => setTimeout(r, 30));
    await session.settled();
    expect(loads).toHaveLength(2);
    session.dispose();
  });

  it('keeps typed text that took too long in the editor, with why it is not what is simulated', async () => {
    const { session } = open('cancelled');
    await session.settled();
    const summary = session.store.getState().scenario.summary;
    editScenario(session.store, `# SLOW\n${SCALED}`);
    await session.settled();
    const s = session.store.getState();
    expect(s.scenario.text).toBe(`# SLOW\n${SCALED}`);
    expect(s.scenario.diagnostics.map((d) => d.message)).toEqual([
      'Loading this scenario was cancelled; the previous scenario is still loaded.',
    ]);
    expect(s.scenario.summary).toBe(summary);
    session.dispose();
  });

  it('cancels an opened file before it reaches the engine (still in the debounce): nothing is loaded', async () => {
    const { session, loads } = open();
    await session.settled();
    openScenario(session.store, SCALED, { name: 'scaled.yaml', bytes: SCALED.length });
    expect(session.cancelLoad()).toBe(true);
    await new Promise((r) => setTimeout(r, 30));
    await session.settled();
    const s = session.store.getState();
    expect(s.view.notice).toBe(
      'Loading scaled.yaml (' +
        `${Math.round(SCALED.length / 1e3)} KB` +
        ') was cancelled; the previous scenario is still loaded.',
    );
    expect(s.scenario.text).toBe(DEFAULT_YAML);
    expect(s.scenario.loading).toBe(false);
    expect(loads).toHaveLength(1);
    // Nothing loading: nothing to cancel.
    expect(session.cancelLoad()).toBe(false);
    session.dispose();
  });
});
