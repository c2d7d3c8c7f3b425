// What runs on a netfilter hook, as objects with one `evaluate`: an iptables table's built-in chain, a
// native nftables base chain, or IPVS (which registers its own hook functions, net/netfilter/ipvs/
// ip_vs_core.c ip_vs_ops4). The hook runner calls them in priority order without knowing which is which,
// the way nf_hook_slow calls each nf_hook_entry's function.
import type { Netns } from '../model/netns';
import type { Ipset } from '../netfilter/ipset';
import type { CtState } from '../netfilter/modules/match-context';
import type { TableName } from '../netfilter/rule';
import type { VisitLog } from '../netfilter/visit-log';
import type { TableVerdict } from '../netfilter/walk';
import { walkTable } from '../netfilter/walk';
import { evaluateNftChain, type NftChainVerdict } from '../netfilter/nft/evaluate';
import type { NftChain, NftTable } from '../netfilter/nft/table';
import type { DatapathContext, NamespaceState, Outcome } from './context';
import type { Hook } from './hook';
import { findDevice, isLocalAddress } from './routing';
import type { Skb } from './skb';

/** Everything an entry may look at: the packet's skb, where it is, its conntrack state, the visit log. */
export interface HookInput {
  readonly ctx: DatapathContext;
  readonly ns: Netns;
  readonly hook: Hook;
  readonly skb: Skb;
  readonly inDev: string | null;
  readonly outDev: string | null;
  readonly ctState: CtState;
  /** Rules (and IPVS lookups) visited on this hook so far; entries append theirs. */
  readonly visits: VisitLog;
}

/**
 * An entry's verdict: the netfilter verdicts with the NAT they chose, `skip` when the entry has nothing
 * on this hook, and `stolen` (NF_STOLEN) when the entry took the packet over and sends it on itself.
 */
export type HookVerdict =
  | TableVerdict
  | NftChainVerdict
  | { readonly kind: 'skip' }
  | { readonly kind: 'stolen'; readonly then: () => Outcome };

export interface HookEntry {
  /** How a trace names the entry: `filter`, `ip kube-proxy filter-forward`. */
  readonly label: string;
  /** A nat entry sees only a connection's first packet, and only until one binds the connection. */
  readonly isNat: boolean;
  /** Registration priority (NF_IP_PRI_*, or the base chain's priority). */
  readonly priority: number;
  evaluate(input: HookInput): HookVerdict;
}

/** Priorities of the iptables tables on each hook (NF_IP_PRI_*): nat is -100 before routing, +100 after. */
const IPTABLES_PRIORITY: Readonly<Record<TableName, number>> = {
  raw: -300,
  mangle: -150,
  nat: -100,
  filter: 0,
};

/** What the rule matchers ask of a namespace, as functions made once per namespace and context. */
interface NamespaceLookups {
  readonly ns: Netns;
  readonly isLocalAddress: (ip: number) => boolean;
  readonly draw31: () => number;
  readonly drawU32: () => number;
  readonly ipsets: (name: string) => Ipset | undefined;
  readonly isBridge: (dev: string) => boolean;
}

// Keyed by the context's per-namespace state, so they live as long as that context. Made per evaluation,
// these closures were a sixth of a classroom trace's time.
const lookupsByState = new WeakMap<NamespaceState, NamespaceLookups>();

function lookupsOf(ctx: DatapathContext, ns: Netns): NamespaceLookups {
  const state = ctx.state(ns.id);
  let lookups = lookupsByState.get(state);
  if (!lookups || lookups.ns !== ns) {
    lookups = {
      ns,
      isLocalAddress: (ip) => isLocalAddress(ns, ip),
      draw31: () => ctx.random.int(0, 0x7fffffff),
      drawU32: () => ctx.random.int(0, 0xffffffff),
      ipsets: (name) => ns.ruleset?.ipset(name),
      isBridge: (dev) => findDevice(ns, dev)?.kind === 'bridge',
    };
    lookupsByState.set(state, lookups);
  }
  return lookups;
}

/** An iptables table's built-in chain on a hook (iptable_filter, iptable_nat, …). */
export function iptablesEntry(table: TableName, hook: Hook): HookEntry {
  return {
    label: table,
    isNat: table === 'nat',
    priority:
      table === 'nat' && (hook === 'POSTROUTING' || hook === 'INPUT') ? 100 : IPTABLES_PRIORITY[table],
    evaluate({ ctx, ns, skb, inDev, outDev, ctState, visits }) {
      const ruleset = ns.ruleset!;
      if (!ruleset.chain(table, hook)) return { kind: 'skip' };
      const lookups = lookupsOf(ctx, ns);
      return walkTable(ruleset, table, hook, skb.packet, {
        visits,
        context: {
          inDev,
          outDev,
          ctState,
          ctDnat: skb.ct?.entry.dnat ?? false,
          isLocalAddress: lookups.isLocalAddress,
          draw31: lookups.draw31,
          recent: ctx.state(ns.id).recent,
          now: ctx.now,
          ipsets: lookups.ipsets,
          isBridge: lookups.isBridge,
        },
      });
    },
  };
}

/** A native nftables base chain (kube-proxy's nftables mode). */
export function nftEntry(table: NftTable, chain: NftChain): HookEntry {
  return {
    label: `${table.family} ${table.name} ${chain.name}`,
    isNat: chain.base!.type === 'nat',
    priority: chain.base!.priority,
    evaluate({ ctx, ns, skb, ctState, visits }) {
      const lookups = lookupsOf(ctx, ns);
      return evaluateNftChain(
        table,
        chain,
        skb.packet,
        {
          ctState,
          isLocalAddress: lookups.isLocalAddress,
          drawU32: lookups.drawU32,
          dynamicSets: ctx.state(ns.id).nftSets,
          now: ctx.now,
        },
        visits,
      );
    },
  };
}
