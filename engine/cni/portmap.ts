// The CNI portmap plugin (containernetworking/plugins plugins/meta/portmap, iptables backend), the second
// plugin of flannel's conflist: how a pod's `hostPort` becomes reachable on its node. The kubelet hands the
// runtime every container port; containerd passes those with a hostPort > 0 to CNI as the `portMappings`
// capability ({hostPort, containerPort, protocol lowercased, hostIP}), and portmap writes nat rules:
//
//   PREROUTING, OUTPUT   -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT        (appended once)
//   CNI-HOSTPORT-DNAT    -m comment --comment "dnat name: …" -m multiport -p PROTO --destination-ports P,…
//                        -j CNI-DN-<21 hex>                                       (prepended per container)
//   CNI-DN-…             per mapping: -s <pod address/prefix> -j CNI-HOSTPORT-SETMARK (hairpin),
//                        -s 127.0.0.1 -j CNI-HOSTPORT-SETMARK (localhost), -j DNAT --to-destination POD:PORT
//   CNI-HOSTPORT-SETMARK -m comment --comment "CNI portfwd masquerade mark" -j MARK --set-xmark 0x2000/0x2000
//   CNI-HOSTPORT-MASQ    -m mark --mark 0x2000/0x2000 -j MASQUERADE, jumped from POSTROUTING (prepended)
//
// (portmap_iptables.go forwardPorts, fillDnatRules, genSetMarkChain, genMarkMasqChain, genToplevelDnatChain,
// genDnatChain; chain.go setup: rules and entries go in with InsertUnique, so a second pod adds no copy.)
// kube-proxy prepends its KUBE-SERVICES jump and portmap appends its own, so on every node PREROUTING asks
// kube-proxy first: a hostPort equal to a NodePort goes to the Service.
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { PodSpec } from '../model/scenario';
import { formatIpv4, type Ipv4, parseIpv4 } from '../net/ipv4';
import { makeRule, type Rule } from '../netfilter/rule';
import type { Ruleset } from '../netfilter/ruleset';

export const TOP_LEVEL_DNAT_CHAIN = 'CNI-HOSTPORT-DNAT';
export const SET_MARK_CHAIN = 'CNI-HOSTPORT-SETMARK';
export const MARK_MASQ_CHAIN = 'CNI-HOSTPORT-MASQ';
/** portmap's `markMasqBit` default (DefaultMarkBit: Kubernetes uses 14 and 15). */
export const DEFAULT_MARK_BIT = 13;

/** One entry of the `portMappings` capability (CNI CONVENTIONS.md). */
export interface PortMapping {
  readonly hostPort: number;
  readonly containerPort: number;
  readonly protocol: 'tcp' | 'udp' | 'sctp';
  /** '' when the pod gives none (every local address). */
  readonly hostIP: string;
}

/** containerd's toCNIPortMappings: the pod's container ports with a hostPort, in order, protocol lowercased. */
export function podPortMappings(pod: PodSpec): PortMapping[] {
  if (pod.hostNetwork) return [];
  const out: PortMapping[] = [];
  for (const p of pod.ports) {
    if (!p.hostPort) continue;
    out.push({
      hostPort: p.hostPort,
      containerPort: p.containerPort,
      protocol: p.protocol.toLowerCase() as PortMapping['protocol'],
      hostIP: p.hostIP ?? '',
    });
  }
  return out;
}

/** utils.MustFormatChainNameWithPrefix: `CNI-` + prefix + hex(sha512(network name + container ID)), 28 characters. */
export function portmapChainName(networkName: string, containerId: string, prefix = 'DN-'): string {
  return `CNI-${prefix}${bytesToHex(sha512(utf8ToBytes(networkName + containerId)))}`.slice(0, 28);
}

/** A rule and how chain.setup puts it in (InsertUnique: append, or insert at position 1). */
export interface PortmapRule {
  readonly rule: Rule;
  readonly prepend: boolean;
}

function quoted(text: string): string {
  return `"${text.replace(/["\\]/g, (c) => '\\' + c)}"`;
}

/** fillDnatRules' comment, cut to iptables' 255 characters (trimComment). */
function dnatComment(networkName: string, containerId: string): string {
  const text = `dnat name: "${networkName}" id: "${containerId}"`;
  return text.length <= 255 ? text : text.slice(0, 253) + '...';
}

/** splitPortList: multiport takes at most 15 ports per rule. */
function splitPortList(ports: readonly number[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ports.length; i += 15) out.push(ports.slice(i, i + 15).join(','));
  return out;
}

/**
 * The rules one ADD writes, in the order forwardPorts sets them up (SETMARK, MASQ, the top-level DNAT
 * chain, then the container's chain), for the pod's IPv4 address `ip` with the result's prefix.
 */
export function portmapRules(
  networkName: string,
  containerId: string,
  ip: Ipv4,
  prefix: number,
  mappings: readonly PortMapping[],
  markBit = DEFAULT_MARK_BIT,
): PortmapRule[] {
  if (mappings.length === 0) return [];
  const mark = `0x${(2 ** markBit).toString(16)}`;
  const markDef = `${mark}/${mark}`;
  const nat = (chain: string, args: string[], prepend = false): PortmapRule => ({
    rule: makeRule('nat', chain, args),
    prepend,
  });
  const dnChain = portmapChainName(networkName, containerId);
  const out: PortmapRule[] = [
    nat(SET_MARK_CHAIN, [
      '-m',
      'comment',
      '--comment',
      quoted('CNI portfwd masquerade mark'),
      '-j',
      'MARK',
      '--set-xmark',
      markDef,
    ]),
    nat(MARK_MASQ_CHAIN, ['-m', 'mark', '--mark', markDef, '-j', 'MASQUERADE']),
    nat(
      'POSTROUTING',
      ['-m', 'comment', '--comment', quoted('CNI portfwd requiring masquerade'), '-j', MARK_MASQ_CHAIN],
      true,
    ),
    nat('PREROUTING', ['-m', 'addrtype', '--dst-type', 'LOCAL', '-j', TOP_LEVEL_DNAT_CHAIN]),
    nat('OUTPUT', ['-m', 'addrtype', '--dst-type', 'LOCAL', '-j', TOP_LEVEL_DNAT_CHAIN]),
  ];
  // The container chain's rules: per mapping, the two mark rules first, then the DNAT.
  const podNet = `${formatIpv4(ip)}/${prefix}`;
  for (const m of mappings) {
    let base = ['-p', m.protocol, '--dport', String(m.hostPort)];
    if (m.hostIP !== '') {
      const host = parseIpv4(m.hostIP);
      if (host === null) continue; // an IPv6 hostIP is for the other family's run
      if (host !== 0) base = [...base, '-d', m.hostIP];
    }
    out.push(nat(dnChain, [...base, '-s', podNet, '-j', SET_MARK_CHAIN]));
    out.push(nat(dnChain, [...base, '-s', '127.0.0.1', '-j', SET_MARK_CHAIN]));
    out.push(
      nat(dnChain, [...base, '-j', 'DNAT', '--to-destination', `${formatIpv4(ip)}:${m.containerPort}`]),
    );
  }
  // The entries into the container chain: one per protocol (sorted) and group of 15 ports, each prepended.
  const byProto = new Map<string, number[]>();
  for (const m of mappings) byProto.set(m.protocol, [...(byProto.get(m.protocol) ?? []), m.hostPort]);
  const comment = quoted(dnatComment(networkName, containerId));
  for (const proto of [...byProto.keys()].sort()) {
    for (const ports of splitPortList(byProto.get(proto)!)) {
      out.push(
        nat(
          TOP_LEVEL_DNAT_CHAIN,
          [
            '-m',
            'comment',
            '--comment',
            comment,
            '-m',
            'multiport',
            '-p',
            proto,
            '--destination-ports',
            ports,
            '-j',
            dnChain,
          ],
          true,
        ),
      );
    }
  }
  return out;
}

/** Puts the rules in as InsertUnique does: a rule already in its chain (same words) is left where it is. */
export function installPortmapRules(ruleset: Ruleset, rules: readonly PortmapRule[]): void {
  for (const { rule, prepend } of rules) {
    const words = rule.args.join(' ');
    const existing = ruleset.chain(rule.table, rule.chain)?.rules ?? [];
    if (existing.some((r) => r.args.join(' ') === words)) continue;
    if (prepend) ruleset.prepend(rule);
    else ruleset.append(rule);
  }
}

/** The rules as the iptables commands go-iptables runs for them (`-N` once per new chain, then `-A` or `-I … 1`). */
export function portmapCommands(rules: readonly PortmapRule[]): string[] {
  const made = new Set<string>();
  const out: string[] = [];
  for (const { rule, prepend } of rules) {
    for (const chain of [rule.chain, ...jumpTarget(rule)]) {
      if (
        made.has(chain) ||
        BUILTIN_NAT_CHAINS.has(chain) ||
        chain === 'MARK' ||
        chain === 'MASQUERADE' ||
        chain === 'DNAT'
      )
        continue;
      made.add(chain);
      out.push(`iptables -t nat -N ${chain}`);
    }
    out.push(`iptables -t nat ${prepend ? `-I ${rule.chain} 1` : `-A ${rule.chain}`} ${rule.args.join(' ')}`);
  }
  return out;
}

const BUILTIN_NAT_CHAINS: ReadonlySet<string> = new Set(['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING']);

function jumpTarget(rule: Rule): string[] {
  const j = rule.args.indexOf('-j');
  return j < 0 ? [] : [rule.args[j + 1]!];
}

/** What DEL removes (chain.teardown): the container chain's entries, its rules, the chain; the shared chains stay. */
export function portmapTeardownCommands(
  networkName: string,
  containerId: string,
  rules: readonly PortmapRule[],
): string[] {
  const chain = portmapChainName(networkName, containerId);
  const entries = rules.filter((r) => r.rule.chain === TOP_LEVEL_DNAT_CHAIN);
  return [
    `iptables -t nat -F ${chain}`,
    ...entries.map((r) => `iptables -t nat -D ${TOP_LEVEL_DNAT_CHAIN} ${r.rule.args.join(' ')}`),
    `iptables -t nat -X ${chain}`,
  ];
}
