// What the app knows, in one Zustand store (modes live in the playback machine, not here).
// Slices: the scenario being edited and what the engine made of it, the flow and its trace, the user's
// selection, and the view (cursor, speed, notices). Components read it through the named selectors.
import type {
  ConnectionSpread,
  ModeOutcome,
  NodeInspection,
  ScalingPoint,
  ScenarioSummary,
} from '../../engine/protocol';
import type { Diagnostic, HopKind, ProxyMode, SharedFlow, TraceJson } from '../../engine';
import type { StageSlice } from './stage-state';

/** A scenario file the user opened from their disk (button or drag and drop). */
export interface OpenedFile {
  readonly name: string;
  /** Its size in bytes (UTF-8, as read). */
  readonly bytes: number;
  /** The bytes themselves, as read: what the worker is sent (a buffer clones fast, a long string does not). */
  readonly utf8?: readonly Uint8Array[];
}

export interface ScenarioSlice {
  /** The YAML as the user last typed it, or as the file they opened holds it. */
  readonly text: string;
  /** The file `text` came from, until the text is edited; null for typed, pasted or shared text. The
   * engine gives an opened file the opened-file cap (engine/scenario/input-caps.ts). */
  readonly opened: OpenedFile | null;
  /** Bumped on every edit, so a late engine answer for an older text is ignored. */
  readonly revision: number;
  readonly summary: ScenarioSummary | null;
  /** The last summary that loaded: drawn, dimmed, while the text has errors, so an error never blanks the stage. */
  readonly lastValid: ScenarioSummary | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly loading: boolean;
}

export interface TraceSlice {
  readonly flow: SharedFlow;
  readonly seed: number;
  readonly trace: TraceJson | null;
  readonly error: string | null;
  readonly connections: {
    readonly spread: readonly ConnectionSpread[];
    readonly verdicts: Readonly<Record<string, number>>;
    /** iptables-save of the node whose kube-proxy rules chose the endpoints, to show their probabilities. */
    readonly iptablesSave: string | null;
  } | null;
}

export interface SelectionSlice {
  readonly node: string | null;
  readonly inspection: NodeInspection | null;
  readonly eventKinds: ReadonlySet<HopKind> | null;
}

export interface ViewSlice {
  /** Mirrors the playback machine's cursor: the hop on screen and when the packet set off towards it.
   * Play state and reduced motion are not copied: read them from the machine. */
  readonly hop: number;
  readonly speed: number;
  readonly movedAt: number;
  /** Nodes whose pods the user expanded past the "+N pods" group. */
  readonly expandedNodes: ReadonlySet<string>;
  /** A friendly message (bad share link, engine restarted); null when there is nothing to say. */
  readonly notice: string | null;
}

export interface CompareSlice {
  /** The kube-proxy modes shown side by side (two or three). */
  readonly modes: readonly ProxyMode[];
  /** The current flow under each of `modes`; null until asked (the Compare tab is open). */
  readonly outcomes: readonly ModeOutcome[] | null;
  /** Why the scenario's kube-proxy mode cannot be changed, shown instead of a comparison; null when it can. */
  readonly unchangeable: string | null;
  readonly loading: boolean;
  /** First-packet rules against Service count, per mode, filled in point by point (synthetic clusters). */
  readonly scaling: readonly ScalingPoint[];
  /** The same measure on the user's own scenario, one point per mode; null until measured. */
  readonly own: readonly ScalingPoint[] | null;
}

export interface PodpathState {
  readonly scenario: ScenarioSlice;
  readonly trace: TraceSlice;
  readonly selection: SelectionSlice;
  readonly view: ViewSlice;
  readonly compare: CompareSlice;
  readonly stage: StageSlice;
}
