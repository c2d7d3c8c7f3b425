// The store and its setters. Setters are plain functions over a vanilla store so the session, the
// machine bridge and the tests use them without React; components use `usePodpath(selector)`.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  CompareSlice,
  OpenedFile,
  PodpathState,
  ScenarioSlice,
  SelectionSlice,
  TraceSlice,
  ViewSlice,
} from './state';
import { PROXY_MODE_NAMES, proxyModeInfo, type ProxyMode, type SharedFlow } from '../../engine';
import { initialStage } from './stage-state';

/**
 * Compared at first: the modes current Kubernetes still runs (a removed one is a click away), at most three,
 * as many as the comparison shows side by side.
 */
export const DEFAULT_COMPARED_MODES: readonly ProxyMode[] = PROXY_MODE_NAMES.filter(
  (m) => proxyModeInfo(m).removed === null,
).slice(0, 3);

export const DEFAULT_FLOW: SharedFlow = {
  from: 'pod/default/client',
  to: 'svc/default/web:http',
  protocol: 'TCP',
};

/**
 * The seed the app opens with. With seed 6 kube-proxy's random choice sends the default flow to the web pod on
 * node-2, so the first packet a class sees crosses the VXLAN tunnel (seeds 1–5 pick a pod on node-1);
 * `app/share/default-view.test.ts` checks it still does.
 */
export const DEFAULT_SEED = 6;

export function initialState(text = '', flow: SharedFlow = DEFAULT_FLOW, seed = 1): PodpathState {
  return {
    scenario: {
      text,
      opened: null,
      revision: 0,
      summary: null,
      lastValid: null,
      diagnostics: [],
      loading: false,
    },
    trace: { flow, seed, trace: null, error: null, connections: null },
    selection: { node: null, inspection: null, eventKinds: null },
    view: {
      hop: 0,
      speed: 1,
      movedAt: 0,
      expandedNodes: new Set(),
      notice: null,
    },
    compare: {
      modes: DEFAULT_COMPARED_MODES,
      outcomes: null,
      unchangeable: null,
      loading: false,
      scaling: [],
      own: null,
    },
    stage: initialStage(),
  };
}

export type PodpathStore = StoreApi<PodpathState>;

export function createPodpathStore(state: PodpathState = initialState()): PodpathStore {
  return createStore<PodpathState>()(() => state);
}

export function patchScenario(store: PodpathStore, patch: Partial<ScenarioSlice>): void {
  store.setState((s) => ({ scenario: { ...s.scenario, ...patch } }));
}

export function patchTrace(store: PodpathStore, patch: Partial<TraceSlice>): void {
  store.setState((s) => ({ trace: { ...s.trace, ...patch } }));
}

export function patchSelection(store: PodpathStore, patch: Partial<SelectionSlice>): void {
  store.setState((s) => ({ selection: { ...s.selection, ...patch } }));
}

export function patchView(store: PodpathStore, patch: Partial<ViewSlice>): void {
  store.setState((s) => ({ view: { ...s.view, ...patch } }));
}

export function patchCompare(store: PodpathStore, patch: Partial<CompareSlice>): void {
  store.setState((s) => ({ compare: { ...s.compare, ...patch } }));
}

/** Show every pod of a node, or fold them back into the "+N pods" group. */
export function toggleNodePods(store: PodpathStore, node: string, expanded: boolean): void {
  store.setState((s) => {
    const next = new Set(s.view.expandedNodes);
    if (expanded) next.add(node);
    else next.delete(node);
    return { view: { ...s.view, expandedNodes: next } };
  });
}

/** A new scenario text from the editor, a what-if or a share link: a new revision to simulate. */
export function editScenario(store: PodpathStore, text: string): void {
  store.setState((s) => ({
    scenario: { ...s.scenario, text, opened: null, revision: s.scenario.revision + 1, loading: true },
  }));
}

/** The text of a file the user opened: a new revision, loaded with the opened-file cap. */
export function openScenario(store: PodpathStore, text: string, opened: OpenedFile): void {
  store.setState((s) => ({
    scenario: { ...s.scenario, text, opened, revision: s.scenario.revision + 1, loading: true },
  }));
}

/** A whole new view (a pasted share link): text, flow and seed in one update, so one simulation follows. */
export function replaceScenario(store: PodpathStore, text: string, flow: SharedFlow, seed: number): void {
  store.setState((s) => ({
    scenario: { ...s.scenario, text, opened: null, revision: s.scenario.revision + 1, loading: true },
    trace: { ...s.trace, flow, seed },
  }));
}
