// What the engine predicts for one flow, reduced to what the kernel can be asked: which pods answer, the
// source address each sees, the packets on the underlay, how many times each rule matched, and whether the
// client gets an answer, a refusal, a timeout or a "fragmentation needed".
import type { Cluster } from '../../engine/cluster/cluster';
import type { Packet } from '../../engine/net/packet';
import { formatIpv4 } from '../../engine/net/ipv4';
import { traceConnection, traceConnections } from '../../engine/trace/trace';
import type { Trace } from '../../engine/trace/types';
import type { TraceRequest } from '../../engine/trace/request';
import { type SocketError, socketErrorOfIcmp } from '../../engine/net/socket-errors';
import { type WirePacket, wireSignature } from './capture';

/**
 * What the client's socket ends with: an answer, a time-out, or the errno the kernel hands it
 * (ECONNREFUSED for a RST or a port unreachable, ENETUNREACH, EHOSTUNREACH, EMSGSIZE …).
 */
export type Outcome = 'answered' | 'timeout' | SocketError;

/** Seeds tried to find every path the engine allows (statistic draws differ per seed). */
export const CANDIDATE_SEEDS = 48;
/** Connections per flow in the "many connections" phase, on both sides. */
export const MANY = 60;

export interface EngineCandidate {
  readonly seed: number;
  readonly trace: Trace;
  readonly pod: string | null;
  readonly outcome: Outcome;
  /** `node table CHAIN#position` → matches, only rules that matched at least once. */
  readonly counts: ReadonlyMap<string, number>;
  readonly underlay: ReadonlySet<string>;
  /** Source address the responder sees (the request's final `deliver` hop). */
  readonly sourceSeen: string | null;
}

/**
 * The socket's view of the engine's trace. A refusal the engine sends back (its reply leg a TCP RST or an
 * ICMP error) that reaches the socket is the errno that socket gets (engine/net/socket-errors.ts), not a
 * time-out; one that never reaches it, or an ICMP error a UDP socket is not told about, is a time-out.
 */
export function outcomeOf(trace: Trace): Outcome {
  if (trace.verdict === 'delivered') {
    if (trace.reply?.verdict === 'delivered') return 'answered';
    // The answer was refused on its way back: the client's kernel resets or discards it; its socket waits.
    return 'timeout';
  }
  if (trace.reply) {
    if (trace.reply.verdict !== 'delivered') return 'timeout';
    if (trace.reply.kind === 'tcp-reset') return 'ECONNREFUSED';
    const got = [...trace.hops].reverse().find((h) => h.direction === 'reply' && h.kind === 'deliver');
    const icmp = got?.after.l4.icmp;
    if (!icmp) return 'timeout';
    return socketErrorOfIcmp(icmp.embedded.proto, icmp.type, icmp.code) ?? 'timeout';
  }
  // Refused before leaving the client's own namespace: the send itself fails.
  const reason = trace.reason ?? '';
  if (/EMSGSIZE/.test(reason)) return 'EMSGSIZE';
  if (/ENETUNREACH/.test(reason)) return 'ENETUNREACH';
  return 'timeout';
}

export function ruleCounts(trace: Trace): Map<string, number> {
  const counts = new Map<string, number>();
  for (const hop of trace.hops) {
    if (!hop.netns.startsWith('node/')) continue;
    const node = hop.netns.slice(5);
    for (const v of hop.rules) {
      if (!v.matched) continue;
      const key = `${node} ${v.rule.table} ${v.rule.chain}#${v.position}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

function wireOf(p: Packet): WirePacket {
  // The capture opens both encapsulations (capture.ts): VXLAN with its VNI, flannel's udp without one.
  if (p.encap) {
    const inner = p.encap.inner;
    return {
      proto: inner.l4.proto,
      src: formatIpv4(inner.ip.src),
      dst: formatIpv4(inner.ip.dst),
      outer: {
        src: formatIpv4(p.ip.src),
        dst: formatIpv4(p.ip.dst),
        dport: p.l4.dport,
        vni: p.encap.kind === 'vxlan' ? p.encap.vni : null,
      },
    };
  }
  return { proto: p.l4.proto, src: formatIpv4(p.ip.src), dst: formatIpv4(p.ip.dst), outer: null };
}

/** Packets the trace puts on the underlay (every hop in the `underlay` namespace), as capture signatures. */
export function underlaySignatures(trace: Trace): Set<string> {
  const out = new Set<string>();
  for (const hop of trace.hops) {
    if (hop.netns !== 'underlay' || hop.kind === 'drop') continue;
    out.add(wireSignature(wireOf(hop.after)));
  }
  return out;
}

function sourceSeen(trace: Trace): string | null {
  const deliver = trace.hops.find((h) => h.direction === 'request' && h.kind === 'deliver');
  return deliver ? formatIpv4(deliver.after.ip.src) : null;
}

function candidate(seed: number, trace: Trace): EngineCandidate {
  return {
    seed,
    trace,
    pod: trace.deliveredTo?.pod ?? null,
    outcome: outcomeOf(trace),
    counts: ruleCounts(trace),
    underlay: underlaySignatures(trace),
    sourceSeen: sourceSeen(trace),
  };
}

export interface EnginePrediction {
  /** One first connection per seed, each on a fresh cluster state. */
  readonly candidates: readonly EngineCandidate[];
  /** MANY connections from one client sharing conntrack and `recent` state. */
  readonly many: readonly EngineCandidate[];
}

export function predict(cluster: Cluster, request: TraceRequest): EnginePrediction {
  const candidates: EngineCandidate[] = [];
  for (let seed = 1; seed <= CANDIDATE_SEEDS; seed++)
    candidates.push(candidate(seed, traceConnection(cluster, cluster, { ...request, seed })));
  const many = traceConnections(cluster, cluster, { ...request, seed: 1 }, MANY).map((t, i) =>
    candidate(i + 1, t),
  );
  return { candidates, many };
}

export function countDiff(
  engine: ReadonlyMap<string, number>,
  kernel: ReadonlyMap<string, number>,
): string[] {
  const keys = [...new Set([...engine.keys(), ...kernel.keys()])].sort();
  const out: string[] = [];
  for (const k of keys) {
    const e = engine.get(k) ?? 0;
    const n = kernel.get(k) ?? 0;
    if (e !== n) out.push(`${k}: engine ${e}, kernel ${n}`);
  }
  return out;
}

/** The engine's first connection that went where the kernel's went and is closest to it in rule matches. */
export function closestCandidate(
  candidates: readonly EngineCandidate[],
  kernelPod: string | null,
  kernelCounts: ReadonlyMap<string, number>,
): EngineCandidate {
  const samePod = candidates.filter((c) => c.pod === kernelPod);
  const pool = samePod.length > 0 ? samePod : candidates;
  let best = pool[0]!;
  let bestDiff = Infinity;
  for (const c of pool) {
    const d = countDiff(c.counts, kernelCounts).length;
    if (d < bestDiff) {
      best = c;
      bestDiff = d;
    }
  }
  return best;
}
