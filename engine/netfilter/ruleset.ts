// A namespace's iptables state: tables of chains of rules, with the built-in chains' policies. Chains keep
// the order iptables-save prints them in (built-ins first, then user chains in creation order).
import type { IpvsTable } from '../ipvs/table';
import type { Ipset } from './ipset';
import type { NftTable } from './nft/table';
import type { Rule, TableName } from './rule';

export const BUILTIN_CHAINS: Readonly<Record<TableName, readonly string[]>> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
};

export interface Chain {
  readonly table: TableName;
  readonly name: string;
  readonly builtin: boolean;
  /** Policy of a built-in chain; user chains have none (`-`). */
  readonly policy: 'ACCEPT' | 'DROP' | null;
  readonly rules: Rule[];
}

/**
 * A namespace's tables. A ruleset may be layered over a shared base (`overlay()`): chains are read through
 * to the base and copied on first write, so 5,000 nodes with the same kube-proxy rules share one copy of
 * their 470,000 rules and each node only owns the chains it changes (flannel's).
 */
export class Ruleset {
  private readonly tables = new Map<TableName, Map<string, Chain>>();
  private readonly nft: NftTable[] = [];
  private readonly sets = new Map<string, Ipset>();
  private ipvsTable: IpvsTable | null = null;

  constructor(private readonly base: Ruleset | null = null) {}

  /** A new ruleset that starts equal to this one and can change without changing it. */
  overlay(): Ruleset {
    return new Ruleset(this);
  }

  /** Tables in the order iptables-save prints them when all exist. */
  tableNames(): TableName[] {
    return (['raw', 'mangle', 'nat', 'filter'] as const).filter((t) => this.hasTable(t));
  }

  private hasTable(table: TableName): boolean {
    return this.tables.has(table) || (this.base?.hasTable(table) ?? false);
  }

  ensureTable(table: TableName): void {
    if (this.hasTable(table)) return;
    const chains = new Map<string, Chain>();
    for (const name of BUILTIN_CHAINS[table])
      chains.set(name, { table, name, builtin: true, policy: 'ACCEPT', rules: [] });
    this.tables.set(table, chains);
  }

  /** The chain, made this ruleset's own (copied from the base on first write). */
  ensureChain(table: TableName, name: string): Chain {
    this.ensureTable(table);
    let own = this.tables.get(table);
    if (!own) {
      own = new Map();
      this.tables.set(table, own);
    }
    let chain = own.get(name);
    if (!chain) {
      const inherited = this.base?.chain(table, name);
      chain = inherited
        ? { ...inherited, rules: inherited.rules.slice() }
        : { table, name, builtin: false, policy: null, rules: [] };
      own.set(name, chain);
    }
    return chain;
  }

  chain(table: TableName, name: string): Chain | undefined {
    return this.tables.get(table)?.get(name) ?? this.base?.chain(table, name);
  }

  /** Chains of a table: the base's in its order (with this ruleset's copies in their place), then new ones. */
  chains(table: TableName): Chain[] {
    const own = this.tables.get(table);
    const inherited = this.base?.chains(table) ?? [];
    if (!own) return inherited;
    const out = inherited.map((c) => own.get(c.name) ?? c);
    const seen = new Set(inherited.map((c) => c.name));
    for (const c of own.values()) if (!seen.has(c.name)) out.push(c);
    return out;
  }

  append(rule: Rule): void {
    this.ensureChain(rule.table, rule.chain).rules.push(rule);
  }

  /** Inserts at the head of the chain, as `iptables -I CHAIN 1` (how kube-proxy installs its jumps). */
  prepend(rule: Rule): void {
    this.ensureChain(rule.table, rule.chain).rules.unshift(rule);
  }

  /**
   * Native nftables tables in the same namespace, such as kube-proxy's `table ip kube-proxy` in nftables
   * mode. (The iptables tables above are what iptables-nft keeps in the same nftables ruleset.)
   */
  addNftTable(table: NftTable): void {
    this.nft.push(table);
  }

  nftTables(): readonly NftTable[] {
    const inherited = this.base?.nftTables() ?? [];
    if (this.nft.length === 0) return inherited;
    return inherited.length === 0 ? this.nft : [...inherited, ...this.nft];
  }

  /** An ip set of the namespace (`ipset create`), for `-m set` matches. */
  addIpset(set: Ipset): void {
    this.sets.set(set.name, set);
  }

  ipset(name: string): Ipset | undefined {
    return this.sets.get(name) ?? this.base?.ipset(name);
  }

  /** The sets in creation order (the base's first). */
  ipsets(): Ipset[] {
    const inherited = this.base?.ipsets() ?? [];
    return this.sets.size === 0 ? inherited : [...inherited, ...this.sets.values()];
  }

  /**
   * The namespace's IPVS service table (kube-proxy's IPVS mode). It is kept here, beside the netfilter
   * state, because IPVS is itself a set of netfilter hooks (LOCAL_IN, LOCAL_OUT).
   */
  setIpvs(table: IpvsTable): void {
    this.ipvsTable = table;
  }

  ipvs(): IpvsTable | null {
    return this.ipvsTable ?? this.base?.ipvs() ?? null;
  }

  ruleCount(): number {
    let n = 0;
    for (const t of this.tableNames()) for (const c of this.chains(t)) n += c.rules.length;
    return n;
  }
}
