// A node's kube-proxy table in nftables mode: loaded with `nft -f` from the engine's own transaction text
// (renderTransaction of syncNftablesRules, exactly what kube-proxy pipes to `nft -f -`), after the
// iptables-nft tables of flanneld and the kubelet (node-iptables.ts), as on a node where kube-proxy starts
// last. Check 7 compares `nft list table` with the engine's rendering; check 4 reads per-rule counters.
//
// kube-proxy writes no `counter` statements, so for check 4 (and only there) the lab loads a copy of the
// transaction in which every rule has one, right before its verdict or action:
//   `ct state new jump firewall-check`           → `ct state new counter jump firewall-check`
//   `meta l4proto tcp dnat to 10.244.1.2:8080`   → `meta l4proto tcp counter dnat to 10.244.1.2:8080`
//   `mark set mark or 0x00004000`                → `counter mark set mark or 0x00004000`
//   `numgen random mod 2 vmap { … }`             → `counter numgen random mod 2 vmap { … }`
// A counter counts every packet that reaches it, so it sits after the rule's last match and before
// anything that acts. A named verdict-map lookup (`KEY vmap @map`) is the match and the verdict at once: a
// counter before it would count lookups that miss too. There the copy first asks the kernel the same
// question as a plain lookup of the same key in the same map (`KEY @map`, which matches exactly when the
// vmap finds an element), then counts, then runs the unchanged vmap:
//   `ip daddr . meta l4proto . th dport vmap @service-ips`
//     → `ip daddr . meta l4proto . th dport @service-ips counter ip daddr . meta l4proto . th dport vmap @service-ips`
// A counter and a lookup without a destination register change no packet, mark, verdict or set, so the
// counted table behaves as kube-proxy's does; the rule is counted when the engine says it matched (a map
// lookup that found its element is the rule matching). The counted copy is loaded only after check 7 has
// listed the unmodified one, into a table deleted and recreated in between (still after iptables).
import { renderTransaction, type NftOp } from '../../engine/kube-proxy/nftables/transaction';
import { listTable } from '../../engine/netfilter/nft/list-ruleset';
import type { NftTable } from '../../engine/netfilter/nft/table';
import type { RuleCounter } from './node-iptables';
import { sh } from './host';

/** Words that start a rule's verdict or action (everything before them is a match). */
const ACTIONS = new Set([
  'jump',
  'goto',
  'return',
  'accept',
  'drop',
  'reject',
  'masquerade',
  'dnat',
  'snat',
  'numgen',
  'update',
  'counter',
]);

const COMMENT = / comment "(?:[^"\\]|\\.)*"$/;

/** One rule (without its comment) with a `counter` before its verdict or action; see the file comment. */
export function countedRule(rule: string): string {
  const w = rule.trim().split(/\s+/);
  const vmap = w.indexOf('vmap');
  const first = w.findIndex((x, i) => ACTIONS.has(x) || (x === 'mark' && w[i + 1] === 'set'));
  if (vmap >= 0 && (first < 0 || vmap < first)) {
    // KEY vmap @map: KEY is `a b` or `a b . c d …`, right before `vmap`.
    let k = vmap - 2;
    while (k >= 3 && w[k - 1] === '.') k -= 3;
    if (k < 0 || !w[vmap + 1]?.startsWith('@')) throw new Error(`lab: cannot count the vmap rule: ${rule}`);
    const key = w.slice(k, vmap);
    return [...w.slice(0, k), ...key, w[vmap + 1]!, 'counter', ...w.slice(k)].join(' ');
  }
  if (first < 0) return [...w, 'counter'].join(' ');
  return [...w.slice(0, first), 'counter', ...w.slice(first)].join(' ');
}

/** The transaction with a counter in every rule (rules are `add rule ip TABLE CHAIN RULE [comment "…"]`). */
export function countedTransaction(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const m = /^(add|insert) rule (\S+) (\S+) (\S+) (.*)$/.exec(line);
      if (!m) return line;
      const comment = COMMENT.exec(m[5]!)?.[0] ?? '';
      const body = comment ? m[5]!.slice(0, -comment.length) : m[5]!;
      return `${m[1]} rule ${m[2]} ${m[3]} ${m[4]} ${countedRule(body)}${comment}`;
    })
    .join('\n');
}

const nft = (netns: string, args: readonly string[], input?: string): string =>
  sh('ip', ['netns', 'exec', netns, 'nft', ...args], input);

/** Loads kube-proxy's transaction unchanged and returns what the kernel lists for each table (check 7). */
export function loadNftTransaction(
  netns: string,
  ops: readonly NftOp[],
  tables: readonly NftTable[],
): string[] {
  nft(netns, ['-f', '-'], renderTransaction(ops));
  return tables.map((t) => nft(netns, ['list', 'table', t.family, t.name]));
}

/** Replaces the table with its counted copy (check 4); counters start from a baseline (nft 1.0.6 has no `reset rules`). */
export function loadCountedNftTransaction(
  netns: string,
  ops: readonly NftOp[],
  tables: readonly NftTable[],
): void {
  for (const t of tables) nft(netns, ['delete', 'table', t.family, t.name]);
  nft(netns, ['-f', '-'], countedTransaction(renderTransaction(ops)));
  baselines.delete(netns);
}

/** The engine's side of check 7: `nft list table` as the engine renders it. */
export function engineNftListing(tables: readonly NftTable[]): string[] {
  return tables.map(listTable);
}

interface JsonRule {
  readonly table: string;
  readonly chain: string;
  readonly expr: readonly Record<string, unknown>[];
}

/** Absolute per-rule packet counts of the native nft tables, `TABLE CHAIN#position` (1-based in the chain). */
function absoluteCounters(netns: string, tables: readonly NftTable[]): RuleCounter[] {
  const out: RuleCounter[] = [];
  for (const t of tables) {
    const json = JSON.parse(nft(netns, ['-j', 'list', 'table', t.family, t.name])) as {
      nftables: Record<string, unknown>[];
    };
    const positions = new Map<string, number>();
    for (const item of json.nftables) {
      const rule = item['rule'] as JsonRule | undefined;
      if (!rule) continue;
      const position = (positions.get(rule.chain) ?? 0) + 1;
      positions.set(rule.chain, position);
      const counters = rule.expr.filter((e) => 'counter' in e);
      if (counters.length !== 1)
        throw new Error(
          `lab: ${t.name} ${rule.chain}#${position} has ${counters.length} counters, expected 1`,
        );
      const packets = (counters[0]!['counter'] as { packets: number }).packets;
      out.push({ key: `${rule.table} ${rule.chain}#${position}`, text: '', packets });
    }
  }
  return out;
}

const baselines = new Map<string, Map<string, number>>();

/** "Zeroes" the counters: later reads are relative to now. */
export function zeroNftCounters(netns: string, tables: readonly NftTable[]): void {
  baselines.set(netns, new Map(absoluteCounters(netns, tables).map((c) => [c.key, c.packets])));
}

/** Per-rule packet counts since the last zeroNftCounters, with the rule as the kernel lists it. */
export function nftCounters(
  netns: string,
  tables: readonly NftTable[],
  texts: ReadonlyMap<string, string>,
): RuleCounter[] {
  const base = baselines.get(netns);
  return absoluteCounters(netns, tables).map((c) => ({
    ...c,
    text: texts.get(c.key) ?? '',
    packets: c.packets - (base?.get(c.key) ?? 0),
  }));
}

/** Rule lines of an `nft list table` text, by `TABLE CHAIN#position`: the kernel's words for check 4's details. */
export function listedRules(listing: string): Map<string, string> {
  const out = new Map<string, string>();
  let table = '';
  let chain: string | null = null;
  let position = 0;
  for (const line of listing.split('\n')) {
    const t = /^table \S+ (\S+) \{$/.exec(line);
    if (t) table = t[1]!;
    const c = /^\tchain (\S+) \{$/.exec(line);
    if (c) {
      chain = c[1]!;
      position = 0;
      continue;
    }
    if (line === '\t}') chain = null;
    if (chain === null || !line.startsWith('\t\t')) continue;
    const text = line.trim();
    if (/^type \S+ hook /.test(text) || text.startsWith('comment "')) continue;
    out.set(`${table} ${chain}#${++position}`, `${chain}: ${text}`);
  }
  return out;
}
