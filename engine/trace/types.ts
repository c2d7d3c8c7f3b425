// The trace as the engine holds it: the request, the verdicts of both legs, the hops, and the steps around
// the connection (name resolution, the ingress controller's HTTP decision, kube-proxy's userspace proxy).
// Child connections stay `Trace`s here; only json.ts turns a trace, children included, into its JSON.
import type { Datapath } from '../datapath/datapath';
import type { Hop } from '../datapath/hop';
import type { DnsStep } from '../dns/trace-dns';
import type { MatchRow } from '../ingress/route';
import type { SeededRandom } from '../random';

export type Verdict = 'delivered' | 'dropped' | 'rejected';

export interface Delivery {
  readonly pod: string | null;
  readonly netns: string;
  readonly ip: string;
  readonly port: number;
}

export interface LegResult {
  /** What came back: the server's answer, or the kernel's refusal (a TCP RST or an ICMP error). */
  readonly kind: 'answer' | 'tcp-reset' | 'icmp-error';
  readonly verdict: Verdict;
  readonly deliveredTo: Delivery | null;
  readonly reason: string | null;
}

export interface UserspaceProxyStep {
  readonly mode: 'userspace';
  /** `node ip:proxyPort` where kube-proxy's socket accepted the client's connection. */
  readonly listener: string;
  readonly servicePort: string;
  readonly backend: string | null;
  readonly why: string;
  /** kube-proxy's own connection from the node to the backend. */
  readonly upstream: Trace | null;
}

export interface Trace {
  readonly request: {
    readonly from: string;
    readonly to: string;
    readonly protocol: 'tcp' | 'udp';
    readonly seed: number;
    readonly label: string;
  };
  readonly verdict: Verdict;
  readonly deliveredTo: Delivery | null;
  readonly reason: string | null;
  /** The answer's way back; null when the request never arrived. */
  readonly reply: LegResult | null;
  readonly hops: readonly Hop[];
  /** Name resolution before the connection, when `to` named a host: every query a traced UDP exchange. */
  readonly dns?: DnsStep<Trace>;
  /** An HTTP request through the ingress controller (`--to http(s)://…` from an external client). */
  readonly http?: HttpStep;
  /** kube-proxy's userspace mode (legacy): the proxy socket that accepted, and its own connection onward. */
  readonly proxy?: UserspaceProxyStep;
}

export interface HttpStep {
  readonly request: {
    readonly method: 'GET';
    readonly scheme: 'http' | 'https';
    readonly host: string;
    readonly path: string;
    readonly headers: Readonly<Record<string, string>>;
  };
  /** How the client reached the controller. */
  readonly connect: { readonly address: string; readonly port: number; readonly via: string };
  /** The controller pod that accepted the connection; null when it never got there. */
  readonly controller: string | null;
  readonly tls: { readonly sni: string; readonly certificate: string } | null;
  /** The nginx server that took the request: its host, or `_` (the catch-all). */
  readonly server: string | null;
  readonly status: number | null;
  readonly statusText: string | null;
  readonly responseHeaders: Readonly<Record<string, string>>;
  readonly matched: {
    readonly ingress: string;
    readonly host: string;
    readonly path: string | null;
    readonly pathType: string | null;
    readonly location: string;
    readonly backend: string;
  } | null;
  readonly upstream: {
    readonly name: string;
    /** The path (and arguments) of the request nginx sends upstream: the client's, or rewrite-target's result. */
    readonly path: string;
    /** The `rewrite "(?i)<path>" <target> break;` that made it, when the location rewrites. */
    readonly rewrite: string | null;
    readonly peers: readonly string[];
    readonly chosen: string | null;
    readonly pod: string | null;
    readonly serviceUpstream: boolean;
    readonly headers: Readonly<Record<string, string>>;
  } | null;
  readonly rules: readonly MatchRow[];
  /** Why the response is what it is, in a sentence. */
  readonly why: string;
  /** The controller's connection to the chosen peer, a whole trace of its own. */
  readonly upstreamTrace?: Trace;
}

export interface ConnectionOptions {
  /** Reuse kernel state (conntrack, recent lists) across connections, as one running cluster would. */
  readonly datapath?: Datapath;
  readonly random?: SeededRandom;
  /** The client socket's source port (a resolver reusing its socket); drawn at random when absent. */
  readonly sport?: number;
  /** IP length of the answer (a DNS response is not the size of its question); the request's when absent. */
  readonly replySize?: number;
  /** Set on kube-proxy's own onward connection in userspace mode, so it does not proxy itself again. */
  readonly noProxyHop?: boolean;
}
