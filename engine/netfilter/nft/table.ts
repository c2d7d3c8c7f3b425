// One nftables table as the kernel holds it after a transaction: chains (base chains with their hook and
// priority), named sets and verdict maps with their elements, and rules in chain order. kube-proxy's
// nftables mode owns one such table, `table ip kube-proxy`, next to the iptables-nft tables of flanneld and
// the kubelet (which this engine keeps in the iptables model, netfilter/ruleset.ts).
import { type NftStatement, parseNftRule } from './rule-parse';

export type NftHook = 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting';

export interface NftBaseChain {
  readonly type: 'filter' | 'nat';
  readonly hook: NftHook;
  /** Numeric, as knftables writes it (dstnat-10 is -110, filter 0, srcnat 100). */
  readonly priority: number;
}

export interface NftRule {
  readonly chain: string;
  /** The rule as kube-proxy wrote it in the `nft -f` input, without its comment. */
  readonly text: string;
  readonly comment?: string;
  readonly statements: readonly NftStatement[];
}

export interface NftChain {
  readonly name: string;
  readonly base?: NftBaseChain;
  readonly comment?: string;
  readonly rules: NftRule[];
}

export interface NftElement {
  /** Key fields in the order of the set's type, e.g. `['172.30.0.41', 'tcp', '80']`. */
  readonly key: readonly string[];
  /** A verdict map's value (`goto service-…`, `drop`); absent in a set. */
  readonly value?: string;
  readonly comment?: string;
}

export interface NftSet {
  readonly kind: 'set' | 'map';
  readonly name: string;
  /** `ipv4_addr`, or `ipv4_addr . inet_proto . inet_service : verdict` for a map. */
  readonly type: string;
  readonly flags: readonly string[];
  /** Default element timeout in seconds (affinity sets). */
  readonly timeout?: number;
  readonly comment?: string;
  /** Keyed by the key fields joined with ` . `. */
  readonly elements: Map<string, NftElement>;
}

export function elementKey(key: readonly string[]): string {
  return key.join(' . ');
}

export class NftTable {
  readonly chains = new Map<string, NftChain>();
  readonly sets = new Map<string, NftSet>();

  constructor(
    readonly family: 'ip',
    readonly name: string,
    readonly comment?: string,
  ) {}

  addChain(name: string, base?: NftBaseChain, comment?: string): NftChain {
    let chain = this.chains.get(name);
    if (!chain) {
      chain = { name, rules: [], ...(base && { base }), ...(comment !== undefined && { comment }) };
      this.chains.set(name, chain);
    }
    return chain;
  }

  addSet(set: Omit<NftSet, 'elements'>): NftSet {
    let existing = this.sets.get(set.name);
    if (!existing) {
      existing = { ...set, elements: new Map() };
      this.sets.set(set.name, existing);
    }
    return existing;
  }

  addRule(chain: string, text: string, comment?: string): NftRule {
    const c = this.chains.get(chain);
    if (!c) throw new Error(`nft: add rule to missing chain ${chain}`);
    const rule: NftRule = {
      chain,
      text,
      statements: parseNftRule(text),
      ...(comment !== undefined && { comment }),
    };
    c.rules.push(rule);
    return rule;
  }

  addElement(setName: string, element: NftElement): void {
    const set = this.sets.get(setName);
    if (!set) throw new Error(`nft: add element to missing set ${setName}`);
    set.elements.set(elementKey(element.key), element);
  }

  ruleCount(): number {
    let n = 0;
    for (const c of this.chains.values()) n += c.rules.length;
    return n;
  }
}
