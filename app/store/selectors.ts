// Named reads of the store. Each returns a value already in the store (or a primitive), so
// `useStore(selector)` does not loop on fresh objects.
import type { TraceJson } from '../../engine';
import { playedHops, upstreamLeg, type PlayedHop } from '../dns/played-hops';
import type { PodpathState } from './state';

const NO_HOPS: readonly PlayedHop[] = [];

export const selectScenarioText = (s: PodpathState): string => s.scenario.text;
export const selectSummary = (s: PodpathState) => s.scenario.summary;
/** The cluster to draw: the loaded one, or while the text has errors the last one that loaded. */
export const selectDrawnSummary = (s: PodpathState) => s.scenario.summary ?? s.scenario.lastValid;
/** The text has errors, so what is drawn is an older version and nothing can be traced. */
export const selectScenarioInvalid = (s: PodpathState): boolean =>
  s.scenario.summary === null && s.scenario.diagnostics.some((d) => d.severity === 'error');
export const selectDiagnostics = (s: PodpathState) => s.scenario.diagnostics;
export const selectLoading = (s: PodpathState): boolean => s.scenario.loading;
export const selectOpenedFile = (s: PodpathState) => s.scenario.opened;
export const selectFlow = (s: PodpathState) => s.trace.flow;
export const selectSeed = (s: PodpathState): number => s.trace.seed;
export const selectTrace = (s: PodpathState): TraceJson | null => s.trace.trace;
export const selectTraceError = (s: PodpathState): string | null => s.trace.error;
export const selectConnections = (s: PodpathState) => s.trace.connections;
export const selectHopIndex = (s: PodpathState): number => s.view.hop;
export const selectSpeed = (s: PodpathState): number => s.view.speed;
export const selectExpandedNodes = (s: PodpathState): ReadonlySet<string> => s.view.expandedNodes;
export const selectNotice = (s: PodpathState): string | null => s.view.notice;
export const selectSelectedNode = (s: PodpathState): string | null => s.selection.node;
export const selectInspection = (s: PodpathState) => s.selection.inspection;
export const selectEventKinds = (s: PodpathState) => s.selection.eventKinds;

export const selectPresenter = (s: PodpathState): boolean => s.stage.presenter;
export const selectFollow = (s: PodpathState): boolean => s.stage.follow;
export const selectHighlighted = (s: PodpathState) => s.stage.highlighted;
export const selectCameraRequest = (s: PodpathState) => s.stage.camera;
export const selectHelpOpen = (s: PodpathState): boolean => s.stage.help;

export const selectComparison = (s: PodpathState) => s.compare.outcomes;
export const selectUnchangeableMode = (s: PodpathState): string | null => s.compare.unchangeable;
export const selectComparedModes = (s: PodpathState) => s.compare.modes;
export const selectComparing = (s: PodpathState): boolean => s.compare.loading;
export const selectScaling = (s: PodpathState) => s.compare.scaling;
export const selectOwnScaling = (s: PodpathState) => s.compare.own;

/** The hops playback walks: the DNS exchanges of a named destination, then the connection (cached per trace). */
export const selectPlayedHops = (s: PodpathState): readonly PlayedHop[] =>
  s.trace.trace ? playedHops(s.trace.trace) : NO_HOPS;

export const selectHopCount = (s: PodpathState): number => selectPlayedHops(s).length;

export const selectCurrentHop = (s: PodpathState): PlayedHop | null =>
  selectPlayedHops(s)[s.view.hop] ?? null;

/** The exchange the current hop belongs to: one DNS query's own trace, or the connection's. */
export function selectCurrentLegTrace(s: PodpathState): TraceJson | null {
  const hop = selectCurrentHop(s);
  const trace = s.trace.trace;
  if (!hop || !trace) return trace;
  if (hop.phase.kind === 'upstream') return upstreamLeg(trace)?.trace ?? trace;
  return hop.phase.kind === 'dns' ? (trace.dns?.queries[hop.phase.query]?.trace ?? null) : trace;
}

export const selectErrorCount = (s: PodpathState): number =>
  s.scenario.diagnostics.filter((d) => d.severity === 'error').length;

/** The verdict once the cursor has reached the request's last hop; null while the packet is on its way. */
export function selectVerdictSoFar(s: PodpathState): 'delivered' | 'dropped' | 'rejected' | null {
  const trace = s.trace.trace;
  const hop = selectCurrentHop(s);
  if (!trace || !hop) return null;
  if (hop.kind === 'drop') return 'dropped';
  if (hop.kind === 'reject') return 'rejected';
  // The connection's last request hop (a failed lookup has no connection: then the last DNS request hop).
  // A proxy's onward leg has its own delivery; the verdict is the connection's, reached at the proxy.
  const lastRequest = selectPlayedHops(s).reduce(
    (last, h, i) => (h.direction === 'request' && h.phase.kind !== 'upstream' ? i : last),
    -1,
  );
  return s.view.hop >= lastRequest ? trace.verdict : null;
}
