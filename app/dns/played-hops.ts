// What playback walks: a name's DNS exchanges first (each query a UDP datagram to kube-dns and its answer,
// traced like any other packet), then the connection. The engine keeps the two apart — `trace.hops` is the
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
  | { readonly kind: 'connection' };

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
  for (const h of trace.hops) out.push({ ...h, index: out.length, phase: CONNECTION });
  cache.set(trace, out);
  return out;
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
  return playedHops(trace).length - trace.hops.length;
}

export function phaseLabel(phase: HopPhase): string {
  switch (phase.kind) {
    case 'dns':
      return `DNS query ${phase.query + 1} of ${phase.queries}: ${phase.name} ${phase.type}`;
    case 'connection':
      return 'connection';
    default: {
      const unknown: never = phase;
      return String(unknown);
    }
  }
}
