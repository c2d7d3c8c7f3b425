// The one door between the app and the engine. Every message carries the protocol version; requests and
// replies are discriminated unions, and each `switch` over them ends in a `never` check so a new message
// kind cannot be forgotten on either side.
import type { InspectorView } from './kube-proxy/mode';
import type { Diagnostic, ProxyMode } from './model/scenario';
import type { InputOrigin } from './scenario/input-caps';
import type { Delivery, Verdict } from './trace/types';
import type { HopJson, TraceJson } from './trace/json';
import type { StageDevice, StageProcess } from './cluster/stage-view';
import type { CniProcess } from './cni/add-steps';

export type { StageDevice, StageProcess };

// 2: each pod in the summary names its host-side veth and that veth's MAC.
// 3: `compare-modes` (one flow under several kube-proxy modes) and `mode-scaling` (first-packet rules against
//    the number of Services).
// 4: each node in the summary lists the devices of its namespace the stage draws and the user-space
//    processes packets pass through (null past STAGE_DEVICE_NODES nodes, where the stage draws an overview).
// 5: `cni-process` (a pod's CNI ADD or DEL as the steps the runtime and plugins take).
// 6: `modes` replies say when the KubeProxyConfiguration cannot be edited; each outcome carries its seed.
// 7: each drawn device says whether it is the overlay's tunnel device (`tunnel`), as the datapath decides.
// 8: a `load` may carry an opened file's UTF-8 bytes (`utf8`) instead of its text.
export const PROTOCOL_VERSION = 8;

export interface TraceParams {
  readonly from: string;
  readonly to: string;
  readonly protocol?: 'TCP' | 'UDP';
  readonly seed?: number;
  readonly size?: number;
}

export type EngineRequest =
  | {
      readonly kind: 'load';
      readonly text: string;
      /**
       * An opened file's bytes as read from disk, in the reader's chunks; when present they are the scenario
       * and `text` is empty. Posting a buffer copies it in milliseconds, while a string of a few MB took
       * hundreds of milliseconds of the page's main thread to clone (Chromium, December 2026).
       */
      readonly utf8?: readonly Uint8Array[];
      readonly file?: string;
      /** 'opened-file' for a file from the user's disk: the large cap (scenario/input-caps.ts). */
      readonly origin?: InputOrigin;
    }
  | { readonly kind: 'trace'; readonly params: TraceParams }
  | { readonly kind: 'connections'; readonly params: TraceParams; readonly count: number }
  | { readonly kind: 'inspect-node'; readonly node: string }
  | { readonly kind: 'compare-modes'; readonly params: TraceParams; readonly modes: readonly ProxyMode[] }
  | { readonly kind: 'mode-scaling'; readonly mode: ProxyMode; readonly subject: ScalingSubject }
  | { readonly kind: 'cni-process'; readonly pod: string; readonly command: 'ADD' | 'DEL' };

/** What `mode-scaling` measures: a generated cluster of N Services, or the loaded scenario (from a source). */
export type ScalingSubject =
  | { readonly kind: 'synthetic'; readonly services: number }
  | { readonly kind: 'scenario'; readonly from: string };

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
  readonly nodes: readonly {
    readonly name: string;
    readonly internalIP: string;
    readonly podCIDR: string;
    readonly zone: string | null;
    readonly devices: readonly StageDevice[] | null;
    readonly processes: readonly StageProcess[] | null;
  }[];
  readonly pods: readonly PodSummary[];
  readonly services: readonly {
    readonly key: string;
    readonly type: string;
    readonly clusterIP: string | null;
    readonly ports: readonly {
      readonly name: string | null;
      readonly port: number;
      readonly protocol: string;
      readonly nodePort: number;
    }[];
  }[];
  readonly flows: readonly {
    readonly name: string;
    readonly from: string;
    readonly to: string;
    readonly protocol: string;
    readonly size: number | null;
  }[];
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
  /** What the node's kube-proxy mode adds to look at (`nft list table ip kube-proxy`, `ipvsadm -Ln`…). */
  readonly proxyViews: readonly InspectorView[];
}

export interface ConnectionSpread {
  readonly endpoint: string;
  readonly count: number;
}

/** One flow under one kube-proxy mode: the scenario re-loaded with only `mode:` changed. */
export type ModeOutcome =
  | {
      readonly kind: 'traced';
      readonly mode: ProxyMode;
      readonly verdict: Verdict;
      readonly deliveredTo: Delivery | null;
      readonly reason: string | null;
      /** Rules walked by the whole exchange (request and reply legs). */
      readonly rulesEvaluated: number;
      /** Rules walked by the request's first packet, over all the hooks it passed. */
      readonly firstPacketRules: number;
      /** Of those, nftables set and verdict-map lookups (one lookup stands for a whole walk in iptables). */
      readonly firstPacketLookups: number;
      /** The connection's hops (without the DNS exchanges when `to` was a name). */
      readonly hops: readonly HopJson[];
      /** The seed this mode was traced with: the first from the request's that reaches the same endpoint. */
      readonly seed: number;
    }
  | { readonly kind: 'failed'; readonly mode: ProxyMode; readonly error: string };

/** Rules the first packet to the last Service in kube-proxy's order needs, for one mode and cluster size. */
export interface ScalingPoint {
  readonly mode: ProxyMode;
  readonly subject: ScalingSubject['kind'];
  readonly services: number;
  /** `svc/NS/NAME:PORT`, the last Service port kube-proxy writes (namespace, name, port name order). */
  readonly target: string | null;
  readonly verdict: Verdict | null;
  readonly firstPacketRules: number;
  readonly firstPacketLookups: number;
  readonly error: string | null;
}

export type EngineReply =
  | {
      readonly kind: 'loaded';
      readonly summary: ScenarioSummary | null;
      readonly diagnostics: readonly Diagnostic[];
    }
  | { readonly kind: 'trace'; readonly trace: TraceJson }
  | {
      readonly kind: 'connections';
      readonly spread: readonly ConnectionSpread[];
      readonly verdicts: Readonly<Record<string, number>>;
    }
  | { readonly kind: 'node'; readonly inspection: NodeInspection }
  | {
      readonly kind: 'modes';
      readonly outcomes: readonly ModeOutcome[];
      /** Why the scenario's kube-proxy mode cannot be changed (then no outcomes); null when it can. */
      readonly unchangeable: string | null;
    }
  | { readonly kind: 'mode-scaling'; readonly point: ScalingPoint }
  | { readonly kind: 'cni'; readonly process: CniProcess }
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
