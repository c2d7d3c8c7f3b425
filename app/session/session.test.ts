import { describe, expect, it } from 'vitest';
import {
  selectCurrentHop,
  selectDiagnostics,
  selectDrawnSummary,
  selectHopCount,
  selectScenarioInvalid,
  selectVerdictSoFar,
} from '../store/selectors';
import { createPodpathStore, editScenario, initialState, patchSelection, patchTrace } from '../store/store';
import { DEFAULT_YAML, defaultEngine } from '../testing/default-engine';
import { createSession } from './session';

function open(text = DEFAULT_YAML) {
  const { service } = defaultEngine();
  const store = createPodpathStore(initialState(text));
  const engine = { request: async (r: Parameters<typeof service.handle>[0]) => service.handle(r) };
  return createSession(store, engine, { debounceMs: 5, now: () => 0 });
}

describe('session', () => {
  it('opens ready: the default scenario loads and a packet waits on its first hop', async () => {
    const session = open();
    await session.settled();
    const s = session.store.getState();
    expect(s.scenario.summary?.nodes).toHaveLength(2);
    expect(selectHopCount(s)).toBeGreaterThan(10);
    expect(selectCurrentHop(s)?.kind).toBe('send');
    expect(session.playback.getSnapshot().value).toBe('paused');
    session.dispose();
  });

  it('steps to the end and reports the delivery', async () => {
    const session = open();
    await session.settled();
    session.playback.send({ type: 'playback.seek', hop: 999 });
    const s = session.store.getState();
    expect(session.playback.getSnapshot().value).toBe('finished');
    expect(selectVerdictSoFar(s)).toBe('delivered');
    expect(s.trace.trace?.deliveredTo?.pod).toMatch(/^default\/web-/);
    session.dispose();
  });

  it('re-simulates an edit and shows YAML errors with their line', async () => {
    const session = open();
    await session.settled();
    editScenario(session.store, DEFAULT_YAML.replace('replicas: 3', 'replicas: three'));
    await session.settled();
    const errors = selectDiagnostics(session.store.getState()).filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.line).toBeGreaterThan(0);
    session.dispose();
  });

  it('retraces when the seed changes, and restores a shared step once', async () => {
    const session = open();
    await session.settled();
    session.restoreStepOnce(4);
    patchTrace(session.store, { seed: 2 });
    await session.settled();
    expect(session.store.getState().view.hop).toBe(4);
    expect(session.store.getState().trace.trace?.request.seed).toBe(2);
    session.dispose();
  });

  it('inspects the selected node and counts 100 connections per endpoint', async () => {
    const session = open();
    await session.settled();
    patchSelection(session.store, { node: 'node-1' });
    await session.settled();
    expect(session.store.getState().selection.inspection?.ipRoute).toMatch(
      /10\.244\.1\.0\/24 via 10\.244\.1\.0 dev flannel\.1/,
    );
    await session.sendConnections(100);
    const c = session.store.getState().trace.connections;
    expect(Object.values(c?.verdicts ?? {}).reduce((a, b) => a + b, 0)).toBe(100);
    session.dispose();
  });

  it('does not trace the old cluster while an edit is still on its way to the engine', async () => {
    const session = open();
    await session.settled();
    editScenario(session.store, DEFAULT_YAML.replace('replicas: 3', 'replicas: 1'));
    patchTrace(session.store, { seed: 5 });
    await session.settled();
    const s = session.store.getState();
    expect(s.trace.trace?.request.seed).toBe(5);
    expect(s.scenario.summary?.pods.filter((p) => p.key.startsWith('default/web-'))).toHaveLength(1);
    session.playback.send({ type: 'playback.seek', hop: 5 });
    await new Promise((r) => setTimeout(r, 30));
    expect(session.store.getState().view.hop).toBe(5);
    session.dispose();
  });

  it('plays a named destination as its DNS exchanges, then the connection', async () => {
    const session = open();
    await session.settled();
    patchTrace(session.store, { flow: { from: 'pod/default/client', to: 'web:80', protocol: 'TCP' } });
    await session.settled();
    const s = session.store.getState();
    expect(s.trace.trace?.dns?.queries[0]?.name).toBe('web.default.svc.cluster.local.');
    expect(selectCurrentHop(s)?.phase.kind).toBe('dns');
    session.playback.send({ type: 'playback.seek', hop: 999 });
    const end = session.store.getState();
    expect(selectHopCount(end)).toBeGreaterThan(end.trace.trace!.hops.length);
    expect(selectCurrentHop(end)?.phase.kind).toBe('connection');
    expect(selectVerdictSoFar(end)).toBe('delivered');
    session.dispose();
  });

  it('compares the flow across modes once per trace, and forgets the comparison when the flow changes', async () => {
    const session = open();
    await session.settled();
    await session.compareModes(['iptables', 'nftables']);
    const c = session.store.getState().compare;
    expect(c.outcomes?.map((o) => `${o.mode} ${o.kind}`)).toEqual(['iptables traced', 'nftables traced']);
    expect(c.own?.map((p) => p.mode)).toEqual(['iptables', 'nftables']);
    patchTrace(session.store, { seed: 9 });
    expect(session.store.getState().compare.outcomes).toBeNull();
    await session.settled();
    await session.compareModes();
    expect(session.store.getState().compare.outcomes).toHaveLength(2);
    await session.measureScaling([10], ['iptables', 'nftables']);
    expect(session.store.getState().compare.scaling.map((p) => `${p.mode} ${p.services}`)).toEqual([
      'iptables 10',
      'nftables 10',
    ]);
    session.dispose();
  });
});

describe('a scenario that changes under the flow', () => {
  it('keeps the last valid cluster through a YAML error, with no trace and no playback until it loads', async () => {
    const session = open();
    await session.settled();
    const valid = session.store.getState().scenario.summary;
    expect(session.playback.getSnapshot().can({ type: 'playback.play' })).toBe(true);
    editScenario(session.store, DEFAULT_YAML.replace('replicas: 3', 'replicas: three'));
    await session.settled();
    const s = session.store.getState();
    expect(s.scenario.summary).toBeNull();
    expect(selectDrawnSummary(s)).toBe(valid);
    expect(selectScenarioInvalid(s)).toBe(true);
    expect(s.trace.trace).toBeNull();
    expect(selectHopCount(s)).toBe(0);
    expect(session.playback.getSnapshot().value).toBe('empty');
    expect(session.playback.getSnapshot().can({ type: 'playback.play' })).toBe(false);
    // Fixed again: a new trace, playable.
    editScenario(session.store, DEFAULT_YAML);
    await session.settled();
    expect(selectScenarioInvalid(session.store.getState())).toBe(false);
    expect(selectHopCount(session.store.getState())).toBeGreaterThan(10);
    expect(session.playback.getSnapshot().can({ type: 'playback.play' })).toBe(true);
    session.dispose();
  });

  it('moves the flow to what the new scenario has, and says so in plain words', async () => {
    const session = open();
    await session.settled();
    patchTrace(session.store, {
      flow: { from: 'pod/default/client', to: 'svc/default/web:http', protocol: 'TCP' },
    });
    await session.settled();
    // The client pod renamed: the old flow names a pod that is gone.
    editScenario(session.store, DEFAULT_YAML.replaceAll('client', 'shopper'));
    await session.settled();
    const s = session.store.getState();
    expect(s.trace.flow.from).toBe('pod/default/shopper');
    expect(s.view.notice).toMatch(/^In this scenario there is no pod default\/client with an address/);
    expect(s.view.notice).not.toContain('--from');
    expect(s.trace.error).toBeNull();
    expect(s.trace.trace?.request.from).toBe('pod/default/shopper');
    expect(s.trace.trace?.verdict).toBe('delivered');
    session.dispose();
  });
});
