// Walks one table's built-in chain for a packet the way ipt_do_table does: rules in order, jumps push a
// return point, gotos do not, RETURN pops (or applies the policy in a built-in chain), and a terminal
// target ends the walk. Every rule looked at is recorded, so iptables' linear cost is visible as a count.
import type { Packet } from '../net/packet';
import { destinationRuns, type DestinationRun } from './destination-runs';
import { CompiledMatch, ruleMatches } from './match';
import type { MatchContext } from './modules/match-context';
import type { Rule, TableName } from './rule';
import type { RuleVisit } from './rule-visit';
import type { Ruleset } from './ruleset';
import type { VisitLog } from './visit-log';

export type TableVerdict =
  | { readonly kind: 'accept'; readonly packet: Packet }
  | { readonly kind: 'drop'; readonly rule: Rule | null }
  | { readonly kind: 'reject'; readonly rule: Rule; readonly rejectWith: string }
  | { readonly kind: 'dnat'; readonly packet: Packet; readonly rule: Rule }
  | { readonly kind: 'redirect'; readonly packet: Packet; readonly rule: Rule; readonly toPort: number }
  | {
      readonly kind: 'masquerade';
      readonly packet: Packet;
      readonly rule: Rule;
      readonly randomFully: boolean;
    }
  | { readonly kind: 'snat'; readonly packet: Packet; readonly rule: Rule; readonly address: number };

export interface WalkEnvironment {
  /** The match context with the packet left out: the walk supplies the packet as MARK changes it. */
  readonly context: Omit<MatchContext, 'packet'>;
  readonly visits: VisitLog;
}

const MAX_DEPTH = 64;

export class ChainWalkError extends Error {}

/**
 * What the walk keeps per chain position: the rule's matches compiled to one shape, and its visit when it
 * does not match. Such a visit holds nothing but the rule and its position, so one object serves every
 * packet: a packet crossing 30,000 KUBE-SERVICES rules allocated 30,000 visits per walk (a round trip
 * ~180,000), most of a trace's cost. Kept in the chain's index (below).
 */
class ChainPosition extends CompiledMatch {
  readonly miss: RuleVisit;

  constructor(
    readonly rule: Rule,
    index: number,
  ) {
    // The compiled fields sit in this same object: one object read per rule visited.
    super(rule.spec);
    this.miss = { rule, position: index + 1, matched: false, memo: undefined };
  }
}

/**
 * A chain's rule array as the walk reads it: every position compiled, and the runs of exact-destination
 * rules (destination-runs.ts). Made on the first walk of the array; remade when the array has changed
 * (install writes chains before any packet is walked, but a prepend after a walk must not be missed: the
 * length is checked on entry, and each position's rule whenever the walk reads or skips it).
 */
class ChainIndex {
  readonly positions: ChainPosition[];
  /** Each position's miss visit, for the visit log's ranges. */
  readonly misses: RuleVisit[];
  readonly runs: Array<DestinationRun | undefined>;
  readonly length: number;

  constructor(rules: readonly Rule[]) {
    this.length = rules.length;
    this.positions = rules.map((r, i) => new ChainPosition(r, i));
    this.misses = this.positions.map((p) => p.miss);
    this.runs = destinationRuns(this.positions);
  }
}

const chainIndexes = new WeakMap<readonly Rule[], ChainIndex>();

function indexOf(rules: readonly Rule[]): ChainIndex {
  let index = chainIndexes.get(rules);
  if (index === undefined || index.length !== rules.length) {
    index = new ChainIndex(rules);
    chainIndexes.set(rules, index);
  }
  return index;
}

function reindex(rules: readonly Rule[]): ChainIndex {
  const index = new ChainIndex(rules);
  chainIndexes.set(rules, index);
  return index;
}

export function walkTable(
  ruleset: Ruleset,
  table: TableName,
  hookChain: string,
  start: Packet,
  env: WalkEnvironment,
): TableVerdict {
  let packet = start;
  const base = ruleset.chain(table, hookChain);
  if (!base) return { kind: 'accept', packet };
  const stack: { rules: readonly Rule[]; next: number }[] = [];
  // One context object for the whole walk (only `packet` changes, on MARK): allocating one per rule
  // visited was the walk's main cost at 10,000 Services.
  const context: MatchContext = { ...env.context, packet };
  let rules: readonly Rule[] = base.rules;
  let index = indexOf(rules);
  let i = 0;
  for (;;) {
    if (i >= rules.length) {
      const frame = stack.pop();
      if (!frame) {
        // Fell off the built-in chain: its policy decides.
        return base.policy === 'DROP' ? { kind: 'drop', rule: null } : { kind: 'accept', packet };
      }
      rules = frame.rules;
      index = indexOf(rules);
      i = frame.next;
      continue;
    }
    const run = index.runs[i];
    if (run !== undefined) {
      // Rules written for other addresses miss on -d: record them and go to the next one for this address.
      const to = run.next(context.packet.ip.dst, i);
      const positions = index.positions;
      let k = i;
      while (k < to && positions[k]!.rule === rules[k]) k++;
      env.visits.pushMisses(index.misses, i, k);
      i = k;
      if (i < to) {
        index = reindex(rules);
        continue;
      }
      if (i >= run.end) continue;
    }
    const rule = rules[i]!;
    const at = index.positions[i]!;
    if (at.rule !== rule) {
      index = reindex(rules);
      continue;
    }
    const outcome = ruleMatches(at, context);
    if (outcome.draw)
      env.visits.push({ rule, position: i + 1, matched: outcome.matched, draw: outcome.draw });
    else if (!outcome.matched) env.visits.push(at.miss);
    else env.visits.push({ rule, position: i + 1, matched: true });
    i++;
    if (!outcome.matched) continue;
    const target = rule.spec.target;
    if (target === null) continue;
    // The target decides (modules/targets/*); the walk only follows the verdict, as ipt_do_table does.
    const step = target.apply(packet);
    switch (step.kind) {
      case 'accept':
        return { kind: 'accept', packet };
      case 'drop':
        return { kind: 'drop', rule };
      case 'reject':
        return { kind: 'reject', rule, rejectWith: step.rejectWith };
      case 'return': {
        const frame = stack.pop();
        if (!frame) return base.policy === 'DROP' ? { kind: 'drop', rule: null } : { kind: 'accept', packet };
        rules = frame.rules;
        index = indexOf(rules);
        i = frame.next;
        continue;
      }
      case 'jump':
      case 'goto': {
        const chain = ruleset.chain(table, step.chain);
        if (!chain) throw new ChainWalkError(`${table} ${rule.chain}: jump to missing chain ${step.chain}`);
        if (step.kind === 'jump') stack.push({ rules, next: i });
        if (stack.length > MAX_DEPTH)
          throw new ChainWalkError(`${table}: chain nesting deeper than ${MAX_DEPTH}`);
        rules = chain.rules;
        index = indexOf(rules);
        i = 0;
        continue;
      }
      case 'continue':
        packet = step.packet;
        context.packet = packet;
        continue;
      case 'dnat':
        return { kind: 'dnat', rule, packet: step.packet };
      case 'redirect':
        return { kind: 'redirect', rule, packet, toPort: step.toPort };
      case 'snat':
        return { kind: 'snat', rule, address: step.address, packet };
      case 'masquerade':
        return { kind: 'masquerade', rule, packet, randomFully: step.randomFully };
    }
  }
}
