// The netfilter extensions the rule parser knows, one line each (iptables builds its list of libxt_*
// objects the same way). Adding a match or target module is its file plus a line here; the types below
// and the lookup tables follow from these lists.
import type { Match, MatchExtension, Target, TargetExtension } from './extension';
import { addrtype } from './matches/addrtype';
import { comment } from './matches/comment';
import { conntrack } from './matches/conntrack';
import { ipvs } from './matches/ipvs';
import { mark } from './matches/mark';
import { multiport } from './matches/multiport';
import { nfacct } from './matches/nfacct';
import { physdev } from './matches/physdev';
import { recent } from './matches/recent';
import { set } from './matches/set';
import { statistic } from './matches/statistic';
import { tcp } from './matches/tcp';
import { dnat } from './targets/dnat';
import { mark as markTarget } from './targets/mark';
import { masquerade } from './targets/masquerade';
import { redirect } from './targets/redirect';
import { reject } from './targets/reject';
import { snat } from './targets/snat';
import type { ChainTarget } from './targets/standard';
import { standard } from './targets/standard';

const MATCH_EXTENSIONS = [
  comment,
  tcp,
  multiport,
  addrtype,
  conntrack,
  mark,
  statistic,
  recent,
  nfacct,
  set,
  physdev,
  ipvs,
] as const;

const TARGET_EXTENSIONS = [standard, reject, redirect, dnat, snat, masquerade, markTarget] as const;

type Parsed<E> = E extends { parse(...args: never[]): infer R } ? R : never;

/** Every parsed `-m` module, told apart by `module`. */
export type MatchModule = Parsed<(typeof MATCH_EXTENSIONS)[number]>;

/** Every parsed target, told apart by `kind`; a name that is no target is a chain to jump or go to. */
export type RuleTarget = Parsed<(typeof TARGET_EXTENSIONS)[number]> | ChainTarget;

function byName<E extends { readonly names: readonly string[] }>(list: readonly E[]): ReadonlyMap<string, E> {
  const map = new Map<string, E>();
  for (const e of list) for (const n of e.names) map.set(n, e);
  return map;
}

/** `-m NAME` → its extension. */
export const matchExtensions: ReadonlyMap<string, MatchExtension<Match>> = byName<MatchExtension<Match>>(
  MATCH_EXTENSIONS,
);

/** `-j NAME` → its extension. */
export const targetExtensions: ReadonlyMap<string, TargetExtension<Target>> = byName<TargetExtension<Target>>(
  TARGET_EXTENSIONS,
);

/** Option word → the extension that owns it, to say which `-m` an orphan option needed. */
export const optionOwners: ReadonlyMap<string, MatchExtension<Match>> = new Map(
  MATCH_EXTENSIONS.flatMap((e) =>
    Object.keys(e.options).map((flag) => [flag, e as MatchExtension<Match>] as const),
  ),
);
