// A node's iptables as they stand after kubelet and then kube-proxy have started and run one full sync:
// kubelet's KUBE-FIREWALL (kubelet starts first), kube-proxy's canary chains (ipt.Monitor), the jumps from
// built-in chains (EnsureRule Prepend: `-C`, else `-I CHAIN 1`), then the payload applied with
// `iptables-restore --noflush` (each chain line flushes that chain, other chains are left alone).
import { makeRule, type Rule } from '../../netfilter/rule';
import type { Ruleset } from '../../netfilter/ruleset';
import { KUBE_FIREWALL, KUBE_PROXY_CANARY } from './chain-names';
import { quoted } from './rule-writer';
import type { KubeProxyIptablesResult } from './sync-proxy-rules';

function sameRule(a: Rule, b: Rule): boolean {
  return (
    a.table === b.table &&
    a.chain === b.chain &&
    a.args.length === b.args.length &&
    a.args.every((w, i) => w === b.args[i])
  );
}

/** `iptables -C` then `-I CHAIN 1` if missing: prepending reverses the order the jumps are ensured in. */
function ensurePrepended(ruleset: Ruleset, rule: Rule): void {
  const chain = ruleset.ensureChain(rule.table, rule.chain);
  if (!chain.rules.some((r) => sameRule(r, rule))) ruleset.prepend(rule);
}

/**
 * kubelet's localnet guard (pkg/kubelet/kubelet_network_linux.go): the KUBE-FIREWALL chain, a DROP for
 * off-host traffic to 127.0.0.0/8, and jumps to it prepended to OUTPUT and INPUT. Idempotent.
 */
export function installKubeletFirewall(ruleset: Ruleset): void {
  const chain = ruleset.ensureChain('filter', KUBE_FIREWALL);
  ensurePrepended(ruleset, makeRule('filter', 'OUTPUT', ['-j', KUBE_FIREWALL]));
  ensurePrepended(ruleset, makeRule('filter', 'INPUT', ['-j', KUBE_FIREWALL]));
  // kubelet spells the addresses --dst/--src; the kernel holds the same rule either way.
  const guard = makeRule('filter', KUBE_FIREWALL, [
    '-m',
    'comment',
    '--comment',
    quoted('block incoming localnet connections'),
    '--dst',
    '127.0.0.0/8',
    '!',
    '--src',
    '127.0.0.0/8',
    '-m',
    'conntrack',
    '!',
    '--ctstate',
    'RELATED,ESTABLISHED,DNAT',
    '-j',
    'DROP',
  ]);
  if (!chain.rules.some((r) => sameRule(r, guard))) ruleset.append(guard);
}

export interface InstallOptions {
  /** Model kubelet having set up KUBE-FIREWALL first, as on every node (default true). */
  readonly kubelet?: boolean;
}

export function installKubeProxyIptables(
  ruleset: Ruleset,
  result: KubeProxyIptablesResult,
  options: InstallOptions = {},
): void {
  if (options.kubelet ?? true) installKubeletFirewall(ruleset);
  for (const table of ['mangle', 'nat', 'filter'] as const) ruleset.ensureChain(table, KUBE_PROXY_CANARY);
  for (const jump of result.jumpRules) {
    // EnsureChain for the destination, then the jump itself.
    const target = jump.args[jump.args.length - 1]!;
    ruleset.ensureChain(jump.table, target);
    ensurePrepended(ruleset, jump);
  }
  restoreNoFlush(ruleset, 'filter', result.filterChains, result.filterRules);
  restoreNoFlush(ruleset, 'nat', result.natChains, result.natRules);
}

function restoreNoFlush(
  ruleset: Ruleset,
  table: 'filter' | 'nat',
  chains: readonly string[],
  rules: readonly Rule[],
): void {
  for (const name of chains) ruleset.ensureChain(table, name).rules.length = 0;
  for (const rule of rules) ruleset.append(rule);
}
