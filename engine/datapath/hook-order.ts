// Which functions run on a netfilter hook, in priority order: the iptables(-nft) tables at their fixed
// priorities, and, in kube-proxy's nftables mode, the native base chains among them.
import type { NftChain, NftTable } from '../netfilter/nft/table';
import { baseChainsOn } from '../netfilter/nft/evaluate';
import type { TableName } from '../netfilter/rule';
import type { Ruleset } from '../netfilter/ruleset';
import type { HopKind } from './hop';

export type Hook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

/** Tables per hook in priority order (raw −300, mangle −150, nat −100 / +100, filter 0). */
export const HOOK_TABLES: Readonly<Record<Hook, readonly TableName[]>> = {
  PREROUTING: ['raw', 'mangle', 'nat'],
  INPUT: ['mangle', 'filter', 'nat'],
  FORWARD: ['mangle', 'filter'],
  OUTPUT: ['raw', 'mangle', 'nat', 'filter'],
  POSTROUTING: ['mangle', 'nat'],
};

/** Priorities of the iptables tables on each hook (NF_IP_PRI_*): nat is -100 before routing, +100 after. */
const IPTABLES_PRIORITY: Readonly<Record<TableName, number>> = {
  raw: -300,
  mangle: -150,
  nat: -100,
  filter: 0,
};

/** What runs on a hook: an iptables table's built-in chain, or a native nftables base chain. */
export type HookEntry =
  | { readonly kind: 'iptables'; readonly table: TableName }
  | { readonly kind: 'nft'; readonly table: NftTable; readonly chain: NftChain };

const IPTABLES_ENTRIES: Readonly<Record<Hook, readonly HookEntry[]>> = {
  PREROUTING: HOOK_TABLES.PREROUTING.map((table) => ({ kind: 'iptables', table })),
  INPUT: HOOK_TABLES.INPUT.map((table) => ({ kind: 'iptables', table })),
  FORWARD: HOOK_TABLES.FORWARD.map((table) => ({ kind: 'iptables', table })),
  OUTPUT: HOOK_TABLES.OUTPUT.map((table) => ({ kind: 'iptables', table })),
  POSTROUTING: HOOK_TABLES.POSTROUTING.map((table) => ({ kind: 'iptables', table })),
};

/**
 * The hook's functions in priority order. Native nftables base chains (kube-proxy's nftables mode) run
 * among the iptables-nft tables by priority; at equal priority the one registered later runs first
 * (nf_hook_entries_grow inserts before equals), and kube-proxy's table is created after the kubelet's and
 * flanneld's iptables tables.
 */
function computeHookEntries(ruleset: Ruleset, hook: Hook): readonly HookEntry[] {
  const tables = ruleset.nftTables();
  if (tables.length === 0) return IPTABLES_ENTRIES[hook];
  const nft = baseChainsOn(tables, hook.toLowerCase());
  if (nft.length === 0) return IPTABLES_ENTRIES[hook];
  const priority = (e: HookEntry): number =>
    e.kind === 'nft'
      ? e.chain.base!.priority
      : e.table === 'nat' && (hook === 'POSTROUTING' || hook === 'INPUT')
        ? 100
        : IPTABLES_PRIORITY[e.table];
  const entries: HookEntry[] = [
    ...nft.map(({ table, chain }) => ({ kind: 'nft' as const, table, chain })),
    ...IPTABLES_ENTRIES[hook],
  ];
  // Stable: nft chains come first among equals.
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => priority(a.e) - priority(b.e) || a.i - b.i)
    .map(({ e }) => e);
}

export const HOOK_KIND: Readonly<Record<Hook, HopKind>> = {
  PREROUTING: 'prerouting',
  INPUT: 'input',
  FORWARD: 'forward',
  OUTPUT: 'output',
  POSTROUTING: 'postrouting',
};

const entryCache = new WeakMap<Ruleset, Map<Hook, readonly HookEntry[]>>();

/** Computed once per ruleset and hook: the order only changes when the ruleset does, never per packet. */
export function hookEntries(ruleset: Ruleset, hook: Hook): readonly HookEntry[] {
  let byHook = entryCache.get(ruleset);
  if (!byHook) entryCache.set(ruleset, (byHook = new Map()));
  let entries = byHook.get(hook);
  if (!entries) byHook.set(hook, (entries = computeHookEntries(ruleset, hook)));
  return entries;
}
