// The trace as a person reads it in a terminal: one block per hop, the matched rules, and the NAT steps.
import type { HttpStepJson, TraceJson } from './json';

export function traceToText(t: TraceJson): string {
  const lines: string[] = [];
  lines.push(
    `trace ${t.request.from} → ${t.request.to} (${t.request.label}, ${t.request.protocol}, seed ${t.request.seed})`,
  );
  if (t.dns) {
    // Resolution first: each query is its own UDP exchange (shown by `podpath dns`, and in the JSON).
    lines.push(
      `resolve ${t.dns.name} with /etc/resolv.conf: ${t.dns.resolvConf.trimEnd().split('\n').join('; ')}`,
    );
    for (const q of t.dns.queries) {
      const via = q.trace?.deliveredTo?.pod ? ` (answered by ${q.trace.deliveredTo.pod})` : '';
      lines.push(
        `  dns ${q.type.padEnd(4)} ${q.name} → ${q.rcode}${via}${q.answers.length > 0 ? `: ${q.answers.map((a) => a.split('\t').slice(3).join(' ')).join(', ')}` : ''}`,
      );
    }
    if (t.dns.source === 'hosts')
      lines.push(
        `  found in /etc/hosts${t.dns.hostsOrigin === 'hostAliases' ? ' (spec.hostAliases)' : ''}, no DNS query: ${t.dns.hostsLine?.replaceAll('\t', ' ') ?? t.dns.addresses.join(' ')}`,
      );
  }
  for (const h of t.hops) {
    const where = `${h.node ?? '-'} ${h.netns} ${h.device}`;
    lines.push(
      `${String(h.index).padStart(3)} ${h.direction === 'reply' ? '←' : '→'} ${h.kind.padEnd(12)} ${where}`,
    );
    const o = h.packet.outer;
    const outer = o
      ? ` [outer ${o.src} → ${o.dst} ${o.proto}${o.dport === undefined ? '' : `/${o.dport}`}${o.vni === undefined ? '' : ` vni ${o.vni}`}]`
      : '';
    lines.push(`      ${h.packet.proto} ${h.packet.src} → ${h.packet.dst} ttl ${h.packet.ttl}${outer}`);
    lines.push(`      ${h.why}`);
    if (h.process) lines.push(`      process: ${h.process.name} (${h.process.crossing})`);
    if (h.route) lines.push(`      route: ${h.route}`);
    if (h.neighbour) lines.push(`      neigh: ${h.neighbour}`);
    if (h.fdb) lines.push(`      fdb:   ${h.fdb}`);
    if (h.conntrack) lines.push(`      ct:    ${h.conntrack}`);
    for (const r of h.rules) {
      if (!r.matched) continue;
      const draw = r.draw ? ` (draw ${r.draw.value.toFixed(4)} < ${r.draw.probability})` : '';
      // nftables: the one set or verdict-map lookup this rule made, instead of a walk.
      const lookup = r.lookup
        ? ` [lookup ${r.lookup.map} ${r.lookup.key} → ${r.lookup.verdict ?? 'no match'}]`
        : '';
      lines.push(`      ✓ ${r.table}: ${r.rule}${draw}${lookup}`);
    }
  }
  lines.push(
    `verdict: ${t.verdict}${t.deliveredTo ? ` at ${t.deliveredTo.pod ?? t.deliveredTo.netns} ${t.deliveredTo.ip}:${t.deliveredTo.port}` : ''}${t.reason ? ` (${t.reason})` : ''}`,
  );
  if (t.reply)
    lines.push(
      `reply:   ${t.reply.kind === 'answer' ? '' : `${t.reply.kind} `}${t.reply.verdict}${t.reply.reason ? ` (${t.reply.reason})` : ''}`,
    );
  if (t.proxy) {
    lines.push(`proxy:   ${t.proxy.why}`);
    if (t.proxy.upstreamTrace)
      lines.push(
        `         its own connection: ${t.proxy.upstreamTrace.verdict}${t.proxy.upstreamTrace.deliveredTo ? ` at ${t.proxy.upstreamTrace.deliveredTo.pod ?? t.proxy.upstreamTrace.deliveredTo.netns} ${t.proxy.upstreamTrace.deliveredTo.ip}:${t.proxy.upstreamTrace.deliveredTo.port}` : ''}`,
      );
  }
  lines.push(`rules evaluated: ${t.rulesEvaluated}`);
  if (t.http) lines.push(...httpText(t.http));
  return lines.join('\n') + '\n';
}

/** nginx's part: the request, the matching table with the winner marked, the upstream leg in brief. */
function httpText(h: HttpStepJson): string[] {
  const lines = [
    '',
    `http ${h.request.method} ${h.request.scheme}://${h.request.host}${h.request.path} via ${h.connect.address}:${h.connect.port} (${h.connect.via})`,
  ];
  if (h.tls) lines.push(`  tls: SNI ${h.tls.sni} → ${h.tls.certificate}`);
  if (h.server !== null) lines.push(`  nginx server ${h.server}`);
  for (const r of h.rules) {
    if (!r.hostMatches && !r.winner) continue;
    const mark = r.winner ? '▶' : r.pathMatches ? '·' : ' ';
    lines.push(
      `  ${mark} ${r.location.padEnd(24)} ${(r.pathType ?? '-').padEnd(22)} → ${r.backend}${r.ingress ? ` (ingress ${r.ingress})` : ''}${r.note ? ` — ${r.note}` : ''}`,
    );
  }
  if (h.upstream) {
    lines.push(
      `  upstream ${h.upstream.name}: peers ${h.upstream.peers.join(', ') || 'none'}${h.upstream.chosen ? `; chose ${h.upstream.chosen}${h.upstream.pod ? ` (${h.upstream.pod})` : ''}` : ''}`,
    );
    if (h.upstream.rewrite) lines.push(`  upstream request: GET ${h.upstream.path} (${h.upstream.rewrite})`);
    for (const [k, v] of Object.entries(h.upstream.headers)) lines.push(`    ${k}: ${v}`);
  }
  if (h.upstreamTrace) {
    const u = h.upstreamTrace;
    lines.push(
      `  upstream connection: ${u.hops.length} hops, ${u.verdict}${u.deliveredTo ? ` at ${u.deliveredTo.pod ?? u.deliveredTo.netns} ${u.deliveredTo.ip}:${u.deliveredTo.port}` : ''}${u.reason ? ` (${u.reason})` : ''}`,
    );
  }
  const headers = Object.entries(h.responseHeaders)
    .map(([k, v]) => `; ${k}: ${v}`)
    .join('');
  lines.push(
    `status: ${h.status === null ? 'none' : `${h.status} ${h.statusText ?? ''}`}${headers} — ${h.why}`,
  );
  return lines;
}
