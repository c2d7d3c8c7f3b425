// Which functions run on a netfilter hook, in priority order: the iptables(-nft) tables at their fixed
// priorities, in kube-proxy's nftables mode the native base chains among them, and IPVS on LOCAL_IN and
// LOCAL_OUT.
import { baseChainsOn } from '../netfilter/nft/evaluate';
import type { TableName } from '../netfilter/rule';
import type { Ruleset } from '../netfilter/ruleset';
import type { Hook } from './hook';
import { type HookEntry, iptablesEntry, nftEntry } from './hook-entry';
import { IPVS_ENTRY } from './ipvs';

/** Tables per hook in priority order (raw −300, mangle −150, nat −100 / +100, filter 0). */
export const HOOK_TABLES: Readonly<Record<Hook, readonly TableName[]>> = {
  PREROUTING: ['raw', 'mangle', 'nat'],
  INPUT: ['mangle', 'filter', 'nat'],
  FORWARD: ['mangle', 'filter'],
  OUTPUT: ['raw', 'mangle', 'nat', 'filter'],
  POSTROUTING: ['mangle', 'nat'],
};

function iptablesEntries(hook: Hook): readonly HookEntry[] {
  return HOOK_TABLES[hook].map((table) => iptablesEntry(table, hook));
}

/**
 * IPVS runs after the hook's tables. (The kernel registers ip_vs_remote_request4 at NF_IP_PRI_NAT_SRC − 2
 * and ip_vs_local_request4 at NF_IP_PRI_NAT_DST + 2; this model has always run it last, which differs only
 * when INPUT's nat or OUTPUT's filter table has rules for a virtual service's first packet.)
 */
function withIpvs(hook: Hook, entries: readonly HookEntry[]): readonly HookEntry[] {
  return hook === 'INPUT' || hook === 'OUTPUT' ? [...entries, IPVS_ENTRY] : entries;
}

/**
 * The hook's functions in priority order. Native nftables base chains (kube-proxy's nftables mode) run
 * among the iptables-nft tables by priority; at equal priority the one registered later runs first
 * (nf_hook_entries_grow inserts before equals), and kube-proxy's table is created after the kubelet's and
 * flanneld's iptables tables.
 */
function computeHookEntries(ruleset: Ruleset, hook: Hook): readonly HookEntry[] {
  const tables = ruleset.nftTables();
  const nft = tables.length === 0 ? [] : baseChainsOn(tables, hook.toLowerCase());
  if (nft.length === 0) return withIpvs(hook, iptablesEntries(hook));
  const entries: HookEntry[] = [
    ...nft.map(({ table, chain }) => nftEntry(table, chain)),
    ...iptablesEntries(hook),
  ];
  // Stable: nft chains come first among equals.
  const ordered = entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.priority - b.e.priority || a.i - b.i)
    .map(({ e }) => e);
  return withIpvs(hook, ordered);
}

const entryCache = new WeakMap<Ruleset, Map<Hook, readonly HookEntry[]>>();

/** Computed once per ruleset and hook: the order only changes when the ruleset does, never per packet. */
export function hookEntries(ruleset: Ruleset, hook: Hook): readonly HookEntry[] {
  let byHook = entryCache.get(ruleset);
  if (!byHook) entryCache.set(ruleset, (byHook = new Map()));
  let entries = byHook.get(hook);
  if (!entries) byHook.set(hook, (entries = computeHookEntries(ruleset, hook)));
  return entries;
}
