// The iptables rules IPVS mode still writes (pkg/proxy/ipvs/proxier.go writeIptablesRules and
// acceptIPVSTraffic), in write order. Their number does not grow with Services: each set rule is written
// once, and only when its set has entries. The payload is nat first, then filter.
import { formatIpv4 } from '../../net/ipv4';
import { localDetectorFor } from '../local-detector';
import { masqueradeMark, type ProxierInput } from '../proxier-input';
import { quoted, RuleWriter } from '../iptables/rule-writer';
import { writeForwardRules, writeMasqueradeRules } from '../iptables/static-rules';
import * as N from './names';

export interface IpvsIptablesRules {
  readonly natChains: readonly string[];
  readonly natRules: RuleWriter['natRules'];
  readonly filterChains: readonly string[];
  readonly filterRules: RuleWriter['filterRules'];
}

const COMMENTS = new Map(N.IPSET_INFO.map((i) => [i.name, i.comment]));

/** `-m comment --comment "<set comment>" -m set --match-set NAME dirs`. */
function setMatch(name: string, dirs: string): string[] {
  return ['-m', 'comment', '--comment', quoted(COMMENTS.get(name)!), '-m', 'set', '--match-set', name, dirs];
}

export function writeIpvsIptablesRules(
  input: ProxierInput,
  isEmpty: (set: string) => boolean,
  lbNoNodeAccess: readonly { readonly ip: number; readonly proto: string; readonly port: number }[],
): IpvsIptablesRules {
  const w = new RuleWriter();
  const mark = masqueradeMark(input);
  const staticOptions = { mark, randomFully: input.capabilities.randomFully, localhostNodePorts: false };
  w.natChains.push(...N.NAT_CHAINS);
  w.filterChains.push(...N.FILTER_CHAINS);

  // Connections from localhost are dismissed early.
  w.nat(N.KUBE_SERVICES, ['-s', '127.0.0.0/8', '-j', 'RETURN']);

  for (const r of N.IPSET_WITH_IPTABLES_CHAIN) {
    if (isEmpty(r.set)) continue;
    const args = [...(r.proto ? ['-p', r.proto] : []), ...setMatch(r.set, r.dirs), '-j', r.to];
    if (r.table === 'filter') w.filter(r.from, args);
    else w.nat(r.from, args);
  }

  if (!isEmpty(N.CLUSTER_IP)) {
    const detector = localDetectorFor(input.settings.clusterCIDR);
    if (input.settings.masqueradeAll)
      w.nat(N.KUBE_SERVICES, [...setMatch(N.CLUSTER_IP, 'dst,dst'), '-j', N.KUBE_MARK_MASQ]);
    // Off-cluster traffic to a VIP may bounce to another node, so it is masqueraded.
    else if (detector.implemented)
      w.nat(N.KUBE_SERVICES, [
        ...setMatch(N.CLUSTER_IP, 'dst,dst'),
        ...detector.ifNotLocal,
        '-j',
        N.KUBE_MARK_MASQ,
      ]);
    // No detector: masquerade node-originated traffic whose source is a VIP (kube-ipvs0 holds them all).
    else w.nat(N.KUBE_SERVICES, [...setMatch(N.CLUSTER_IP, 'src,dst'), '-j', N.KUBE_MARK_MASQ]);
  }

  const externalIPRules = (args: readonly string[]): void => {
    // Off-machine traffic only: not from a bridge port, not from a local address.
    w.nat(N.KUBE_SERVICES, [
      ...args,
      '-m',
      'physdev',
      '!',
      '--physdev-is-in',
      '-m',
      'addrtype',
      '!',
      '--src-type',
      'LOCAL',
      '-j',
      'ACCEPT',
    ]);
    w.nat(N.KUBE_SERVICES, [...args, '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'ACCEPT']);
  };
  if (!isEmpty(N.EXTERNAL_IP)) {
    const args = setMatch(N.EXTERNAL_IP, 'dst,dst');
    w.nat(N.KUBE_SERVICES, [...args, '-j', N.KUBE_MARK_MASQ]);
    externalIPRules(args);
  }
  if (!isEmpty(N.EXTERNAL_IP_LOCAL)) externalIPRules(setMatch(N.EXTERNAL_IP_LOCAL, 'dst,dst'));

  w.nat(N.KUBE_SERVICES, ['-m', 'addrtype', '--dst-type', 'LOCAL', '-j', N.KUBE_NODE_PORT]);
  w.nat(N.KUBE_LOAD_BALANCER, ['-j', N.KUBE_MARK_MASQ]);
  w.filter(N.KUBE_SOURCE_RANGES_FIREWALL, ['-j', 'DROP']);
  // A node outside an LB's source ranges may not reach it: for IPVS both its source and destination are the LB IP.
  for (const e of lbNoNodeAccess) {
    const ip = formatIpv4(e.ip);
    w.filter(N.KUBE_IPVS_OUT_FILTER, [
      '-s',
      ip,
      '-m',
      'ipvs',
      '--vaddr',
      ip,
      '--vproto',
      e.proto,
      '--vport',
      String(e.port),
      '-j',
      'DROP',
    ]);
  }

  // acceptIPVSTraffic: the end of KUBE-SERVICES accepts what IPVS will take, so no later rule blocks it.
  for (const name of [N.CLUSTER_IP, N.LOAD_BALANCER]) {
    if (!isEmpty(name)) w.nat(N.KUBE_SERVICES, ['-m', 'set', '--match-set', name, 'dst,dst', '-j', 'ACCEPT']);
  }

  // KUBE-FORWARD as iptables mode writes it, but IPVS mode never adds the ctstate INVALID drop
  // (pkg/proxy/ipvs/proxier.go writeIptablesRules).
  writeForwardRules(w, { ...staticOptions, tcpBeLiberal: true, nfacct: false });
  w.filter(N.KUBE_NODE_PORT, [...setMatch(N.HEALTH_CHECK_NODE_PORT, 'dst'), '-j', 'ACCEPT']);

  // KUBE-IPVS-FILTER: no other port of a VIP is reachable on the host (issue 72236).
  for (const [name, dirs] of [
    [N.LOAD_BALANCER, 'dst,dst'],
    [N.CLUSTER_IP, 'dst,dst'],
    [N.EXTERNAL_IP, 'dst,dst'],
    [N.EXTERNAL_IP_LOCAL, 'dst,dst'],
    [N.HEALTH_CHECK_NODE_PORT, 'dst'],
  ] as const) {
    w.filter(N.KUBE_IPVS_FILTER, ['-m', 'set', '--match-set', name, dirs, '-j', 'RETURN']);
  }
  w.filter(N.KUBE_IPVS_FILTER, [
    '-m',
    'conntrack',
    '--ctstate',
    'NEW',
    '-m',
    'set',
    '--match-set',
    N.IPVS_IPS,
    'dst',
    '-j',
    'REJECT',
  ]);

  // KUBE-POSTROUTING and KUBE-MARK-MASQ are the same as in iptables mode; IPVS has no localhost NodePorts.
  writeMasqueradeRules(w, staticOptions);

  return {
    natChains: w.natChains,
    natRules: w.natRules,
    filterChains: w.filterChains,
    filterRules: w.filterRules,
  };
}
