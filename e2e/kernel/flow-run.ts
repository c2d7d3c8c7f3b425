// One flow against the kernel: a fresh copy of the cluster in namespaces, its iptables loaded, responders
// on every pod's container ports; then exactly one connection (counters zeroed before, a capture running
// on the underlay) and afterwards many connections. Then the six checks compare it with the engine.
//
// "Exactly one connection" is what a trace describes: the first packet and its answer (a SYN and its
// SYN-ACK, or one datagram and one reply). For TCP the client's namespace — a pod or an external client,
// neither of which has iptables in the engine's model — holds back its own further packets (the ACK, the
// FIN) with `-d DST -p tcp --dport PORT ! --syn -j DROP` while the counters are read, and the endpoint is found by its
// half-open connection (`ss state syn-recv`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Cluster } from '../../engine/cluster/cluster';
import { iptablesSave } from '../../engine/netfilter/iptables-save';
import type { Ruleset } from '../../engine/netfilter/ruleset';
import type { NftTable } from '../../engine/netfilter/nft/table';
import type { NftOp } from '../../engine/kube-proxy/nftables/transaction';
import { NFTABLES_MODE } from '../../engine/kube-proxy/nftables/mode';
import type { TraceRequest } from '../../engine/trace/request';
import { traceConnection } from '../../engine/trace/trace';
import { formatIpv4 } from '../../engine/net/ipv4';
import { readPcap, wireSignature } from './capture';
import { buildInKernel } from './build-namespaces';
import { startFlanneldRelays } from './flanneld-relay';
import {
  closestCandidate,
  countDiff,
  MANY,
  predict,
  type EngineCandidate,
  type Outcome,
} from './engine-view';
import { type LabHost, sh, STARTUP_TIMEOUT_MS, waitForLine } from './host';
import { synRetransmits } from './syn-retransmits';
import { kernelCounters, kernelSaveText, loadRuleset, type RuleCounter, zeroCounters } from './node-iptables';
import {
  engineNftListing,
  listedRules,
  loadCountedNftTransaction,
  loadNftTransaction,
  nftCounters,
  zeroNftCounters,
} from './node-nftables';

const AGENT = fileURLToPath(new URL('./agent.mjs', import.meta.url));
const FIRST_TIMEOUT_MS = 500;
const MANY_TIMEOUT_MS = 1000;
const QUIET_AFTER_BUILD_MS = 2300;

export interface LabFlow {
  readonly file: string;
  readonly name: string;
  readonly from: string;
  readonly to: string;
  readonly protocol: 'TCP' | 'UDP';
  readonly size?: number;
}

export type CheckId = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const CHECK_NAMES: Readonly<Record<CheckId, string>> = {
  1: 'endpoints',
  2: 'source seen',
  3: 'underlay',
  4: 'rule counters',
  5: 'verdict',
  6: 'iptables-save',
  7: 'nft list',
};

export interface CheckResult {
  readonly check: CheckId;
  readonly status: 'agree' | 'disagree' | 'n/a';
  /** Both values (or why n/a). */
  readonly engine: string;
  readonly kernel: string;
  readonly details?: readonly string[];
}

interface KernelAnswer {
  readonly outcome: Outcome;
  readonly pod: string | null;
  readonly peer: string | null;
  readonly code?: string;
}

function agentArgs(netns: string, args: readonly string[]): string[] {
  return ['netns', 'exec', netns, process.execPath, AGENT, ...args];
}

function connect(
  netns: string,
  proto: string,
  ip: string,
  port: number,
  count: number,
  timeout: number,
  size: number,
  how: 'full' | 'handshake',
): KernelAnswer[] {
  const out = sh(
    'ip',
    agentArgs(netns, ['connect', proto, ip, String(port), String(count), String(timeout), String(size), how]),
  );
  return out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as KernelAnswer);
}

const setText = (s: Iterable<string | null>): string =>
  [...new Set(s)]
    .map((x) => x ?? '-')
    .sort()
    .join(', ') || '(none)';

export async function runFlow(host: LabHost, cluster: Cluster, flow: LabFlow): Promise<CheckResult[]> {
  const request: TraceRequest = {
    from: flow.from,
    to: flow.to,
    protocol: flow.protocol,
    ...(flow.size !== undefined && { size: flow.size }),
  };
  const first = traceConnection(cluster, cluster, { ...request, seed: 1 });
  const sent = first.hops[0]!.after;
  const proto = sent.l4.proto;
  const dstIp = formatIpv4(sent.ip.dst);
  const dport = sent.l4.dport;
  const size = sent.ip.length;
  const prediction = predict(cluster, request);

  const builtAt = Date.now();
  const namespaces = buildInKernel(host, cluster);
  await startFlanneldRelays(host, cluster, namespaces);
  const name = (id: string) => host.netnsName(id);
  const nodes = namespaces.filter((n) => n.kind === 'node' && n.ruleset);
  for (const n of nodes) loadRuleset(name(n.id), n.ruleset!);

  // nftables mode: kube-proxy's table from its own `nft -f` transaction, after the iptables tables.
  // Check 7 lists it as loaded; then the counted copy (node-nftables.ts) replaces it for check 4.
  const nftDiffs: string[] = [];
  const nftRuleTexts = new Map<string, string>();
  let nftNodes = 0;
  for (const n of nodes) {
    const tables = n.ruleset!.nftTables();
    if (tables.length === 0) continue;
    const ops = nftOpsOf(cluster, n.node!, tables);
    nftNodes++;
    const kernelListings = loadNftTransaction(name(n.id), ops, tables);
    const engineListings = engineNftListing(tables);
    kernelListings.forEach((kernelText, i) => {
      const engineText = engineListings[i]!;
      if (engineText.trimEnd() !== kernelText.trimEnd())
        nftDiffs.push(...lineDiff(n.id, engineText, kernelText));
      for (const [key, text] of listedRules(kernelText)) nftRuleTexts.set(`${n.node} ${key}`, text);
    });
    loadCountedNftTransaction(name(n.id), ops, tables);
  }
  const counters = (netns: string, ruleset: Ruleset, node: string): RuleCounter[] => {
    const tables = ruleset.nftTables();
    if (tables.length === 0) return kernelCounters(netns);
    const texts = new Map<string, string>();
    for (const [k, t] of nftRuleTexts) if (k.startsWith(`${node} `)) texts.set(k.slice(node.length + 1), t);
    return [...kernelCounters(netns), ...nftCounters(netns, tables, texts)];
  };
  const zero = (netns: string, ruleset: Ruleset): void => {
    zeroCounters(netns, ruleset);
    const tables = ruleset.nftTables();
    if (tables.length > 0) zeroNftCounters(netns, tables);
  };

  // Check 6: the engine's rendering against what the kernel prints back.
  const saveDiffs: string[] = [];
  for (const n of nodes) {
    const engineText = iptablesSave(n.ruleset!);
    const kernelText = kernelSaveText(name(n.id));
    if (engineText.trimEnd() !== kernelText.trimEnd())
      saveDiffs.push(...lineDiff(n.id, engineText, kernelText));
  }

  // Responders.
  const pods = namespaces.filter((n) => n.kind === 'pod');
  const ready: Promise<void>[] = [];
  for (const p of pods) {
    const key = p.id.slice(4);
    // What the engine says the pod listens on: containerPorts plus the ports Services target it on.
    const specs = cluster
      .listeningPorts(key)
      .filter((x) => x.protocol !== 'SCTP')
      .map((x) => `${x.protocol.toLowerCase()}:${x.port}`);
    const child = host.start('ip', agentArgs(name(p.id), ['serve', key, ...specs]));
    ready.push(waitForLine(child, 'stdout', /ready/, STARTUP_TIMEOUT_MS));
  }
  await Promise.all(ready);

  const clientNs = name(first.hops[0]!.netns);
  if (first.hops[0]!.netns.startsWith('node/'))
    throw new Error(
      `${flow.name}: a client in a node namespace would add its own packets to the node's counters; the lab checks pod and external clients`,
    );

  await waitForQuiet(
    nodes.map((n) => ({ netns: name(n.id), ruleset: n.ruleset!, node: n.node! })),
    builtAt,
    zero,
    counters,
  );

  // Phase 1: exactly one connection, captured and counted.
  // Only the client's own packets to the destination: in a hairpin the server's SYN-ACK leaves the same namespace.
  const holdBack = ['OUTPUT', '-d', dstIp, '-p', 'tcp', '--dport', String(dport), '!', '--syn', '-j', 'DROP'];
  if (proto === 'tcp') sh('ip', ['netns', 'exec', clientNs, 'iptables', '-A', ...holdBack]);
  for (const n of nodes) zero(name(n.id), n.ruleset!);
  const endpointsNs = [clientNs, ...pods.map((p) => name(p.id))];
  const retransmitsBefore = synRetransmits(endpointsNs);
  const dir = mkdtempSync(join(tmpdir(), 'pp-lab-'));
  const pcap = join(dir, 'underlay.pcap');
  let firstAnswer: KernelAnswer;
  const kernelCounts = new Map<string, number>();
  const counterText = new Map<string, string>();
  let kernelPod: string | null = null;
  let kernelPeer: string | null = null;
  let wire: Set<string>;
  try {
    const dump = host.start('ip', [
      'netns',
      'exec',
      name('underlay'),
      'tcpdump',
      '-i',
      'any',
      '-nn',
      '-U',
      '--immediate-mode',
      '-w',
      pcap,
      'ip',
    ]);
    await waitForLine(dump, 'stderr', /listening on/, STARTUP_TIMEOUT_MS);
    [firstAnswer] = connect(
      clientNs,
      proto,
      dstIp,
      dport,
      1,
      FIRST_TIMEOUT_MS,
      size,
      proto === 'tcp' ? 'handshake' : 'full',
    ) as [KernelAnswer];
    for (const n of nodes) {
      for (const c of counters(name(n.id), n.ruleset!, n.node!)) {
        if (c.packets === 0) continue;
        const key = `${n.node} ${c.key}`;
        kernelCounts.set(key, c.packets);
        counterText.set(key, c.text);
      }
    }
    if (proto === 'tcp') {
      for (const p of pods) {
        const lines = sh('ip', ['netns', 'exec', name(p.id), 'ss', '-Htn', 'state', 'syn-recv']).trim();
        if (!lines) continue;
        kernelPod = p.id.slice(4);
        kernelPeer = lines.split('\n')[0]!.trim().split(/\s+/).pop()!.replace(/:\d+$/, '');
      }
    } else if (firstAnswer.outcome === 'answered') {
      kernelPod = firstAnswer.pod;
      kernelPeer = firstAnswer.peer?.replace(/:\d+$/, '') ?? null;
    }
    await new Promise((r) => setTimeout(r, 50));
    await host.stop(dump, 'SIGINT');
    const overlay = { backend: cluster.scenario.flannel.backend, port: cluster.scenario.flannel.port };
    if (process.env.LAB_PCAP_DIR) sh('cp', [pcap, join(process.env.LAB_PCAP_DIR, `${flow.name}.pcap`)]);
    wire = new Set(
      readPcap(pcap, overlay)
        // The flow's own packets and the ICMP errors about them; bridges' IGMP reports are left out.
        .filter((p) => p.proto === proto || p.proto === 'icmp')
        .map(wireSignature),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (proto === 'tcp') sh('ip', ['netns', 'exec', clientNs, 'iptables', '-D', ...holdBack]);
  // The held-back ACK makes the server resend its SYN-ACK after 1 s (TCP_TIMEOUT_INIT). On an idle machine
  // the counters are read long before; on a loaded one that resend can cross the nodes first and count
  // twice. The kernel's own count of those resends says when phase 1 measured more than one exchange.
  const resent = synRetransmits(endpointsNs) - retransmitsBefore;

  // Phase 2: many connections.
  const many =
    firstAnswer.outcome === 'answered' || prediction.many.some((c) => c.outcome === 'answered')
      ? connect(clientNs, proto, dstIp, dport, MANY, MANY_TIMEOUT_MS, size, 'full')
      : [];

  const chosen = closestCandidate(prediction.candidates, kernelPod, kernelCounts);
  return [
    checkEndpoints(prediction.candidates, prediction.many, many),
    checkSource(prediction.candidates, prediction.many, many, kernelPod, kernelPeer),
    resent > 0 ? notMeasured(3, resent) : checkUnderlay(chosen, wire),
    resent > 0 ? notMeasured(4, resent) : checkCounters(chosen, kernelCounts, counterText),
    checkVerdict(prediction.candidates, firstAnswer),
    saveDiffs.length === 0
      ? { check: 6, status: 'agree', engine: `${nodes.length} nodes identical`, kernel: '' }
      : {
          check: 6,
          status: 'disagree',
          engine: 'engine rendering',
          kernel: 'kernel iptables-save',
          details: saveDiffs,
        },
    nftNodes === 0
      ? { check: 7, status: 'n/a', engine: 'iptables mode: no nft table', kernel: '' }
      : nftDiffs.length === 0
        ? { check: 7, status: 'agree', engine: `${nftNodes} nodes identical`, kernel: '' }
        : {
            check: 7,
            status: 'disagree',
            engine: 'engine nft list rendering',
            kernel: 'kernel nft list table',
            details: nftDiffs,
          },
  ];
}

function notMeasured(check: 3 | 4, resent: number): CheckResult {
  const why = `not measured: ${resent} SYN or SYN-ACK was sent again during the single connection (the machine was too slow to read the counters within 1 s)`;
  return { check, status: 'n/a', engine: why, kernel: why };
}

/**
 * Waits until no packet crosses the nodes' rules on its own. A bridge that comes up joins 224.0.0.106
 * (multicast router discovery, br_multicast_join_snoopers) and sends IGMPv3 reports, twice, each within
 * igmpv3_unsolicited_report_interval (1 s) of joining: those would count in OUTPUT, POSTROUTING and, on
 * the receiving nodes, PREROUTING. They have nothing to do with the flow, so the lab lets them pass first.
 */
async function waitForQuiet(
  nodes: readonly { netns: string; ruleset: Ruleset; node: string }[],
  builtAt: number,
  zero: (netns: string, ruleset: Ruleset) => void,
  counters: (netns: string, ruleset: Ruleset, node: string) => RuleCounter[],
): Promise<void> {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  await sleep(Math.max(0, builtAt + QUIET_AFTER_BUILD_MS - Date.now()));
  for (let i = 0; i < 10; i++) {
    for (const n of nodes) zero(n.netns, n.ruleset);
    await sleep(300);
    if (nodes.every((n) => counters(n.netns, n.ruleset, n.node).every((c) => c.packets === 0))) return;
  }
  throw new Error('packets keep crossing the nodes with no connection open: the namespaces are not quiet');
}

function checkEndpoints(
  candidates: readonly EngineCandidate[],
  engineMany: readonly EngineCandidate[],
  kernelMany: readonly KernelAnswer[],
): CheckResult {
  const allowed = new Set(
    [...candidates, ...engineMany].map((c) => c.pod).filter((p): p is string => p !== null),
  );
  const engineSet = new Set(engineMany.filter((c) => c.outcome === 'answered').map((c) => c.pod));
  const kernelSet = new Set(kernelMany.filter((a) => a.outcome === 'answered').map((a) => a.pod));
  if (engineSet.size === 0 && kernelSet.size === 0)
    return { check: 1, status: 'n/a', engine: 'no endpoint answers', kernel: 'no endpoint answered' };
  const sticky = engineSet.size === 1 && allowed.size > 1;
  const engineText = sticky ? `always one of {${setText(allowed)}} (affinity)` : `{${setText(engineSet)}}`;
  const kernelText = `{${setText(kernelSet)}} over ${kernelMany.length}`;
  const ok = sticky
    ? kernelSet.size === 1 && allowed.has([...kernelSet][0]!)
    : kernelSet.size === engineSet.size && [...kernelSet].every((p) => engineSet.has(p));
  return { check: 1, status: ok ? 'agree' : 'disagree', engine: engineText, kernel: kernelText };
}

function checkSource(
  candidates: readonly EngineCandidate[],
  engineMany: readonly EngineCandidate[],
  kernelMany: readonly KernelAnswer[],
  firstPod: string | null,
  firstPeer: string | null,
): CheckResult {
  const engineBy = new Map<string, Set<string>>();
  for (const c of [...candidates, ...engineMany]) {
    if (c.pod === null || c.sourceSeen === null) continue;
    if (!engineBy.has(c.pod)) engineBy.set(c.pod, new Set());
    engineBy.get(c.pod)!.add(c.sourceSeen);
  }
  const kernelBy = new Map<string, Set<string>>();
  const add = (pod: string | null, peer: string | null) => {
    if (pod === null || peer === null) return;
    if (!kernelBy.has(pod)) kernelBy.set(pod, new Set());
    kernelBy.get(pod)!.add(peer.replace(/:\d+$/, ''));
  };
  add(firstPod, firstPeer);
  for (const a of kernelMany) if (a.outcome === 'answered') add(a.pod, a.peer);
  if (kernelBy.size === 0 && engineBy.size === 0)
    return { check: 2, status: 'n/a', engine: 'not delivered', kernel: 'not delivered' };
  const pods = [...new Set([...kernelBy.keys()])].sort();
  const fmt = (m: Map<string, Set<string>>) =>
    pods.map((p) => `${p.split('/')[1]} ← ${setText(m.get(p) ?? [])}`).join('; ') || '(none)';
  const ok =
    pods.length > 0 && pods.every((p) => setText(engineBy.get(p) ?? []) === setText(kernelBy.get(p) ?? []));
  return { check: 2, status: ok ? 'agree' : 'disagree', engine: fmt(engineBy), kernel: fmt(kernelBy) };
}

function checkUnderlay(chosen: EngineCandidate, wire: ReadonlySet<string>): CheckResult {
  const e = [...chosen.underlay].sort();
  const k = [...wire].sort();
  const ok = e.length === k.length && e.every((s, i) => s === k[i]);
  const text = (xs: string[]) => (xs.length === 0 ? 'nothing on the underlay' : xs.join(' | '));
  return { check: 3, status: ok ? 'agree' : 'disagree', engine: text(e), kernel: text(k) };
}

function checkCounters(
  chosen: EngineCandidate,
  kernel: ReadonlyMap<string, number>,
  texts: ReadonlyMap<string, string>,
): CheckResult {
  const diff = countDiff(chosen.counts, kernel);
  const total = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const summary = (m: ReadonlyMap<string, number>) => `${m.size} rules, ${total(m)} matches`;
  if (diff.length === 0)
    return {
      check: 4,
      status: 'agree',
      engine: summary(chosen.counts),
      kernel: summary(kernel),
      // Shown with LAB_VERBOSE=1: every rule that matched, with its count on both sides.
      details: [...kernel.keys()]
        .sort()
        .map((k) => `${k}: ${kernel.get(k)}    ${texts.get(k) ?? ruleTextOf(chosen, k)}`),
    };
  const details = diff.map((d) => {
    const key = d.slice(0, d.indexOf(':'));
    const ruleText = texts.get(key) ?? ruleTextOf(chosen, key);
    return `${d}    ${ruleText}`;
  });
  return {
    check: 4,
    status: 'disagree',
    engine: `${summary(chosen.counts)} (seed ${chosen.seed}, to ${chosen.pod ?? chosen.outcome})`,
    kernel: summary(kernel),
    details,
  };
}

function ruleTextOf(c: EngineCandidate, key: string): string {
  for (const hop of c.trace.hops) {
    for (const v of hop.rules) {
      if (`${hop.netns.slice(5)} ${v.rule.table} ${v.rule.chain}#${v.position}` === key)
        return 'args' in v.rule
          ? `-A ${v.rule.chain} ${v.rule.args.join(' ')}`
          : 'rule' in v.rule
            ? `${v.rule.chain}: ${v.rule.rule.text}`
            : `ipvs ${v.rule.chain}`;
    }
  }
  return '';
}

function checkVerdict(candidates: readonly EngineCandidate[], first: KernelAnswer): CheckResult {
  const engine = new Set(candidates.map((c) => c.outcome));
  const kernel = first.outcome + (first.code && first.code !== first.outcome ? ` (${first.code})` : '');
  return {
    check: 5,
    status: engine.has(first.outcome) ? 'agree' : 'disagree',
    engine: setText(engine),
    kernel,
  };
}

function lineDiff(id: string, engine: string, kernel: string): string[] {
  const e = engine.trimEnd().split('\n');
  const k = kernel.trimEnd().split('\n');
  const out: string[] = [];
  const kSet = new Set(k);
  const eSet = new Set(e);
  for (const l of e) if (!kSet.has(l)) out.push(`${id} engine only: ${l}`);
  for (const l of k) if (!eSet.has(l)) out.push(`${id} kernel only: ${l}`);
  if (out.length === 0) out.push(`${id}: same lines in a different order`);
  return out;
}

/** The transaction whose result is the node's nft table (the same object the engine's ruleset holds). */
export function nftOpsOf(cluster: Cluster, node: string, tables: readonly NftTable[]): readonly NftOp[] {
  const result = cluster.proxyRules(NFTABLES_MODE, node);
  if (tables.length !== 1 || tables[0] !== result.table)
    throw new Error(`${node}: the ruleset's nft tables are not kube-proxy's transaction result`);
  return result.ops;
}
