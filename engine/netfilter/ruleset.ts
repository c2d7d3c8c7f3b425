// A namespace's iptables state: tables of chains of rules, with the built-in chains' policies. Chains keep
// the order iptables-save prints them in (built-ins first, then user chains in creation order).
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

export class Ruleset {
  private readonly tables = new Map<TableName, Map<string, Chain>>();

  /** Tables in the order iptables-save prints them when all exist. */
  tableNames(): TableName[] {
    return (['raw', 'mangle', 'nat', 'filter'] as const).filter((t) => this.tables.has(t));
  }

  ensureTable(table: TableName): Map<string, Chain> {
    let chains = this.tables.get(table);
    if (!chains) {
      chains = new Map();
      for (const name of BUILTIN_CHAINS[table]) {
        chains.set(name, { table, name, builtin: true, policy: 'ACCEPT', rules: [] });
      }
      this.tables.set(table, chains);
    }
    return chains;
  }

  ensureChain(table: TableName, name: string): Chain {
    const chains = this.ensureTable(table);
    let chain = chains.get(name);
    if (!chain) {
      chain = { table, name, builtin: false, policy: null, rules: [] };
      chains.set(name, chain);
    }
    return chain;
  }

  chain(table: TableName, name: string): Chain | undefined {
    return this.tables.get(table)?.get(name);
  }

  chains(table: TableName): Chain[] {
    return [...(this.tables.get(table)?.values() ?? [])];
  }

  append(rule: Rule): void {
    this.ensureChain(rule.table, rule.chain).rules.push(rule);
  }

  /** Inserts at the head of the chain, as `iptables -I CHAIN 1` (how kube-proxy installs its jumps). */
  prepend(rule: Rule): void {
    this.ensureChain(rule.table, rule.chain).rules.unshift(rule);
  }

  ruleCount(): number {
    let n = 0;
    for (const chains of this.tables.values()) for (const c of chains.values()) n += c.rules.length;
    return n;
  }
}
