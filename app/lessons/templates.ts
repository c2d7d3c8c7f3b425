// Question templates: each reads one answer out of the engine's trace, with the evidence a student is
// shown after choosing (the hop, rule or record that decided) and the hop playback moves to for the reveal.
// A lesson names a template and lists choices; which choice is right is never written in the lesson.
import type { ScenarioSummary } from '../../engine/protocol';
import type { HopJson, TraceJson } from '../../engine';
import type { PlayedHop } from '../dns/played-hops';
import { selectHop, hopMatches, describeSelector } from './hop-select';
import type { Choice, Question } from './lesson';
import type { TemplateId } from './template-ids';

export interface TemplateContext {
  readonly trace: TraceJson;
  readonly hops: readonly PlayedHop[];
  readonly summary: ScenarioSummary;
}

export interface Answer {
  readonly value: string | number;
  /** One sentence from the trace saying why (a hop's own sentence, a rule, a DNS or HTTP record). */
  readonly evidence: string;
  /** The hop to play to before marking the choice (playback order), or null to stay. */
  readonly hop: number | null;
}

interface Template {
  readonly id: TemplateId;
  /** What the editor shows in its template list. */
  readonly label: string;
  /** The template needs `at` (a hop selector) and maybe `field`. */
  readonly needsHop?: boolean;
  readonly needsField?: boolean;
  compute(ctx: TemplateContext, q: Pick<Question, 'at' | 'field'>): Answer | null;
  /** Candidates for `choices: auto`. */
  auto?(ctx: TemplateContext, answer: Answer): Choice[];
}

const ip = (addr: string): string => addr.replace(/:\d+$/, '');

/** A rule whose own verdict ends the packet: iptables' `-j REJECT` / `-j DROP`, nftables' `reject` / `drop`. */
const VERDICT_RULE = /(-j (REJECT|DROP)\b|(^|\s)(reject|drop)(\s|$))/;

/** The connection's hops (not the DNS exchanges) in playback order. */
function connection(ctx: TemplateContext): PlayedHop[] {
  return ctx.hops.filter((h) => h.phase.kind === 'connection');
}

/** The request's delivery into the last socket it reaches: the backend behind a proxy or ingress controller. */
function finalDelivery(trace: TraceJson): { hop: HopJson; leg: TraceJson } | null {
  const leg = trace.proxy?.upstreamTrace ?? trace.http?.upstreamTrace ?? trace;
  const hop = leg.hops.find((h) => h.direction === 'request' && h.kind === 'deliver');
  return hop ? { hop, leg } : null;
}

/** The hop index in playback order of the connection's first hop of this kind and direction. */
function playedIndex(ctx: TemplateContext, pick: (h: PlayedHop) => boolean): number | null {
  const i = ctx.hops.findIndex((h) => h.phase.kind === 'connection' && pick(h));
  return i < 0 ? null : i;
}

/** Where the request ends: behind a proxy (userspace kube-proxy, an ingress controller) that is the end of
 * the proxy's own connection, which playback walks after the client's (app/dns/played-hops.ts). */
function lastRequestHop(ctx: TemplateContext): number | null {
  let last: number | null = null;
  ctx.hops.forEach((h, i) => {
    if ((h.phase.kind === 'connection' || h.phase.kind === 'upstream') && h.direction === 'request') last = i;
  });
  return last;
}

function podLabel(ctx: TemplateContext, key: string): string {
  const pod = ctx.summary.pods.find((p) => p.key === key);
  return pod ? `${key.split('/')[1]} on ${pod.node} (${pod.ip ?? 'no IP'})` : key;
}

/** A pod's family: `web-8575d44b47-lqjs7` (a Deployment's) → `web`, `web-a` → `web`, a bare `a` stays `a`. */
function family(key: string): string {
  const deployed = key.replace(/-[a-z0-9]{8,10}-[a-z0-9]{5}$/, '');
  return deployed !== key ? deployed : key.replace(/-[a-z0-9]+$/, '');
}

function firstPacketHops(ctx: TemplateContext): PlayedHop[] {
  return connection(ctx).filter((h) => h.direction === 'request');
}

const TEMPLATES: readonly Template[] = [
  {
    id: 'delivered-pod',
    label: 'Which pod answers?',
    compute: (ctx) => {
      const pod = ctx.trace.http?.upstream?.pod ?? ctx.trace.deliveredTo?.pod ?? null;
      if (!pod) return null;
      const dnat = connection(ctx).find((h) => h.nat?.kind === 'DNAT' || h.kind === 'ipvs');
      return {
        value: pod,
        evidence: dnat ? dnat.why : `The packet was delivered to ${pod}.`,
        hop: lastRequestHop(ctx),
      };
    },
    auto: (ctx, answer) =>
      ctx.summary.pods
        .filter((p) => p.ip !== null && family(p.key) === family(String(answer.value)))
        .map((p) => ({ label: podLabel(ctx, p.key), value: p.key })),
  },
  {
    id: 'delivered-node',
    label: 'On which node is the pod that answers?',
    compute: (ctx) => {
      const d = finalDelivery(ctx.trace);
      if (!d?.hop.node) return null;
      return { value: d.hop.node, evidence: d.hop.why, hop: lastRequestHop(ctx) };
    },
    auto: (ctx) => ctx.summary.nodes.map((n) => ({ label: n.name })),
  },
  {
    id: 'source-seen',
    label: 'Which source address does the receiving pod see?',
    compute: (ctx) => {
      const d = finalDelivery(ctx.trace);
      if (!d) return null;
      const src = ip(d.hop.packet.src);
      const i = d.leg.hops.indexOf(d.hop);
      const changer = [...d.leg.hops.slice(0, i)]
        .reverse()
        .find((h) => h.direction === 'request' && h.changed.includes('src'));
      const evidence = changer
        ? changer.why
        : d.leg !== ctx.trace
          ? `The backend's connection was opened by a proxy, so its source is ${src}: ${d.leg.hops[0]?.why ?? ''}`
          : `No hop rewrote the source, so the receiver sees the sender's own address ${src}.`;
      return { value: src, evidence, hop: lastRequestHop(ctx) };
    },
  },
  {
    id: 'underlay-addresses',
    label: 'Which source and destination addresses does the network between the nodes see?',
    compute: (ctx) => {
      const i = playedIndex(ctx, (h) => h.direction === 'request' && h.netns === 'underlay');
      if (i === null)
        return {
          value: 'none',
          evidence: 'The packet never reaches the network between the nodes.',
          hop: null,
        };
      const h = ctx.hops[i]!;
      const p = h.packet.outer ?? h.packet;
      const encap = connection(ctx).find((x) => x.direction === 'request' && x.changed.includes('outer'));
      const value = `${ip(p.src)} → ${ip(p.dst)}`;
      return {
        value,
        evidence:
          h.packet.outer && encap
            ? encap.why
            : `No hop added outer headers, so the network between the nodes sees the packet's own addresses, ${value}.`,
        hop: i,
      };
    },
  },
  {
    id: 'leaves-node',
    label: 'Does the packet leave the node?',
    compute: (ctx) => {
      const first = connection(ctx)[0];
      const i = playedIndex(
        ctx,
        (h) =>
          h.direction === 'request' &&
          (h.netns === 'underlay' || (h.node !== null && h.node !== first?.node)),
      );
      if (i === null) {
        const deliver = playedIndex(ctx, (h) => h.direction === 'request' && h.kind === 'deliver');
        return {
          value: 'no',
          evidence:
            (deliver !== null && ctx.hops[deliver]?.why) || 'Every hop of the request stays on one node.',
          hop: deliver,
        };
      }
      return { value: 'yes', evidence: ctx.hops[i]!.why, hop: i };
    },
    auto: () => [{ label: 'yes' }, { label: 'no' }],
  },
  {
    id: 'verdict',
    label: 'Is the packet delivered, dropped or rejected?',
    compute: (ctx) => {
      const last = lastRequestHop(ctx);
      return {
        value: ctx.trace.verdict,
        evidence: ctx.trace.reason ?? (last !== null ? ctx.hops[last]!.why : ''),
        hop: last,
      };
    },
    auto: () => [{ label: 'delivered' }, { label: 'dropped' }, { label: 'rejected' }],
  },
  {
    // What happens, and what decided it: a Service whose endpoints are all not ready keeps its ClusterIP,
    // but kube-proxy writes a filter-table REJECT ("<svc> has no endpoints") in place of its chain
    // (kube-proxy.md, syncProxyRules), so the client is refused on its own node; a pod with nothing
    // listening refuses it itself; a DROP leaves the client waiting.
    id: 'outcome',
    label: 'What happens to the connection, and what decides it?',
    compute: (ctx) => {
      const end = lastRequestHop(ctx);
      if (end === null) return null;
      const hop = ctx.hops[end]!;
      if (ctx.trace.verdict === 'delivered') {
        const d = finalDelivery(ctx.trace);
        const where = d?.hop.netns.replace(/^pod\//, '') ?? hop.netns;
        return { value: `delivered to ${where}`, evidence: d?.hop.why ?? hop.why, hop: end };
      }
      // The last hop before the end that walked rules: its last matching rule, when that rule is the
      // verdict itself (iptables' -j REJECT / -j DROP, nftables' reject / drop), decided.
      const walked = ctx.hops
        .slice(0, end + 1)
        .filter((h) => h.direction === 'request' && h.phase.kind === hop.phase.kind && h.rules.length > 0)
        .at(-1);
      const rule = walked?.rules.filter((r) => r.matched).at(-1);
      const byRule = rule !== undefined && VERDICT_RULE.test(rule.rule);
      const value = byRule
        ? `${ctx.trace.verdict} on ${walked!.node} by ${rule.table} ${rule.chain}`
        : `${ctx.trace.verdict} in ${hop.netns}`;
      // A rejection plays on until the error reaches the client, where the connect() fails.
      const last = ctx.trace.verdict === 'rejected' ? connection(ctx).at(-1) : undefined;
      return {
        value,
        evidence: [ctx.trace.reason, hop.why].filter(Boolean).join('; '),
        hop: last ? last.index : end,
      };
    },
  },
  {
    id: 'first-packet-rules',
    label: 'How many rules does the first packet walk?',
    compute: (ctx) => {
      const hops = firstPacketHops(ctx);
      const n = hops.reduce((sum, h) => sum + h.rulesEvaluated, 0);
      const parts = hops
        .filter((h) => h.rulesEvaluated > 0)
        .map((h) => `${h.kind} on ${h.node}: ${h.rulesEvaluated}`);
      return {
        value: n,
        evidence: `The request's first packet walked ${n} rules (${parts.join(', ')}).`,
        hop: lastRequestHop(ctx),
      };
    },
  },
  {
    id: 'first-packet-lookups',
    label: 'How many set or verdict-map lookups does the first packet make?',
    compute: (ctx) => {
      const rules = firstPacketHops(ctx).flatMap((h) => h.rules);
      const lookups = rules.filter((r) => r.lookup);
      return {
        value: lookups.length,
        evidence: `The first packet made ${lookups.length} lookups: ${lookups.map((r) => `${r.lookup!.map} (${r.chain})`).join(', ')}.`,
        hop: lastRequestHop(ctx),
      };
    },
  },
  {
    id: 'connection-count',
    label: 'How many TCP connections does one request make?',
    compute: (ctx) => {
      const legs = 1 + (ctx.trace.proxy?.upstreamTrace ? 1 : 0) + (ctx.trace.http?.upstreamTrace ? 1 : 0);
      const why =
        ctx.trace.proxy?.why ?? ctx.trace.http?.why ?? 'The client connects straight to the backend.';
      return { value: legs, evidence: why, hop: lastRequestHop(ctx) };
    },
  },
  {
    id: 'dns-query-count',
    label: 'How many DNS queries does the resolver send?',
    compute: (ctx) => {
      const q = ctx.trace.dns?.queries ?? [];
      const list = q.map((x) => `${x.name} ${x.type}`).join(', ');
      return {
        value: q.length,
        evidence: `The resolver sent ${q.length} queries: ${list}.`,
        hop: playedIndex(ctx, () => true),
      };
    },
  },
  {
    id: 'dns-first-query',
    label: 'Which name does the resolver ask first?',
    compute: (ctx) => {
      const q = ctx.trace.dns?.queries[0];
      if (!q) return null;
      return {
        value: q.name,
        evidence: `The first query asks ${q.name} ${q.type}; resolv.conf's search list and ndots decide the order.`,
        hop: ctx.hops.findIndex((h) => h.phase.kind === 'dns'),
      };
    },
  },
  {
    id: 'ingress-backend',
    label: 'Which backend does the ingress controller choose?',
    compute: (ctx) => {
      const http = ctx.trace.http;
      if (!http) return null;
      const m = http.matched;
      return {
        value: m?.backend ?? 'none',
        evidence: m
          ? `Ingress ${m.ingress} matched host ${m.host} and path ${m.path ?? '(any)'} (${m.pathType ?? 'no type'}): ${http.why}`
          : http.why,
        hop: lastRequestHop(ctx),
      };
    },
  },
  {
    id: 'http-status',
    label: 'Which HTTP status does the client get?',
    compute: (ctx) => {
      const http = ctx.trace.http;
      if (!http || http.status === null) return null;
      return { value: String(http.status), evidence: http.why, hop: lastRequestHop(ctx) };
    },
  },
  {
    id: 'hop-count',
    label: 'How many hops match …?',
    needsHop: true,
    compute: (ctx, q) => {
      if (!q.at) return null;
      const at = q.at;
      const hits = ctx.hops.filter((h) => hopMatches(h, at));
      return {
        value: hits.length,
        evidence: `${hits.length} hops are ${describeSelector({ ...at, last: false }).replace(/^the first hop /, '')}.`,
        hop: hits.length ? hits[hits.length - 1]!.index : null,
      };
    },
  },
  {
    id: 'field',
    label: 'What is this field at this hop?',
    needsHop: true,
    needsField: true,
    compute: (ctx, q) => {
      if (!q.at || !q.field) return null;
      const i = selectHop(ctx.hops, q.at);
      if (i < 0) return null;
      const value = readField(ctx.hops[i]!, q.field);
      if (value === undefined) return null;
      const h = ctx.hops[i]!;
      return {
        value,
        evidence: `${q.field} is ${value} at this hop (${h.kind} at ${h.device}): ${h.why}`,
        hop: i,
      };
    },
  },
];

/** A dotted path into a hop (`packet.outer.dport`, `device`, `packet.src.ip`); `.ip` drops a port. */
export function readField(hop: HopJson, path: string): string | number | undefined {
  let v: unknown = hop;
  for (const part of path.split('.')) {
    if (part === 'ip' && typeof v === 'string') return ip(v);
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return typeof v === 'string' || typeof v === 'number' ? v : typeof v === 'boolean' ? String(v) : undefined;
}

export function template(id: string): Template | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

export const TEMPLATE_LIST: readonly Pick<Template, 'id' | 'label' | 'needsHop' | 'needsField'>[] = TEMPLATES;

export function computeAnswer(ctx: TemplateContext, q: Question): Answer | null {
  return template(q.template)?.compute(ctx, q) ?? null;
}

/** `{pod-ip:NS/NAME}`, `{node-ip:NODE}`, `{cni0-ip:NODE}`, `{flannel-ip:NODE}`, `{cluster-ip:NS/NAME}`. */
export function fillPlaceholders(text: string, summary: ScenarioSummary): string {
  return text.replace(/\{([a-z0-9-]+):([^}]+)\}/g, (whole, kind: string, arg: string) => {
    const node = summary.nodes.find((n) => n.name === arg);
    const base = node?.podCIDR.replace(/\.0\/\d+$/, '');
    switch (kind) {
      case 'pod-ip':
        return summary.pods.find((p) => p.key === arg)?.ip ?? whole;
      case 'node-ip':
        return node?.internalIP ?? whole;
      case 'cni0-ip':
        return base ? `${base}.1` : whole;
      case 'flannel-ip':
        return base ? `${base}.0` : whole;
      case 'host-veth':
        return summary.pods.find((p) => p.key === arg)?.hostVeth?.name ?? whole;
      case 'cluster-ip':
        return summary.services.find((s) => s.key === arg)?.clusterIP ?? whole;
      default:
        return whole;
    }
  });
}

export interface ShownChoice {
  readonly label: string;
  readonly correct: boolean;
}

const norm = (s: string) =>
  s.trim().toLowerCase().replace(/\s+/g, ' ').replace(/->/g, '→').replace(/\.$/, '');

/** The choices as a student sees them, each marked against the computed answer. */
export function markChoices(ctx: TemplateContext, q: Question, answer: Answer): ShownChoice[] {
  const listed = q.choices === 'auto' ? (template(q.template)?.auto?.(ctx, answer) ?? []) : q.choices;
  return listed.map((c) => {
    const label = fillPlaceholders(c.label, ctx.summary);
    let correct: boolean;
    if (typeof answer.value === 'number' && (c.min !== undefined || c.max !== undefined))
      correct = answer.value >= (c.min ?? -Infinity) && answer.value <= (c.max ?? Infinity);
    else correct = norm(fillPlaceholders(c.value ?? c.label, ctx.summary)) === norm(String(answer.value));
    return { label, correct };
  });
}
