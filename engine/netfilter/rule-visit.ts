// One rule a packet was checked against, as a trace records it: which rule, where it sits in its chain,
// whether it matched, and what a statistic match drew or an nft map lookup found. The iptables walk,
// the nftables evaluator and the IPVS lookup all record visits; the trace shows them per hop.
import type { IpvsServiceRef } from '../ipvs/table';
import type { NftRuleRef } from './nft/rule-ref';
import type { Rule } from './rule';

export interface RuleVisit {
  /** An iptables rule, a rule of a native nftables table (nftables mode), or an IPVS virtual service. */
  readonly rule: Rule | NftRuleRef | IpvsServiceRef;
  /** Position of the rule in its chain, 1-based as `iptables -L --line-numbers` counts. */
  readonly position: number;
  readonly matched: boolean;
  readonly draw?: { readonly value: number; readonly probability: number };
  /** An nft set or verdict-map lookup the rule made (one evaluation, whatever the map's size). */
  readonly lookup?: { readonly map: string; readonly key: string; readonly verdict: string | null };
  /**
   * What a reader derived from this visit, kept on it: a rule that did not match is one shared visit
   * object per chain position (netfilter/walk.ts), the same in every trace, so the trace JSON's entry for
   * it is made once and found here without a lookup (a WeakMap lookup per visit was a third of a
   * 30,000-Service trace's JSON). The visit itself stays read-only.
   */
  memo?: unknown;
}
