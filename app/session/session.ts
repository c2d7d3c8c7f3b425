// The conductor between the store, the playback machine and the engine. It listens for what changed in
// the store (scenario text, flow, seed, selected node) and asks the engine; it mirrors the machine's
// cursor (not its play state or reduced motion, which only the machine holds) into the store so the scene
// can draw it. Answers for an outdated revision are dropped, so fast
// typing never shows the trace of an older text.
import { createActor, type Actor } from 'xstate';
import type { CniProcess, Diagnostic, ProxyMode } from '../../engine';
import type { EngineRequest, ScalingPoint, TraceParams } from '../../engine/protocol';
import type { EngineAnswer, LoadStopped } from '../engine-client/restarting-engine';
import { playedHops } from '../dns/played-hops';
import { playbackMachine } from '../machines/playback';
import { fallbackFlow } from './flow-fallback';
import type { OpenedFile, PodpathState } from '../store/state';
import { stoppedLoadSentence } from './stopped-load';
import {
  patchCompare,
  patchScenario,
  patchSelection,
  patchTrace,
  patchView,
  type PodpathStore,
} from '../store/store';

export interface EngineLike {
  request(request: EngineRequest): Promise<EngineAnswer>;
  /** Stops the load in flight (it then answers `stopped`); engines that cannot, lack it. */
  cancelLoad?(): boolean;
}

export interface Session {
  readonly store: PodpathStore;
  readonly playback: Actor<typeof playbackMachine>;
  /** Settles when the current scenario text has been simulated (used by tests and the share restore). */
  settled(): Promise<void>;
  sendConnections(count: number): Promise<void>;
  /** The current flow under each of the compared kube-proxy modes, and the scenario's own scaling point. */
  compareModes(modes?: readonly ProxyMode[]): Promise<void>;
  /** Fills in the scaling chart point by point (cheap sizes first); points already measured are skipped. */
  measureScaling(sizes: readonly number[], modes: readonly ProxyMode[]): Promise<void>;
  /** A pod's CNI ADD or DEL as steps (app/cni); rejects with the engine's message for a pod CNI never ran for. */
  cniProcess(pod: string, command: 'ADD' | 'DEL'): Promise<CniProcess>;
  /** Stops the scenario load in flight; the scenario loaded before stays. False when nothing was loading. */
  cancelLoad(): boolean;
  /** The hop to open at after the next trace arrives (a share link's step). */
  restoreStepOnce(step: number): void;
  dispose(): void;
}

export interface SessionOptions {
  readonly debounceMs?: number;
  readonly now?: () => number;
  readonly onSaved?: (state: PodpathState) => void;
  /** prefers-reduced-motion when the page opens; later changes go to the machine as 'playback.motion'. */
  readonly reducedMotion?: boolean;
}

/** The node whose kube-proxy rules pick the endpoint: the client's own node, or the first for outsiders. */
function choosingNode(s: PodpathState): string | null {
  const from = s.trace.flow.from;
  if (from.startsWith('node/')) return from.slice(5);
  const pod = s.scenario.summary?.pods.find((p) => `pod/${p.key}` === from);
  return pod?.node ?? s.scenario.summary?.nodes[0]?.name ?? null;
}

export function createSession(
  store: PodpathStore,
  engine: EngineLike,
  options: SessionOptions = {},
): Session {
  const debounceMs = options.debounceMs ?? 250;
  const now = options.now ?? (() => performance.now());
  const playback = createActor(playbackMachine, {
    input: { reducedMotion: options.reducedMotion ?? false },
  }).start();
  let pendingStep: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let work: Promise<void> = Promise.resolve();
  /** The text the engine holds (its last answered load), to go back to when a load is stopped. */
  let held: { text: string; opened: OpenedFile | null } | null = null;
  /** A revision the session made itself to put `held` back: the engine has it already, nothing to load. */
  let restoredRevision = -1;
  /** A revision whose load was cancelled before it was sent (in the debounce, or queued behind a trace). */
  let cancelledRevision = -1;

  const params = (s: PodpathState): TraceParams => ({
    from: s.trace.flow.from,
    to: s.trace.flow.to,
    seed: s.trace.seed,
    ...(s.trace.flow.protocol && { protocol: s.trace.flow.protocol }),
  });

  const retrace = async (): Promise<void> => {
    const s = store.getState();
    // While a newer text is on its way to the engine, the engine still holds the old cluster: tracing now
    // would show the old cluster's path. The load that is coming retraces when it lands.
    if (!s.scenario.summary || s.scenario.loading) return;
    const revision = s.scenario.revision;
    const flow = s.trace.flow;
    const seed = s.trace.seed;
    const reply = await engine.request({ kind: 'trace', params: params(s) });
    const after = store.getState();
    if (after.scenario.revision !== revision || after.trace.flow !== flow || after.trace.seed !== seed)
      return;
    if (reply.kind === 'trace') {
      patchTrace(store, { trace: reply.trace, error: null, connections: null });
      const hop = pendingStep ?? 0;
      pendingStep = null;
      playback.send({ type: 'trace.loaded', length: playedHops(reply.trace).length, hop });
    } else if (reply.kind === 'error') {
      patchTrace(store, { trace: null, error: reply.message, connections: null });
      playback.send({ type: 'trace.loaded', length: 0 });
    }
  };

  /** A load the engine never finished: an opened file goes back to what is loaded, typed text stays. */
  const stopped = (reply: LoadStopped, opened: OpenedFile | null): void => {
    const sentence = stoppedLoadSentence(reply, opened);
    if (opened && held) {
      restoredRevision = store.getState().scenario.revision + 1;
      patchScenario(store, { ...held, revision: restoredRevision, loading: false });
      patchView(store, { notice: sentence });
      return;
    }
    // Typed text is the user's work: it stays in the editor, with why it is not what is simulated.
    patchScenario(store, { loading: false, diagnostics: [wholeScenarioError(sentence)] });
  };

  const simulate = async (): Promise<void> => {
    const { text, revision, opened } = store.getState().scenario;
    // Cancelled before it reached the engine, or the held text put back: nothing to load.
    if (revision === restoredRevision || revision === cancelledRevision) return;
    const reply = await engine.request({
      kind: 'load',
      // An opened file goes as its bytes: cloning its text for the worker held the main thread for
      // hundreds of milliseconds at 5 MB (engine/protocol.ts).
      ...(opened?.utf8 ? { text: '', utf8: opened.utf8 } : { text }),
      ...(opened && { file: opened.name, origin: 'opened-file' as const }),
    });
    if (reply.kind === 'loaded' || (reply.kind === 'stopped' && !reply.previousKept))
      held = reply.kind === 'loaded' ? { text, opened } : null;
    if (store.getState().scenario.revision !== revision) return;
    if (reply.kind === 'stopped') {
      stopped(reply, opened);
      return;
    }
    if (reply.kind === 'loaded') {
      const summary = reply.summary;
      patchScenario(store, {
        summary,
        diagnostics: reply.diagnostics,
        loading: false,
        ...(summary && { lastValid: summary }),
      });
      if (!summary) {
        // The engine holds no cluster now: the old trace goes, so neither the status nor the playback
        // controls offer hops that can no longer be traced. The last valid cluster stays drawn (lastValid).
        patchTrace(store, { trace: null, error: null, connections: null });
        playback.send({ type: 'trace.loaded', length: 0 });
        return;
      }
      const fallback = fallbackFlow(summary, store.getState().trace.flow);
      if (fallback) {
        // The new flow's retrace is queued by the store subscription below.
        patchView(store, { notice: fallback.sentence });
        patchTrace(store, { flow: fallback.flow });
      } else await retrace();
      const node = store.getState().selection.node;
      if (node) await inspect(node);
    } else if (reply.kind === 'error') {
      patchScenario(store, { loading: false, diagnostics: [wholeScenarioError(reply.message)] });
    }
  };

  const inspect = async (node: string): Promise<void> => {
    const reply = await engine.request({ kind: 'inspect-node', node });
    if (store.getState().selection.node !== node) return;
    patchSelection(store, { inspection: reply.kind === 'node' ? reply.inspection : null });
  };

  // Engine calls run one after another: the worker is single-threaded anyway, and ordering keeps
  // a `trace` from racing the `load` it depends on.
  const queue = (job: () => Promise<void>): Promise<void> => {
    work = work.then(job, job).catch(() => undefined);
    return work;
  };

  const unsubscribe = store.subscribe((s, prev) => {
    if (
      s.scenario.revision !== prev.scenario.revision ||
      s.trace.flow !== prev.trace.flow ||
      s.trace.seed !== prev.trace.seed
    ) {
      if (s.compare.outcomes !== null || s.compare.own !== null)
        patchCompare(store, { outcomes: null, own: null });
    }
    if (s.scenario.revision !== prev.scenario.revision && s.scenario.revision !== restoredRevision) {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        void queue(simulate);
      }, debounceMs);
    } else if (s.trace.flow !== prev.trace.flow || s.trace.seed !== prev.trace.seed) {
      void queue(retrace);
    }
    if (s.selection.node !== prev.selection.node && s.selection.node) {
      const node = s.selection.node;
      void queue(() => inspect(node));
    }
    if (
      options.onSaved &&
      (s.scenario.text !== prev.scenario.text ||
        s.trace.flow !== prev.trace.flow ||
        s.trace.seed !== prev.trace.seed)
    )
      options.onSaved(s);
  });

  const mirror = playback.subscribe((snap) => {
    const v = store.getState().view;
    const hop = snap.context.hop;
    if (v.hop === hop && v.speed === snap.context.speed) return;
    patchView(store, {
      hop,
      speed: snap.context.speed,
      movedAt: v.hop === hop ? v.movedAt : now(),
    });
  });

  void queue(simulate);

  return {
    store,
    playback,
    settled: async () => {
      while (timer) await new Promise((r) => setTimeout(r, debounceMs));
      await work;
    },
    cniProcess: async (pod, command) => {
      // Queued like every engine call, so it runs against the scenario that is loaded when it is asked.
      let reply: EngineAnswer | null = null;
      await queue(async () => {
        reply = await engine.request({ kind: 'cni-process', pod, command });
      });
      const got = reply as EngineAnswer | null;
      if (!got || got.kind !== 'cni') throw new Error(got?.kind === 'error' ? got.message : 'no answer');
      return got.process;
    },
    sendConnections: (count) =>
      queue(async () => {
        const s = store.getState();
        const reply = await engine.request({ kind: 'connections', params: params(s), count });
        if (reply.kind !== 'connections') return;
        const node = choosingNode(s);
        const rules = node ? await engine.request({ kind: 'inspect-node', node }) : null;
        patchTrace(store, {
          connections: {
            spread: reply.spread,
            verdicts: reply.verdicts,
            iptablesSave: rules?.kind === 'node' ? rules.inspection.iptablesSave : null,
          },
        });
      }),
    compareModes: (modes) =>
      queue(async () => {
        if (modes) patchCompare(store, { modes, outcomes: null, own: null });
        const s = store.getState();
        if (!s.scenario.summary || s.scenario.loading || s.compare.outcomes !== null) return;
        const { revision } = s.scenario;
        const { flow, seed } = s.trace;
        const chosen = s.compare.modes;
        const stale = () => {
          const a = store.getState();
          return (
            a.scenario.revision !== revision ||
            a.trace.flow !== flow ||
            a.trace.seed !== seed ||
            a.compare.modes !== chosen
          );
        };
        patchCompare(store, { loading: true });
        const reply = await engine.request({ kind: 'compare-modes', params: params(s), modes: chosen });
        if (stale()) {
          patchCompare(store, { loading: false });
          return;
        }
        const outcomes = reply.kind === 'modes' ? reply.outcomes : null;
        // The chart's "your scenario" point is the side-by-side table's own number (this flow's first
        // packet), so the two can never disagree.
        const services = s.scenario.summary.services.length;
        const own: ScalingPoint[] = (outcomes ?? []).map((o) =>
          o.kind === 'traced'
            ? {
                mode: o.mode,
                subject: 'scenario',
                services,
                target: flow.to,
                verdict: o.verdict,
                firstPacketRules: o.firstPacketRules,
                firstPacketLookups: o.firstPacketLookups,
                error: null,
              }
            : {
                mode: o.mode,
                subject: 'scenario',
                services,
                target: flow.to,
                verdict: null,
                firstPacketRules: 0,
                firstPacketLookups: 0,
                error: o.error,
              },
        );
        patchCompare(store, {
          loading: false,
          outcomes,
          unchangeable: reply.kind === 'modes' ? reply.unchangeable : null,
          own,
        });
      }),
    measureScaling: async (sizes, modes) => {
      for (const services of sizes) {
        for (const mode of modes) {
          const have = () =>
            store.getState().compare.scaling.some((p) => p.mode === mode && p.services === services);
          // A mode the user has since unticked is not worth seconds of the worker's time.
          const wanted = () => store.getState().compare.modes.includes(mode);
          if (have() || !wanted()) continue;
          await queue(async () => {
            if (have() || !wanted()) return;
            const reply = await engine.request({
              kind: 'mode-scaling',
              mode,
              subject: { kind: 'synthetic', services },
            });
            if (reply.kind !== 'mode-scaling' || have()) return;
            patchCompare(store, { scaling: [...store.getState().compare.scaling, reply.point] });
          });
        }
      }
    },
    cancelLoad: () => {
      const { loading, revision, opened } = store.getState().scenario;
      if (!loading) return false;
      if (engine.cancelLoad?.()) return true;
      // Not sent yet: it never will be.
      if (timer) clearTimeout(timer);
      timer = null;
      cancelledRevision = revision;
      stopped({ kind: 'stopped', reason: 'cancelled', limitMs: 0, previousKept: held !== null }, opened);
      return true;
    },
    restoreStepOnce: (step) => {
      pendingStep = step;
    },
    dispose() {
      if (timer) clearTimeout(timer);
      unsubscribe();
      mirror.unsubscribe();
      playback.stop();
    },
  };
}

/** An error about the scenario as a whole (no line to point at). */
function wholeScenarioError(message: string): Diagnostic {
  return { severity: 'error', message, file: '<scenario>', document: 0, line: 0, column: 0, field: '' };
}
