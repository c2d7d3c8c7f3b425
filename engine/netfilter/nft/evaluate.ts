// Runs one nftables base chain for a packet the way nft_do_chain does: statements left to right, a failed
// match or a missed map lookup ends the rule, jump pushes a return point, goto does not, return pops, and
// a verdict or a NAT statement ends the chain. Map lookups are hash lookups: one rule visited, however many
// Services the map holds — the cost model that separates nftables mode from iptables' linear walk.
import { cidrContains, formatIpv4 } from '../../net/ipv4';
import type { Packet } from '../../net/packet';
import type { CtState } from '../modules/match-context';
import type { RuleVisit } from '../rule-visit';
import { nftRuleRef, type NftRuleRef, nftRuleText } from './rule-ref';
import { type NftKeyField, type NftStatement, type NftVerdict, parseVerdict } from './rule-parse';
import type { NftChain, NftRule, NftTable } from './table';

/** The elements rules added at run time (`update @set`), per set: address → expiry time in seconds. */
export type NftDynamicSets = Map<string, Map<number, number>>;

export interface NftEvalContext {
  readonly ctState: CtState;
  readonly isLocalAddress: (ip: number) => boolean;
  /** get_random_u32(), for `numgen random`. */
  readonly drawU32: () => number;
  readonly dynamicSets: NftDynamicSets;
  /** Simulated clock in seconds, for set timeouts. */
  readonly now: number;
}

export type NftChainVerdict =
  | { readonly kind: 'accept'; readonly packet: Packet }
  | { readonly kind: 'drop'; readonly rule: NftRuleRef; readonly detail: string }
  | {
      readonly kind: 'reject';
      readonly rule: NftRuleRef;
      readonly detail: string;
      readonly rejectWith: string;
    }
  | { readonly kind: 'dnat'; readonly packet: Packet; readonly rule: NftRuleRef }
  | {
      readonly kind: 'masquerade';
      readonly packet: Packet;
      readonly rule: NftRuleRef;
      readonly randomFully: boolean;
    };

const MAX_DEPTH = 16;

function keyOf(fields: readonly NftKeyField[], p: Packet): string {
  const parts = fields.map((f) => {
    switch (f) {
      case 'ip daddr':
        return formatIpv4(p.ip.dst);
      case 'ip saddr':
        return formatIpv4(p.ip.src);
      case 'meta l4proto':
        return p.l4.proto;
      case 'th dport':
        return String(p.l4.dport);
    }
  });
  return parts.join(' . ');
}

export function evaluateNftChain(
  table: NftTable,
  base: NftChain,
  start: Packet,
  ctx: NftEvalContext,
  visits: { push(visit: RuleVisit): unknown },
): NftChainVerdict {
  let packet = start;
  const stack: { rules: readonly NftRule[]; next: number }[] = [];
  let rules: readonly NftRule[] = base.rules;
  let i = 0;
  for (;;) {
    if (i >= rules.length) {
      const frame = stack.pop();
      if (!frame) return { kind: 'accept', packet };
      rules = frame.rules;
      i = frame.next;
      continue;
    }
    const rule = rules[i]!;
    const ref = nftRuleRef(table, rule);
    const position = i + 1;
    i++;
    let matched = true;
    let verdict: NftVerdict | null = null;
    let lookup: RuleVisit['lookup'];
    let terminal: NftChainVerdict | null = null;
    for (const s of rule.statements) {
      const r = runStatement(s, table, packet, ctx, ref);
      if (r.kind === 'nomatch') {
        matched = false;
        if (r.lookup) lookup = r.lookup;
        break;
      }
      if (r.kind === 'packet') packet = r.packet;
      else if (r.kind === 'verdict') {
        verdict = r.verdict;
        if (r.lookup) lookup = r.lookup;
        break;
      } else if (r.kind === 'terminal') {
        terminal = r.verdict;
        break;
      }
    }
    visits.push(lookup ? { rule: ref, position, matched, lookup } : { rule: ref, position, matched });
    if (terminal) return terminal;
    if (!matched || !verdict) continue;
    const detail = lookup ? `${lookup.map} has ${lookup.key} : ${lookup.verdict}` : nftRuleText(ref);
    switch (verdict.kind) {
      case 'accept':
        return { kind: 'accept', packet };
      case 'drop':
        return { kind: 'drop', rule: ref, detail };
      case 'reject':
        return { kind: 'reject', rule: ref, detail, rejectWith: 'icmp-port-unreachable' };
      case 'return': {
        const frame = stack.pop();
        if (!frame) return { kind: 'accept', packet };
        rules = frame.rules;
        i = frame.next;
        continue;
      }
      case 'jump':
      case 'goto': {
        const chain = table.chains.get(verdict.chain);
        if (!chain)
          throw new Error(
            `nft ${table.name} ${rule.chain}: ${verdict.kind} to missing chain ${verdict.chain}`,
          );
        if (verdict.kind === 'jump') stack.push({ rules, next: i });
        if (stack.length > MAX_DEPTH)
          throw new Error(`nft ${table.name}: jumps nested deeper than ${MAX_DEPTH}`);
        rules = chain.rules;
        i = 0;
        continue;
      }
    }
  }
}

type StatementResult =
  | { readonly kind: 'match' }
  | { readonly kind: 'nomatch'; readonly lookup?: RuleVisit['lookup'] }
  | { readonly kind: 'packet'; readonly packet: Packet }
  | { readonly kind: 'verdict'; readonly verdict: NftVerdict; readonly lookup?: RuleVisit['lookup'] }
  | { readonly kind: 'terminal'; readonly verdict: NftChainVerdict };

const MATCH: StatementResult = { kind: 'match' };
const NOMATCH: StatementResult = { kind: 'nomatch' };

function runStatement(
  s: NftStatement,
  table: NftTable,
  p: Packet,
  ctx: NftEvalContext,
  ref: NftRuleRef,
): StatementResult {
  switch (s.kind) {
    case 'addr': {
      const ip = s.field === 'ip daddr' ? p.ip.dst : p.ip.src;
      const hit = s.cidrs.some((c) => cidrContains(c, ip));
      return hit !== s.negated ? MATCH : NOMATCH;
    }
    case 'lookup': {
      const dynamic = ctx.dynamicSets.get(s.set);
      if (dynamic && s.fields.length === 1) {
        const ip = s.fields[0] === 'ip saddr' ? p.ip.src : p.ip.dst;
        const expires = dynamic.get(ip);
        if (expires !== undefined && ctx.now < expires) return MATCH;
      }
      return table.sets.get(s.set)?.elements.has(keyOf(s.fields, p)) ? MATCH : NOMATCH;
    }
    case 'vmap': {
      const key = keyOf(s.fields, p);
      const element = table.sets.get(s.map)?.elements.get(key);
      const lookup = { map: `@${s.map}`, key, verdict: element?.value ?? null };
      if (!element?.value) return { kind: 'nomatch', lookup };
      return { kind: 'verdict', verdict: parseVerdict(element.value), lookup };
    }
    case 'numgen': {
      // nft_ng_random_eval: reciprocal_scale(get_random_u32(), modulus).
      const n = Math.floor((ctx.drawU32() * s.modulus) / 0x100000000);
      const entry = s.entries.find((e) => e.index === n);
      const lookup = {
        map: `numgen random mod ${s.modulus}`,
        key: String(n),
        verdict: entry ? verdictText(entry.verdict) : null,
      };
      if (!entry) return { kind: 'nomatch', lookup };
      return { kind: 'verdict', verdict: entry.verdict, lookup };
    }
    case 'ct-state':
      return s.states.includes(ctx.ctState.toLowerCase()) ? MATCH : NOMATCH;
    case 'fib-local':
      return ctx.isLocalAddress(s.field === 'saddr' ? p.ip.src : p.ip.dst) ? MATCH : NOMATCH;
    case 'l4proto':
      return p.l4.proto === s.proto ? MATCH : NOMATCH;
    case 'dport':
      return p.l4.proto === s.proto && p.l4.dport === s.port ? MATCH : NOMATCH;
    case 'mark-match':
      return (p.mark & s.mask) >>> 0 === s.value >>> 0 ? MATCH : NOMATCH;
    case 'mark-set': {
      const mark = s.op === 'or' ? p.mark | s.value : p.mark ^ s.value;
      return { kind: 'packet', packet: { ...p, mark: mark >>> 0 } };
    }
    case 'update': {
      const set = table.sets.get(s.set);
      let dynamic = ctx.dynamicSets.get(s.set);
      if (!dynamic) ctx.dynamicSets.set(s.set, (dynamic = new Map()));
      dynamic.set(s.field === 'ip saddr' ? p.ip.src : p.ip.dst, ctx.now + (set?.timeout ?? 0));
      return MATCH;
    }
    case 'dnat': {
      const l4 = s.port === undefined ? p.l4 : { ...p.l4, dport: s.port };
      return {
        kind: 'terminal',
        verdict: { kind: 'dnat', rule: ref, packet: { ...p, ip: { ...p.ip, dst: s.address }, l4 } },
      };
    }
    case 'masquerade':
      return {
        kind: 'terminal',
        verdict: { kind: 'masquerade', rule: ref, packet: p, randomFully: s.fullyRandom },
      };
    case 'verdict':
      return { kind: 'verdict', verdict: s.verdict };
  }
}

function verdictText(v: NftVerdict): string {
  return v.kind === 'jump' || v.kind === 'goto' ? `${v.kind} ${v.chain}` : v.kind;
}

const baseChainCache = new WeakMap<NftTable, { size: number; byHook: Map<string, NftChain[]> }>();

/** A table's base chains by hook, in priority order (cached: kube-proxy's table has one per 30,000 Services' worth of chains). */
function baseChainsOf(table: NftTable): Map<string, NftChain[]> {
  let cached = baseChainCache.get(table);
  if (!cached || cached.size !== table.chains.size) {
    const byHook = new Map<string, NftChain[]>();
    for (const chain of table.chains.values()) {
      if (!chain.base) continue;
      const list = byHook.get(chain.base.hook) ?? [];
      list.push(chain);
      byHook.set(chain.base.hook, list);
    }
    for (const list of byHook.values()) list.sort((a, b) => a.base!.priority - b.base!.priority);
    baseChainCache.set(table, (cached = { size: table.chains.size, byHook }));
  }
  return cached.byHook;
}

/** The base chains of `tables` on one hook, in priority order. */
export function baseChainsOn(
  tables: readonly NftTable[],
  hook: string,
): { table: NftTable; chain: NftChain }[] {
  const out: { table: NftTable; chain: NftChain }[] = [];
  for (const table of tables)
    for (const chain of baseChainsOf(table).get(hook) ?? []) out.push({ table, chain });
  return out.sort((a, b) => a.chain.base!.priority - b.chain.base!.priority);
}
