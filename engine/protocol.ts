// The one door between the app and the engine. Every message carries the protocol version; requests and
// replies are discriminated unions, and each `switch` over them ends in a `never` check so a new message
// kind cannot be forgotten on either side.
import type { Diagnostic } from './model/scenario';
import type { TraceJson } from './trace/json';

// 2: each pod in the summary names its host-side veth and that veth's MAC.
export const PROTOCOL_VERSION = 2;

export interface TraceParams {
  readonly from: string;
  readonly to: string;
  readonly protocol?: 'TCP' | 'UDP';
  readonly seed?: number;
  readonly size?: number;
}

export type EngineRequest =
  | { readonly kind: 'load'; readonly text: string; readonly file?: string }
  | { readonly kind: 'trace'; readonly params: TraceParams }
  | { readonly kind: 'connections'; readonly params: TraceParams; readonly count: number }
  | { readonly kind: 'inspect-node'; readonly node: string };

export interface PodSummary {
  readonly key: string;
  readonly node: string;
  readonly ip: string | null;
  readonly ready: boolean;
  readonly ports: readonly number[];
  /** The host end of the pod's veth pair and its MAC, as the CNI bridge plugin named them; null for hostNetwork pods and pods without an IP. */
  readonly hostVeth: { readonly name: string; readonly mac: string } | null;
}

export interface ScenarioSummary {
  readonly nodes: readonly { readonly name: string; readonly internalIP: string; readonly podCIDR: string; readonly zone: string | null }[];
  readonly pods: readonly PodSummary[];
  readonly services: readonly {
    readonly key: string;
    readonly type: string;
    readonly clusterIP: string | null;
    readonly ports: readonly { readonly name: string | null; readonly port: number; readonly protocol: string; readonly nodePort: number }[];
  }[];
  readonly flows: readonly { readonly name: string; readonly from: string; readonly to: string; readonly protocol: string; readonly size: number | null }[];
  readonly proxyMode: string;
  readonly backend: string;
}

export interface NodeInspection {
  readonly node: string;
  readonly ipAddr: string;
  readonly ipRoute: string;
  readonly ipNeigh: string;
  readonly bridgeFdb: string;
  readonly iptablesSave: string;
}

export interface ConnectionSpread {
  readonly endpoint: string;
  readonly count: number;
}

export type EngineReply =
  | { readonly kind: 'loaded'; readonly summary: ScenarioSummary | null; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'trace'; readonly trace: TraceJson }
  | { readonly kind: 'connections'; readonly spread: readonly ConnectionSpread[]; readonly verdicts: Readonly<Record<string, number>> }
  | { readonly kind: 'node'; readonly inspection: NodeInspection }
  | { readonly kind: 'error'; readonly message: string };

export interface RequestEnvelope {
  readonly v: typeof PROTOCOL_VERSION;
  readonly id: number;
  readonly request: EngineRequest;
}

export interface ReplyEnvelope {
  readonly v: typeof PROTOCOL_VERSION;
  readonly id: number;
  readonly reply: EngineReply;
}
