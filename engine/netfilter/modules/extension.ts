// The shape of a netfilter extension, the way iptables splits one into a userspace libxt_NAME (parse the
// options, save them back) and a kernel xt_NAME (match a packet, or act on it as a target). Each module
// under matches/ and targets/ is one such pair in one file; registry.ts lists them. A parsed module knows
// how to check and print itself, so rule.ts, match.ts and iptables-save.ts never switch on module names
// and the evaluator calls the module it was parsed into, with no lookup per packet.
import type { Packet } from '../../net/packet';
import type { DrawRecord, MatchContext } from './match-context';

export class RuleParseError extends Error {}

/** One option of a `-m NAME` as written: `! --dport 80` is { flag: '--dport', values: ['80'], negated: true }. */
export interface OptionWords {
  readonly flag: string;
  readonly values: readonly string[];
  readonly negated: boolean;
}

/** A parsed `-m NAME ...`: its fields, plus the kernel's check and iptables-save's rendering of it. */
export interface Match {
  readonly module: string;
  /** xt_NAME's match: whether the packet passes. A module that draws records the draw in `record`. */
  matches(ctx: MatchContext, record: DrawRecord): boolean;
  /** libxt_NAME's save: ` -m NAME ...` as iptables-save prints it (leading space included). */
  save(): string;
}

export interface MatchExtension<M extends Match = Match> {
  /** The names `-m` accepts for it. */
  readonly names: readonly string[];
  /** Its option words and how many value words each one takes. */
  readonly options: Readonly<Record<string, number>>;
  /** Builds the match from the options written after `-m NAME`, in order; throws RuleParseError. */
  parse(name: string, options: readonly OptionWords[]): M;
}

/**
 * What a target tells the table walk, in the kernel's verdict terms: a terminal verdict (accept, drop,
 * reject, or a NAT binding), XT_RETURN, a jump or goto to a user chain, or XT_CONTINUE with the packet it
 * changed (MARK).
 */
export type TargetStep =
  | { readonly kind: 'accept' }
  | { readonly kind: 'drop' }
  | { readonly kind: 'reject'; readonly rejectWith: string }
  | { readonly kind: 'return' }
  | { readonly kind: 'jump' | 'goto'; readonly chain: string }
  | { readonly kind: 'continue'; readonly packet: Packet }
  | { readonly kind: 'dnat'; readonly packet: Packet }
  | { readonly kind: 'redirect'; readonly toPort: number }
  | { readonly kind: 'snat'; readonly address: number }
  | { readonly kind: 'masquerade'; readonly randomFully: boolean };

/** A parsed `-j NAME ...` (or `-g CHAIN`): its fields, what it does to a packet, and its saved text. */
export interface Target {
  readonly kind: string;
  /** What the kernel's target function returns for this packet. */
  apply(packet: Packet): TargetStep;
  /** ` -j NAME ...` as iptables-save prints it (leading space included). */
  save(): string;
}

export interface TargetExtension<T extends Target = Target> {
  /** The names `-j` accepts for it. */
  readonly names: readonly string[];
  /** Builds the target from the words after `-j NAME`; throws RuleParseError. */
  parse(name: string, rest: readonly string[]): T;
}
