// How a trace names an nft rule it visited: the table, the chain and the rule itself, printed the way
// `nft list ruleset` prints it. One reference per rule, so every visit of a rule shares one object.
import { listRuleText } from './list-ruleset';
import type { NftRule, NftTable } from './table';

/** A visited nft rule, as the trace names it: table, chain and the rule as `nft list` prints it. */
export interface NftRuleRef {
  readonly table: string;
  readonly family: 'ip';
  readonly chain: string;
  readonly rule: NftRule;
}

const refs = new WeakMap<NftRule, NftRuleRef>();

export function nftRuleRef(table: NftTable, rule: NftRule): NftRuleRef {
  let ref = refs.get(rule);
  if (!ref) refs.set(rule, (ref = { table: table.name, family: table.family, chain: rule.chain, rule }));
  return ref;
}

export function nftRuleText(ref: NftRuleRef): string {
  return listRuleText(ref.rule);
}
