// The jumps from built-in chains into kube-proxy's chains (proxier.go iptablesJumpChains) and kubelet's
// KUBE-FIREWALL jumps (iptablesKubeletJumpChains). They are not in the restore payload: a full sync runs
// EnsureChain, then EnsureRule(Prepend) for each, i.e. `iptables -C` and, if missing, `-I CHAIN 1`.
import { makeRule, type Rule, type TableName } from '../../netfilter/rule';
import {
  KUBE_EXTERNAL_SERVICES,
  KUBE_FIREWALL,
  KUBE_FORWARD,
  KUBE_NODEPORTS,
  KUBE_POSTROUTING,
  KUBE_PROXY_FIREWALL,
  KUBE_SERVICES,
} from './chain-names';
import { quoted } from './rule-writer';

export interface JumpChain {
  readonly table: TableName;
  readonly dstChain: string;
  readonly srcChain: string;
  readonly comment: string;
  readonly extraArgs: readonly string[];
}

const CT_NEW = ['-m', 'conntrack', '--ctstate', 'NEW'] as const;

export const IPTABLES_JUMP_CHAINS: readonly JumpChain[] = [
  {
    table: 'filter',
    dstChain: KUBE_EXTERNAL_SERVICES,
    srcChain: 'INPUT',
    comment: 'kubernetes externally-visible service portals',
    extraArgs: CT_NEW,
  },
  {
    table: 'filter',
    dstChain: KUBE_EXTERNAL_SERVICES,
    srcChain: 'FORWARD',
    comment: 'kubernetes externally-visible service portals',
    extraArgs: CT_NEW,
  },
  {
    table: 'filter',
    dstChain: KUBE_NODEPORTS,
    srcChain: 'INPUT',
    comment: 'kubernetes health check service ports',
    extraArgs: [],
  },
  {
    table: 'filter',
    dstChain: KUBE_SERVICES,
    srcChain: 'FORWARD',
    comment: 'kubernetes service portals',
    extraArgs: CT_NEW,
  },
  {
    table: 'filter',
    dstChain: KUBE_SERVICES,
    srcChain: 'OUTPUT',
    comment: 'kubernetes service portals',
    extraArgs: CT_NEW,
  },
  {
    table: 'filter',
    dstChain: KUBE_FORWARD,
    srcChain: 'FORWARD',
    comment: 'kubernetes forwarding rules',
    extraArgs: [],
  },
  {
    table: 'filter',
    dstChain: KUBE_PROXY_FIREWALL,
    srcChain: 'INPUT',
    comment: 'kubernetes load balancer firewall',
    extraArgs: CT_NEW,
  },
  {
    table: 'filter',
    dstChain: KUBE_PROXY_FIREWALL,
    srcChain: 'OUTPUT',
    comment: 'kubernetes load balancer firewall',
    extraArgs: CT_NEW,
  },
  {
    table: 'filter',
    dstChain: KUBE_PROXY_FIREWALL,
    srcChain: 'FORWARD',
    comment: 'kubernetes load balancer firewall',
    extraArgs: CT_NEW,
  },
  {
    table: 'nat',
    dstChain: KUBE_SERVICES,
    srcChain: 'OUTPUT',
    comment: 'kubernetes service portals',
    extraArgs: [],
  },
  {
    table: 'nat',
    dstChain: KUBE_SERVICES,
    srcChain: 'PREROUTING',
    comment: 'kubernetes service portals',
    extraArgs: [],
  },
  {
    table: 'nat',
    dstChain: KUBE_POSTROUTING,
    srcChain: 'POSTROUTING',
    comment: 'kubernetes postrouting rules',
    extraArgs: [],
  },
];

/** Duplicates of kubelet's jumps (pkg/kubelet/kubelet_network_linux.go): no comment, no extra words. */
export const IPTABLES_KUBELET_JUMP_CHAINS: readonly JumpChain[] = [
  { table: 'filter', dstChain: KUBE_FIREWALL, srcChain: 'INPUT', comment: '', extraArgs: [] },
  { table: 'filter', dstChain: KUBE_FIREWALL, srcChain: 'OUTPUT', comment: '', extraArgs: [] },
];

export function jumpRule(j: JumpChain): Rule {
  const args = [...j.extraArgs];
  if (j.comment !== '') args.push('-m', 'comment', '--comment', quoted(j.comment));
  args.push('-j', j.dstChain);
  return makeRule(j.table, j.srcChain, args);
}

/** All jumps a full sync ensures, in order: kube-proxy's, then the kubelet duplicates. */
export function builtinJumpRules(): Rule[] {
  return [...IPTABLES_JUMP_CHAINS, ...IPTABLES_KUBELET_JUMP_CHAINS].map(jumpRule);
}
