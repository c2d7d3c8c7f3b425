// The rules kube-proxy writes on every sync whatever the Services are (pkg/proxy/iptables/proxier.go
// syncProxyRules): the masquerade machinery, kubelet's localnet guard, the KUBE-NODEPORTS tail call and
// KUBE-FORWARD.
import { formatIpv4 } from '../../net/ipv4';
import {
  CT_STATE_INVALID_NFACCT,
  KUBE_EXTERNAL_SERVICES,
  KUBE_FIREWALL,
  KUBE_FORWARD,
  KUBE_MARK_MASQ,
  KUBE_NODEPORTS,
  KUBE_POSTROUTING,
  KUBE_PROXY_FIREWALL,
  KUBE_SERVICES,
} from './chain-names';
import { nodePortIPs, type NodePortAddresses } from '../node-port-addresses';
import { quoted, type RuleWriter } from './rule-writer';

export interface StaticRuleOptions {
  readonly mark: string;
  readonly randomFully: boolean;
  /** localhostNodePorts after kube-proxy turned it off for nodePortAddresses without loopback. */
  readonly localhostNodePorts: boolean;
}

/** The top-level chain lines, in the order syncProxyRules writes them. */
export function writeTopLevelChains(w: RuleWriter): void {
  w.filterChains.push(
    KUBE_SERVICES,
    KUBE_EXTERNAL_SERVICES,
    KUBE_FORWARD,
    KUBE_NODEPORTS,
    KUBE_PROXY_FIREWALL,
  );
  w.natChains.push(KUBE_SERVICES, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_MARK_MASQ);
}

/** KUBE-POSTROUTING, KUBE-MARK-MASQ and (IPv4 with localhost NodePorts) KUBE-FIREWALL, written first. */
export function writeMasqueradeRules(w: RuleWriter, o: StaticRuleOptions): void {
  const m = o.mark;
  w.nat(KUBE_POSTROUTING, ['-m', 'mark', '!', '--mark', `${m}/${m}`, '-j', 'RETURN']);
  // Clear the mark so a packet that re-traverses the stack is not masqueraded twice.
  w.nat(KUBE_POSTROUTING, ['-j', 'MARK', '--xor-mark', m]);
  const masq = [
    '-m',
    'comment',
    '--comment',
    quoted('kubernetes service traffic requiring SNAT'),
    '-j',
    'MASQUERADE',
  ];
  if (o.randomFully) masq.push('--random-fully');
  w.nat(KUBE_POSTROUTING, masq);
  w.nat(KUBE_MARK_MASQ, ['-j', 'MARK', '--or-mark', m]);
  if (o.localhostNodePorts) {
    // route_localnet=1 opens a hole (issue 90259) that this rule, identical to kubelet's, closes.
    w.filterChains.push(KUBE_FIREWALL);
    w.filter(KUBE_FIREWALL, [
      '-m',
      'comment',
      '--comment',
      quoted('block incoming localnet connections'),
      '-d',
      '127.0.0.0/8',
      '!',
      '-s',
      '127.0.0.0/8',
      '-m',
      'conntrack',
      '!',
      '--ctstate',
      'RELATED,ESTABLISHED,DNAT',
      '-j',
      'DROP',
    ]);
  }
}

/** The last KUBE-SERVICES rule(s): hand anything addressed to a node address to KUBE-NODEPORTS. */
export function writeNodePortsTail(
  w: RuleWriter,
  npa: NodePortAddresses,
  nodeIPs: readonly number[],
  localhostNodePorts: boolean,
): void {
  const comment = quoted('kubernetes service nodeports; NOTE: this must be the last rule in this chain');
  if (npa.matchAll) {
    const destinations = ['-m', 'addrtype', '--dst-type', 'LOCAL'];
    // IPv4 localhost NodePorts only work with route_localnet, which is set only when they are enabled.
    if (!localhostNodePorts) destinations.push('!', '-d', '127.0.0.0/8');
    w.nat(KUBE_SERVICES, ['-m', 'comment', '--comment', comment, ...destinations, '-j', KUBE_NODEPORTS]);
    return;
  }
  for (const ip of nodePortIPs(npa, nodeIPs)) {
    // Loopback is skipped (kube-proxy logs an error) when localhost NodePorts are off.
    if (ip >>> 24 === 127 && !localhostNodePorts) continue;
    w.nat(KUBE_SERVICES, ['-m', 'comment', '--comment', comment, '-d', formatIpv4(ip), '-j', KUBE_NODEPORTS]);
  }
}

/** KUBE-FORWARD, written after all service rules. */
export function writeForwardRules(
  w: RuleWriter,
  o: StaticRuleOptions & { tcpBeLiberal: boolean; nfacct: boolean },
): void {
  // INVALID packets would reset connections unless the kernel is liberal (issues 74839, 117924).
  if (!o.tcpBeLiberal) {
    const rule = ['-m', 'conntrack', '--ctstate', 'INVALID'];
    if (o.nfacct) rule.push('-m', 'nfacct', '--nfacct-name', CT_STATE_INVALID_NFACCT);
    rule.push('-j', 'DROP');
    w.filter(KUBE_FORWARD, rule);
  }
  // Marked traffic is forwarded even when the FORWARD policy is DROP (NodePorts to other nodes).
  w.filter(KUBE_FORWARD, [
    '-m',
    'comment',
    '--comment',
    quoted('kubernetes forwarding rules'),
    '-m',
    'mark',
    '--mark',
    `${o.mark}/${o.mark}`,
    '-j',
    'ACCEPT',
  ]);
  w.filter(KUBE_FORWARD, [
    '-m',
    'comment',
    '--comment',
    quoted('kubernetes forwarding conntrack rule'),
    '-m',
    'conntrack',
    '--ctstate',
    'RELATED,ESTABLISHED',
    '-j',
    'ACCEPT',
  ]);
}
