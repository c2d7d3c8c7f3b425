// The rules flanneld installs on every node (flannel `pkg/trafficmngr/iptables/iptables.go` masqRules
// and forwardRules), in the order it writes them, as the words it hands to iptables. The comment text
// with a space travels as one pre-quoted word, as `makeRule` expects.
//
// Rendering: iptables-save (1.8.9, nf_tables) prints these back word for word (`-A CHAIN ` + the
// words), as the kernel lab showed: engine/inspect/testdata/iptables-save-flannel.txt.
import type { NodeSpec, Scenario } from '../model/scenario';
import { formatCidr } from '../net/ipv4';
import { type Rule, makeRule } from '../netfilter/rule';

/** kube-proxy's masquerade mark (trafficmngr.KubeProxyMark): flannel must not NAT those packets twice. */
export const KUBE_PROXY_MARK = '0x4000/0x4000';
const MASQ_COMMENT = ['-m', 'comment', '--comment', '"flanneld masq"'];
const FWD_COMMENT = ['-m', 'comment', '--comment', '"flanneld forward"'];

export interface FlannelIptablesOptions {
  /** `--ip-masq-fully-random-disable`; off by default, and iptables ≥ 1.6.2 supports --random-fully. */
  readonly randomFullyDisabled?: boolean;
  /** `--iptables-forward-rules`, true by default. */
  readonly forwardRules?: boolean;
}

/** nat: the POSTROUTING jump and FLANNEL-POSTRTG, only with `--ip-masq` (the default DaemonSet sets it). */
export function flannelMasqRules(
  scenario: Scenario,
  node: NodeSpec,
  opts: FlannelIptablesOptions = {},
): Rule[] {
  if (!scenario.flannel.ipMasq) return [];
  const cluster = formatCidr(scenario.flannel.network);
  const pod = formatCidr(node.podCIDR);
  const masq = opts.randomFullyDisabled ? ['-j', 'MASQUERADE'] : ['-j', 'MASQUERADE', '--random-fully'];
  const chain = 'FLANNEL-POSTRTG';
  return [
    makeRule('nat', 'POSTROUTING', [...MASQ_COMMENT, '-j', chain]),
    // Leave kube-proxy-marked traffic to kube-proxy's own MASQUERADE.
    makeRule('nat', chain, ['-m', 'mark', '--mark', KUBE_PROXY_MARK, ...MASQ_COMMENT, '-j', 'RETURN']),
    // Pod-to-pod inside the overlay keeps its source.
    makeRule('nat', chain, ['-s', pod, '-d', cluster, ...MASQ_COMMENT, '-j', 'RETURN']),
    makeRule('nat', chain, ['-s', cluster, '-d', pod, ...MASQ_COMMENT, '-j', 'RETURN']),
    // External traffic arriving for a local pod is not masqueraded.
    makeRule('nat', chain, ['!', '-s', cluster, '-d', pod, ...MASQ_COMMENT, '-j', 'RETURN']),
    // Pods leaving the cluster network (but not multicast) are masqueraded.
    makeRule('nat', chain, ['-s', cluster, '!', '-d', '224.0.0.0/4', ...MASQ_COMMENT, ...masq]),
    // The host talking into the overlay is masqueraded too.
    makeRule('nat', chain, ['!', '-s', cluster, '-d', cluster, ...MASQ_COMMENT, ...masq]),
  ];
}

/** filter: the FORWARD jump and FLANNEL-FWD accepting anything to or from the flannel network. */
export function flannelForwardRules(scenario: Scenario, opts: FlannelIptablesOptions = {}): Rule[] {
  if (opts.forwardRules === false) return [];
  const cluster = formatCidr(scenario.flannel.network);
  return [
    makeRule('filter', 'FORWARD', [...FWD_COMMENT, '-j', 'FLANNEL-FWD']),
    makeRule('filter', 'FLANNEL-FWD', ['-s', cluster, ...FWD_COMMENT, '-j', 'ACCEPT']),
    makeRule('filter', 'FLANNEL-FWD', ['-d', cluster, ...FWD_COMMENT, '-j', 'ACCEPT']),
  ];
}

export function flannelIptablesRules(
  scenario: Scenario,
  node: NodeSpec,
  opts: FlannelIptablesOptions = {},
): Rule[] {
  return [...flannelMasqRules(scenario, node, opts), ...flannelForwardRules(scenario, opts)];
}
