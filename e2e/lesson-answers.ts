// The answer to a lesson's question as the lessons e2e expects it, read straight out of the engine's trace
// JSON with a few lines per template kind: no app code (not its templates, its played-hop order, its
// placeholders or its choice matching). The spec then checks that the page marks that choice right, so a
// template that computes the wrong answer fails the test instead of agreeing with itself.
import type { ScenarioSummary } from '../engine/protocol';
import type { HopJson, TraceJson } from '../engine';
import type { Choice, HopSelector, Question } from '../app/lessons/lesson';

const noPort = (addr: string) => addr.replace(/:\d+$/, '');

/** The leg that reaches the backend: the proxy's or the ingress controller's own connection, else the trace. */
function finalLeg(trace: TraceJson): TraceJson {
  return trace.proxy?.upstreamTrace ?? trace.http?.upstreamTrace ?? trace;
}

function requestDelivery(leg: TraceJson): HopJson | undefined {
  return leg.hops.find((h) => h.direction === 'request' && h.kind === 'deliver');
}

/** The hop a question's `at` names, among the DNS exchanges' hops and then the connection's. */
function pickHop(trace: TraceJson, at: HopSelector): HopJson | undefined {
  const known = ['kind', 'node', 'netns', 'device', 'direction', 'outer', 'nat', 'phase'];
  const unknown = Object.keys(at).filter((k) => !known.includes(k));
  if (unknown.length > 0) throw new Error(`the e2e cannot read selector fields ${unknown.join(', ')}`);
  const dns = (trace.dns?.queries ?? []).flatMap((q) => q.trace?.hops ?? []);
  const pool = at.phase === 'connection' ? trace.hops : at.phase === 'dns' ? dns : [...dns, ...trace.hops];
  return pool.find(
    (h) =>
      (!at.kind || at.kind.includes(h.kind)) &&
      (at.node === undefined || h.node === at.node) &&
      (at.netns === undefined || h.netns === at.netns) &&
      (at.device === undefined || h.device === at.device) &&
      (at.direction === undefined || h.direction === at.direction) &&
      (at.outer === undefined || (h.packet.outer !== null) === at.outer) &&
      (at.nat === undefined || h.nat?.kind === at.nat),
  );
}

function readPath(hop: HopJson, path: string): string | number | undefined {
  let v: unknown = hop;
  for (const key of path.split('.')) {
    if (key === 'ip' && typeof v === 'string') return noPort(v);
    v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  }
  return typeof v === 'string' || typeof v === 'number' ? v : undefined;
}

/** What happened to the request and what decided it (the `outcome` template). */
function outcome(trace: TraceJson): string {
  if (trace.verdict === 'delivered') return `delivered to ${finalLeg(trace).deliveredTo?.pod}`;
  const request = trace.hops.filter((h) => h.direction === 'request');
  const end = request.at(-1)!;
  // The last hop that walked rules, and the last rule that matched there: a REJECT or DROP decided.
  const ruleHop = request.filter((h) => h.rules.length > 0).at(-1);
  const rule = ruleHop?.rules.filter((r) => r.matched).at(-1);
  if (rule && (/-j (REJECT|DROP)$/.test(rule.rule.trim()) || /^(reject|drop)\b/.test(rule.rule)))
    return `${trace.verdict} on ${ruleHop!.node} by ${rule.table} ${rule.chain}`;
  return `${trace.verdict} in ${end.netns}`;
}

/** The question's answer from the trace, by template kind. */
export function expectedAnswer(trace: TraceJson, q: Question): string | number {
  const request = trace.hops.filter((h) => h.direction === 'request');
  switch (q.template) {
    case 'delivered-pod':
      return finalLeg(trace).deliveredTo!.pod!;
    case 'delivered-node':
      return requestDelivery(finalLeg(trace))!.node!;
    case 'source-seen':
      return noPort(requestDelivery(finalLeg(trace))!.packet.src);
    case 'underlay-addresses': {
      const h = request.find((x) => x.netns === 'underlay');
      if (!h) return 'none';
      const p = h.packet.outer ?? h.packet;
      return `${noPort(p.src)} → ${noPort(p.dst)}`;
    }
    case 'leaves-node':
      return request.some((h) => h.netns === 'underlay' || h.node !== request[0]!.node) ? 'yes' : 'no';
    case 'verdict':
      return trace.verdict;
    case 'outcome':
      return outcome(trace);
    case 'first-packet-rules':
      return request.reduce((n, h) => n + h.rulesEvaluated, 0);
    case 'first-packet-lookups':
      return request.flatMap((h) => h.rules).filter((r) => r.lookup !== undefined).length;
    case 'connection-count':
      return 1 + Number(Boolean(trace.proxy?.upstreamTrace)) + Number(Boolean(trace.http?.upstreamTrace));
    case 'dns-query-count':
      return trace.dns!.queries.length;
    case 'dns-first-query':
      return trace.dns!.queries[0]!.name;
    case 'ingress-backend':
      return trace.http!.matched?.backend ?? 'none';
    case 'http-status':
      return String(trace.http!.status);
    case 'field': {
      const hop = pickHop(trace, q.at!);
      if (!hop) throw new Error(`no hop for ${JSON.stringify(q.at)}`);
      return readPath(hop, q.field!)!;
    }
    default:
      throw new Error(
        `the lessons e2e has no reading of template ${q.template}: add one to e2e/lesson-answers.ts`,
      );
  }
}

/** `{pod-ip:NS/NAME}` and friends, filled from the engine's own summary of the scenario. */
function fill(text: string, s: ScenarioSummary): string {
  return text.replace(/\{([a-z0-9-]+):([^}]+)\}/g, (whole, kind: string, arg: string) => {
    const pod = s.pods.find((p) => p.key === arg);
    const node = s.nodes.find((n) => n.name === arg);
    const subnet = node?.podCIDR.split('.').slice(0, 3).join('.');
    const filled: Record<string, string | null | undefined> = {
      'pod-ip': pod?.ip,
      'host-veth': pod?.hostVeth?.name,
      'node-ip': node?.internalIP,
      'cni0-ip': subnet && `${subnet}.1`,
      'flannel-ip': subnet && `${subnet}.0`,
      'cluster-ip': s.services.find((x) => x.key === arg)?.clusterIP,
    };
    return filled[kind] ?? whole;
  });
}

const same = (a: string, b: string) =>
  a.trim().toLowerCase().replace(/\.$/, '') === b.trim().toLowerCase().replace(/\.$/, '');

/**
 * Which of the choices the page shows is the trace's answer. Listed choices are matched by their value (or
 * label) against the answer; `auto` choices by what the page's label must name (the pod's name and address).
 */
export function expectedChoice(
  answer: string | number,
  q: Question,
  shown: readonly string[],
  summary: ScenarioSummary,
): { index: number; matches: number } {
  const hits = shown.map((label, i) => {
    if (q.choices === 'auto') {
      if (q.template !== 'delivered-pod') return same(label, String(answer));
      const pod = summary.pods.find((p) => p.key === answer)!;
      return label.includes(pod.key.split('/')[1]!) && label.includes(`(${pod.ip})`);
    }
    const c: Choice = q.choices[i]!;
    if (typeof answer === 'number' && (c.min !== undefined || c.max !== undefined))
      return answer >= (c.min ?? -Infinity) && answer <= (c.max ?? Infinity);
    return same(fill(c.value ?? c.label, summary).replace(/->/g, '→'), String(answer));
  });
  return { index: hits.indexOf(true), matches: hits.filter(Boolean).length };
}

/** The label a listed choice must show, filled independently of the page. */
export function expectedLabels(q: Question, summary: ScenarioSummary): string[] | null {
  return q.choices === 'auto' ? null : q.choices.map((c) => fill(c.label, summary));
}
