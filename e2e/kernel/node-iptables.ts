// A node's iptables in the kernel: loaded from the engine's own `iptables-save` rendering of the node's
// whole ruleset (flanneld's rules, kubelet's KUBE-FIREWALL, kube-proxy's jumps and chains), which is a valid
// iptables-restore input, into fresh tables (a flushing restore: seconds, not minutes, for big rulesets).
// kube-proxy's `-m nfacct` matches need their accounting objects first, as kube-proxy creates them.
import type { Ruleset } from '../../engine/netfilter/ruleset';
import { iptablesSave } from '../../engine/netfilter/iptables-save';
import { sh } from './host';

/** The nfacct objects a ruleset's rules name. */
export function nfacctNames(ruleset: Ruleset): string[] {
  const names = new Set<string>();
  for (const table of ruleset.tableNames()) {
    for (const chain of ruleset.chains(table)) {
      for (const rule of chain.rules) {
        for (const m of rule.spec.modules) if (m.module === 'nfacct') names.add(m.name);
      }
    }
  }
  return [...names].sort();
}

/** What the lab feeds to `iptables-restore`: the engine's rendering, unchanged. */
export function restoreInput(ruleset: Ruleset): string {
  return iptablesSave(ruleset);
}

export function loadRuleset(netns: string, ruleset: Ruleset): void {
  for (const name of nfacctNames(ruleset)) sh('ip', ['netns', 'exec', netns, 'nfacct', 'add', name]);
  sh('ip', ['netns', 'exec', netns, 'iptables-restore'], restoreInput(ruleset));
}

/** `iptables-save` without its `#` header and footer lines and with chain counters zeroed: check 6's kernel side. */
export function kernelSaveText(netns: string): string {
  const text = sh('ip', ['netns', 'exec', netns, 'iptables-save']);
  return normaliseSave(text);
}

export function normaliseSave(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .map((l) => (l.startsWith(':') ? l.replace(/\[\d+:\d+\]$/, '[0:0]') : l))
    .join('\n');
}

export function zeroCounters(netns: string, ruleset: Ruleset): void {
  for (const table of ruleset.tableNames()) sh('ip', ['netns', 'exec', netns, 'iptables', '-t', table, '-Z']);
}

export interface RuleCounter {
  /** `table CHAIN#position`, position 1-based within the chain as iptables numbers rules. */
  readonly key: string;
  readonly text: string;
  readonly packets: number;
}

/** Per-rule packet counters from `iptables-save -c`. */
export function kernelCounters(netns: string): RuleCounter[] {
  return parseCounters(sh('ip', ['netns', 'exec', netns, 'iptables-save', '-c']));
}

export function parseCounters(text: string): RuleCounter[] {
  const out: RuleCounter[] = [];
  let table = '';
  const positions = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('*')) {
      table = line.slice(1);
      positions.clear();
      continue;
    }
    const m = /^\[(\d+):(\d+)\] (-A (\S+).*)$/.exec(line);
    if (!m) continue;
    const chain = m[4]!;
    const position = (positions.get(chain) ?? 0) + 1;
    positions.set(chain, position);
    out.push({ key: `${table} ${chain}#${position}`, text: m[3]!, packets: Number(m[1]) });
  }
  return out;
}
