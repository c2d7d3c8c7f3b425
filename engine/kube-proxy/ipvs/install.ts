// A node's kernel state after kubelet and then kube-proxy in IPVS mode have started and run one full sync:
// kubelet's KUBE-FIREWALL, kube-proxy's ip sets, its chains and jumps (EnsureRule Prepend), the restore
// payload applied with --noflush, and the IPVS service table. kube-ipvs0 itself is a device of the
// namespace (see kubeIpvs0Device).
import { deterministicMac } from '../../model/ids';
import type { NetDevice } from '../../model/netns';
import { makeRule } from '../../netfilter/rule';
import type { Ruleset } from '../../netfilter/ruleset';
import { installKubeletFirewall } from '../iptables/install';
import { quoted } from '../iptables/rule-writer';
import * as N from './names';
import type { KubeProxyIpvsResult } from './sync-proxy-rules';

export function installKubeProxyIpvs(ruleset: Ruleset, result: KubeProxyIpvsResult): void {
  installKubeletFirewall(ruleset);
  for (const set of result.ipsets) ruleset.addIpset(set);
  for (const [table, chains] of [
    ['nat', N.NAT_CHAINS],
    ['filter', N.FILTER_CHAINS],
  ] as const) {
    for (const c of chains) ruleset.ensureChain(table, c);
  }
  for (const j of N.JUMP_CHAINS) {
    const rule = makeRule(j.table, j.from, ['-m', 'comment', '--comment', quoted(j.comment), '-j', j.to]);
    const chain = ruleset.ensureChain(j.table, j.from);
    // `iptables -C` first: a jump already there is not added twice.
    if (!chain.rules.some((r) => r.args.join(' ') === rule.args.join(' '))) ruleset.prepend(rule);
  }
  // iptables-restore --noflush: each chain line flushes that chain.
  for (const c of result.natChains) ruleset.ensureChain('nat', c).rules.length = 0;
  for (const r of result.natRules) ruleset.append(r);
  for (const c of result.filterChains) ruleset.ensureChain('filter', c).rules.length = 0;
  for (const r of result.filterRules) ruleset.append(r);
  ruleset.setIpvs(result.table);
}

/**
 * kube-ipvs0 (EnsureDummyDevice): a dummy device that stays down, holding every bound address as a /32.
 * The addresses are enough for the kernel to treat the VIPs as local (table local routes); IPVS then
 * takes the packets at LOCAL_IN. It is numbered after the node's other devices.
 */
export function kubeIpvs0Device(netnsId: string, ifindex: number, addresses: readonly number[]): NetDevice {
  return {
    name: N.DUMMY_DEVICE,
    ifindex,
    kind: 'dummy',
    mac: deterministicMac(netnsId, N.DUMMY_DEVICE),
    mtu: 1500,
    addresses: addresses.map((ip) => ({ ip, prefix: 32, scope: 'global' as const })),
  };
}
