// What playback walks: a name's DNS exchanges first (each query a UDP datagram to kube-dns and its answer,
// traced like any other packet), then the connection. When the connection ends in a proxy that opens its
// own connection onwards (kube-proxy in userspace mode, the ingress controller for an http(s):// request),
// that second leg plays once the request has reached the proxy and before the proxy answers: the request's
// bytes go client → proxy → backend and the response comes back the same way. The engine keeps the two apart — `trace.hops` is the
// connection, `trace.dns.queries[i].trace` each exchange — so the debug handle and share links see the
// trace exactly as `podpath trace --json` prints it; the app lays them end to end here, once per trace.
import type { HopJson, TraceJson } from '../../engine';

export type HopPhase =
  | {
      readonly kind: 'dns';
      readonly query: number;
      readonly queries: number;
      readonly name: string;
      readonly type: string;
    }
  | { readonly kind: 'connection' }
  /** The proxy's own connection to the backend: `by` names the proxy. */
  | { readonly kind: 'upstream'; readonly by: 'kube-proxy' | 'the ingress controller' };

/** A hop in playback order: `index` is its place in that order, `phase` what it belongs to. */
export interface PlayedHop extends HopJson {
  readonly phase: HopPhase;
}

const CONNECTION: HopPhase = { kind: 'connection' };
const cache = new WeakMap<TraceJson, readonly PlayedHop[]>();

export function playedHops(trace: TraceJson): readonly PlayedHop[] {
  const known = cache.get(trace);
  if (known) return known;
  const out: PlayedHop[] = [];
  const queries = trace.dns?.queries ?? [];
  queries.forEach((q, query) => {
    const phase: HopPhase = { kind: 'dns', query, queries: queries.length, name: q.name, type: q.type };
    for (const h of q.trace?.hops ?? []) out.push({ ...h, index: out.length, phase });
  });
  const upstream = upstreamLeg(trace);
  // The second leg starts after the connection's last request hop (the delivery into the proxy's socket).
  const lastRequest = upstream
    ? trace.hops.reduce((last, h, i) => (h.direction === 'request' ? i : last), -1)
    : -1;
  trace.hops.forEach((h, i) => {
    out.push({ ...h, index: out.length, phase: CONNECTION });
    if (i === lastRequest && upstream)
      for (const u of upstream.trace.hops) out.push({ ...u, index: out.length, phase: upstream.phase });
  });
  cache.set(trace, out);
  return out;
}

/** The proxy's onward connection, when the request was delivered to a proxy that made one. */
export function upstreamLeg(
  trace: TraceJson,
): { readonly trace: TraceJson; readonly phase: Extract<HopPhase, { kind: 'upstream' }> } | null {
  if (trace.verdict !== 'delivered') return null;
  if (trace.proxy?.upstreamTrace)
    return { trace: trace.proxy.upstreamTrace, phase: { kind: 'upstream', by: 'kube-proxy' } };
  if (trace.http?.upstreamTrace)
    return { trace: trace.http.upstreamTrace, phase: { kind: 'upstream', by: 'the ingress controller' } };
  return null;
}

/** Where each DNS query's packets start in playback order; -1 for a query that sent none (/etc/hosts, timeout). */
export function dnsQueryStarts(trace: TraceJson): number[] {
  const hops = playedHops(trace);
  return (trace.dns?.queries ?? []).map((_, i) =>
    hops.findIndex((h) => h.phase.kind === 'dns' && h.phase.query === i),
  );
}

/** Where the connection itself starts in playback order (after the DNS exchanges). */
export function connectionStart(trace: TraceJson): number {
  const i = playedHops(trace).findIndex((h) => h.phase.kind === 'connection');
  return i < 0 ? playedHops(trace).length : i;
}

export function phaseLabel(phase: HopPhase): string {
  switch (phase.kind) {
    case 'dns':
      return `DNS query ${phase.query + 1} of ${phase.queries}: ${phase.name} ${phase.type}`;
    case 'connection':
      return 'connection';
    case 'upstream':
      return `${phase.by === 'kube-proxy' ? 'kube-proxy' : 'The ingress controller'}'s own connection to the backend`;
    default: {
      const unknown: never = phase;
      return String(unknown);
    }
  }
}
