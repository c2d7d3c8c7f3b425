// The trace as JSON (schema documented in docs/trace-schema.md). Rule text is rendered here, late, so the
// datapath only holds references to the rules it visited.
import { viewPacket, type PacketView } from '../net/packet';
import { ruleText } from '../datapath/datapath';
import type { Hop, HopKind, NatChange, ProcessCrossing } from '../datapath/hop';
import type { DnsStep } from '../dns/trace-dns';
import type { RuleVisit } from '../netfilter/rule-visit';
import type { Delivery, HttpStep, LegResult, Trace, Verdict } from './types';

/**
 * Rule text, rendered once per rule: at 30,000 Services a round trip visits ~120,000 rules, mostly the same
 * KUBE-SERVICES rules every time, and joining their words again for every trace dominated the cost.
 */
const ruleTextCache = new WeakMap<object, string>();
function cachedRuleText(rule: Parameters<typeof ruleText>[0]): string {
  let text = ruleTextCache.get(rule);
  if (text === undefined) {
    text = ruleText(rule);
    ruleTextCache.set(rule, text);
  }
  return text;
}

/** The ingress controller's HTTP decision, with the upstream connection as its own JSON trace. */
export interface HttpStepJson extends Omit<HttpStep, 'upstreamTrace'> {
  readonly upstreamTrace?: TraceJson;
}

export const TRACE_SCHEMA = 'podpath.trace/v1';

export interface RuleJson {
  readonly table: string;
  readonly chain: string;
  readonly rule: string;
  readonly position: number;
  readonly matched: boolean;
  readonly draw?: { readonly value: number; readonly probability: number };
  /** nftables mode: the set or verdict-map lookup the rule made. */
  readonly lookup?: { readonly map: string; readonly key: string; readonly verdict: string | null };
}

export interface HopJson {
  readonly index: number;
  readonly direction: 'request' | 'reply';
  readonly node: string | null;
  readonly netns: string;
  readonly device: string;
  readonly kind: HopKind;
  readonly packet: PacketView;
  readonly before: PacketView;
  readonly changed: readonly string[];
  readonly rulesEvaluated: number;
  readonly rules: readonly RuleJson[];
  readonly route?: string;
  readonly neighbour?: string;
  readonly fdb?: string;
  readonly conntrack?: string;
  readonly nat?: NatChange;
  readonly process?: ProcessCrossing;
  readonly why: string;
}

export interface TraceJson {
  readonly schema: typeof TRACE_SCHEMA;
  readonly request: Trace['request'];
  readonly verdict: Verdict;
  readonly deliveredTo: Delivery | null;
  readonly reason: string | null;
  readonly reply: LegResult | null;
  readonly rulesEvaluated: number;
  readonly hops: readonly HopJson[];
  /** Present when `to` was a name: the resolv.conf used and each query, itself a traced UDP exchange. */
  readonly dns?: DnsStep<TraceJson>;
  /** Present for `http(s)://` requests through the ingress controller: nginx's decision and the upstream leg. */
  readonly http?: HttpStepJson;
  /** Userspace mode (legacy): kube-proxy's proxy socket and its own onward connection, traced whole. */
  readonly proxy?: {
    readonly mode: 'userspace';
    readonly listener: string;
    readonly servicePort: string;
    readonly backend: string | null;
    readonly why: string;
    readonly upstreamTrace: TraceJson | null;
  };
}

function changedFields(a: PacketView, b: PacketView): string[] {
  const out: string[] = [];
  if (a.src !== b.src) out.push('src');
  if (a.dst !== b.dst) out.push('dst');
  if (a.ttl !== b.ttl) out.push('ttl');
  if (a.mark !== b.mark) out.push('mark');
  if (JSON.stringify(a.eth) !== JSON.stringify(b.eth)) out.push('eth');
  if (JSON.stringify(a.outer) !== JSON.stringify(b.outer)) out.push('outer');
  return out;
}

/**
 * One visited rule. Built with plain assignments rather than object spreads: a round trip at 30,000
 * Services visits ~180,000 rules, and the spreads were most of the JSON's cost. The JSON of a visit is made
 * once per visit object and kept on it (`memo`): the walk records a rule that did not match with one shared
 * visit per chain position (netfilter/walk.ts), so most entries are the same objects from trace to trace.
 * The entries are read-only data.
 */
function ruleToJson(v: RuleVisit): RuleJson {
  const memo = v.memo;
  if (memo !== undefined) return memo as RuleJson;
  const json = newRuleJson(v);
  v.memo = json;
  return json;
}

function newRuleJson(v: RuleVisit): RuleJson {
  const out: { -readonly [K in keyof RuleJson]: RuleJson[K] } = {
    table: v.rule.table,
    chain: v.rule.chain,
    rule: cachedRuleText(v.rule),
    position: v.position,
    matched: v.matched,
  };
  if (v.draw) out.draw = v.draw;
  if (v.lookup) out.lookup = v.lookup;
  return out;
}

export function hopToJson(hop: Hop, index: number): HopJson {
  const packet = viewPacket(hop.after);
  const before = viewPacket(hop.before);
  return {
    index,
    direction: hop.direction,
    node: hop.node,
    netns: hop.netns,
    device: hop.device,
    kind: hop.kind,
    packet,
    before,
    changed: changedFields(before, packet),
    rulesEvaluated: hop.rules.length,
    rules: hop.rules.map(ruleToJson),
    ...(hop.route !== undefined && { route: hop.route }),
    ...(hop.neighbour !== undefined && { neighbour: hop.neighbour }),
    ...(hop.fdb !== undefined && { fdb: hop.fdb }),
    ...(hop.conntrack !== undefined && { conntrack: hop.conntrack }),
    ...(hop.nat !== undefined && { nat: hop.nat }),
    ...(hop.process !== undefined && { process: hop.process }),
    why: hop.why,
  };
}

export function traceToJson(trace: Trace): TraceJson {
  const hops = trace.hops.map(hopToJson);
  return {
    schema: TRACE_SCHEMA,
    request: trace.request,
    verdict: trace.verdict,
    deliveredTo: trace.deliveredTo,
    reason: trace.reason,
    reply: trace.reply,
    rulesEvaluated: hops.reduce((n, h) => n + h.rulesEvaluated, 0),
    hops,
    ...(trace.dns && { dns: dnsToJson(trace.dns) }),
    ...(trace.http && { http: httpToJson(trace.http) }),
    ...(trace.proxy && {
      proxy: {
        mode: trace.proxy.mode,
        listener: trace.proxy.listener,
        servicePort: trace.proxy.servicePort,
        backend: trace.proxy.backend,
        why: trace.proxy.why,
        upstreamTrace: trace.proxy.upstream ? traceToJson(trace.proxy.upstream) : null,
      },
    }),
  };
}

/** Each query keeps its place; the ones that crossed the network carry their exchange as a JSON trace. */
function dnsToJson(step: DnsStep<Trace>): DnsStep<TraceJson> {
  return {
    ...step,
    queries: step.queries.map(({ trace, ...query }) =>
      trace === undefined ? query : { ...query, trace: traceToJson(trace) },
    ),
  };
}

function httpToJson(step: HttpStep): HttpStepJson {
  const { upstreamTrace, ...decision } = step;
  return upstreamTrace === undefined ? decision : { ...decision, upstreamTrace: traceToJson(upstreamTrace) };
}
