// Check 8 (dns): the real glibc resolver against the engine's prediction (issue 5). A fresh copy of the
// scenario in namespaces, its node rules loaded (so a query to the kube-dns address is DNATed by the
// kernel to a CoreDNS pod, perhaps on the other node); in every CoreDNS pod namespace dnsmasq answers on
// the pod's DNS port with exactly the engine's records for the names asked (A/AAAA host records, NODATA
// names, everything else NXDOMAIN through `--local`, no upstream, so no query leaves the lab); the client
// pod gets the engine's /etc/resolv.conf and kubelet /etc/hosts (and `hosts: files dns`, as container
// images have) through /etc/netns/NS/. Then `getent ahosts NAME` (glibc getaddrinfo) runs in the pod and
// a capture on the pod's interfaces records its queries: (name, type) in order must be the engine's, and
// the addresses getent prints must be the engine's final answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cluster } from '../../engine/cluster/cluster';
import { clusterDnsOf, resolveName, type Resolution } from '../../engine/dns/resolve';
import { formatIpv4 } from '../../engine/net/ipv4';
import { buildInKernel } from './build-namespaces';
import { startFlanneldRelays } from './flanneld-relay';
import { readUdp } from './capture';
import { nftOpsOf } from './flow-run';
import { type LabHost, STARTUP_TIMEOUT_MS, waitForLine } from './host';
import { loadRuleset } from './node-iptables';
import { loadNftTransaction } from './node-nftables';

/** What the lab asks per conformance scenario (a lab-side list: the scenario format has no DNS checks). */
export interface DnsPlan {
  readonly from: string;
  readonly names: (cluster: Cluster) => string[];
}

const dashed = (cluster: Cluster, key: string): string => {
  const ip = cluster.podIP(key);
  return ip === undefined
    ? key
    : `${formatIpv4(ip).replace(/\./g, '-')}.${key.split('/')[0]}.pod.cluster.local`;
};

const DEFAULT_CLIENT_NAMES = (cluster: Cluster): string[] => [
  'web', // one search domain: A + AAAA for web.default.svc.cluster.local.
  'web.default', // NXDOMAIN in the first search domain, then the second
  'web.default.svc.cluster.local', // 4 dots < ndots 5: still through the search list first
  'web.default.svc.cluster.local.', // trailing dot: asked as is
  'kube-dns.kube-system',
  'api.example.com', // the whole search list, then the absolute name: 8 queries, all NXDOMAIN
  dashed(cluster, 'default/web-a'), // a pod record (`pods insecure`)
  'client', // the pod's own name: /etc/hosts answers, no query on the wire
];

export const DNS_PLANS: Readonly<Record<string, DnsPlan>> = {
  '03-clusterip-three-endpoints': { from: 'pod/default/client', names: DEFAULT_CLIENT_NAMES },
  '12-nftables-clusterip-and-no-endpoints': { from: 'pod/default/client', names: DEFAULT_CLIENT_NAMES },
};

export interface DnsResult {
  readonly name: string;
  readonly status: 'agree' | 'disagree' | 'n/a';
  readonly engine: string;
  readonly kernel: string;
  readonly details: readonly string[];
}

class Unservable extends Error {}

interface WireDns {
  readonly response: boolean;
  readonly name: string;
  readonly type: string;
  readonly rcode: string;
  readonly answers: number;
}

const TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'A',
  2: 'NS',
  5: 'CNAME',
  6: 'SOA',
  12: 'PTR',
  16: 'TXT',
  28: 'AAAA',
  33: 'SRV',
};
const RCODE_NAMES: Readonly<Record<number, string>> = {
  0: 'NOERROR',
  1: 'FORMERR',
  2: 'SERVFAIL',
  3: 'NXDOMAIN',
  4: 'NOTIMP',
  5: 'REFUSED',
};

/** The question of a DNS message (uncompressed, as a question always is) and its header's rcode. */
export function parseDnsMessage(b: Buffer): WireDns | null {
  if (b.length < 12 || b.readUInt16BE(4) < 1) return null;
  const flags = b.readUInt16BE(2);
  const labels: string[] = [];
  let off = 12;
  for (;;) {
    if (off >= b.length) return null;
    const len = b[off]!;
    if (len === 0) break;
    if (len >= 0xc0 || off + 1 + len > b.length) return null;
    labels.push(b.subarray(off + 1, off + 1 + len).toString('latin1'));
    off += 1 + len;
  }
  off++;
  if (off + 4 > b.length) return null;
  const type = b.readUInt16BE(off);
  const rcode = flags & 15;
  const answers = b.readUInt16BE(6);
  const response = (flags & 0x8000) !== 0;
  return {
    response,
    name: `${labels.join('.')}.`,
    type: TYPE_NAMES[type] ?? `TYPE${type}`,
    rcode:
      response && rcode === 0 && answers === 0 ? 'NOERROR (NODATA)' : (RCODE_NAMES[rcode] ?? `RCODE${rcode}`),
    answers,
  };
}

/** dnsmasq options serving exactly the engine's answers to the predicted queries. */
export function responderOptions(resolutions: readonly Resolution[], dnsDomain: string): string[] {
  const a = new Map<string, Set<string>>();
  const aaaa = new Map<string, Set<string>>();
  const cnames = new Map<string, string>();
  const noData = new Set<string>();
  const zones = new Set<string>([dnsDomain]);
  const add = (m: Map<string, Set<string>>, k: string, v: string) => {
    if (!m.has(k)) m.set(k, new Set());
    m.get(k)!.add(v);
  };
  for (const r of resolutions) {
    for (const q of r.queries) {
      const bare = q.name.replace(/\.$/, '');
      zones.add(bare.split('.').pop()!);
      if (q.rcode === 'NXDOMAIN') continue;
      if (q.rcode === 'NOERROR (NODATA)') {
        noData.add(bare);
        continue;
      }
      if (q.rcode !== 'NOERROR') throw new Unservable(`${q.name} ${q.type}: the engine answers ${q.rcode}`);
      for (const line of q.answers) {
        const [owner, , , type, data] = line.split(/\s+/);
        const o = owner!.replace(/\.$/, '');
        if (type === 'A') add(a, o, data!);
        else if (type === 'AAAA') add(aaaa, o, data!);
        else if (type === 'CNAME') cnames.set(o, data!.replace(/\.$/, ''));
        else throw new Unservable(`${q.name} ${q.type}: a ${type} record in the answer`);
      }
    }
  }
  const out: string[] = [];
  for (const name of new Set([...a.keys(), ...aaaa.keys()])) {
    for (const ip of [...(a.get(name) ?? []), ...(aaaa.get(name) ?? [])])
      out.push(`--host-record=${name},${ip}`);
  }
  for (const [alias, target] of cnames) out.push(`--cname=${alias},${target}`);
  // A name that exists without records of the asked type: any local record makes dnsmasq say NODATA.
  for (const name of noData)
    if (!a.has(name) && !aaaa.has(name) && !cnames.has(name)) out.push(`--txt-record=${name},nodata`);
  for (const zone of zones) out.push(`--local=/${zone}/`);
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Builds the cluster once and asks every name of the plan; the caller's host.cleanup() removes it all. */
export async function runDns(host: LabHost, cluster: Cluster, plan: DnsPlan): Promise<DnsResult[]> {
  const dns = clusterDnsOf(cluster);
  const names = plan.names(cluster);
  const resolutions = names.map((n) => resolveName(dns, plan.from, n));
  let options: string[];
  try {
    options = responderOptions(resolutions, cluster.scenario.networking.dnsDomain);
  } catch (e) {
    if (!(e instanceof Unservable)) throw e;
    return names.map((name) => ({
      name,
      status: 'n/a',
      engine: e.message,
      kernel: 'not asked',
      details: [],
    }));
  }

  const namespaces = buildInKernel(host, cluster);
  await startFlanneldRelays(host, cluster, namespaces);
  const netns = (id: string) => host.netnsName(id);
  for (const n of namespaces.filter((x) => x.kind === 'node' && x.ruleset)) {
    loadRuleset(netns(n.id), n.ruleset!);
    const tables = n.ruleset!.nftTables();
    if (tables.length > 0) loadNftTransaction(netns(n.id), nftOpsOf(cluster, n.node!, tables), tables);
  }

  // The CoreDNS pods: the kube-dns Service's selected pods, each on its DNS container port.
  const s = cluster.scenario;
  const svc = s.services.find((v) => v.clusterIP === s.dns.clusterDNS);
  const svcPort = svc?.ports.find((p) => p.protocol === 'UDP' && p.port === 53);
  if (!svc?.selector || !svcPort) throw new Error(`no kube-dns Service with 53/UDP at ${dns.clusterDNS}`);
  const ready: Promise<void>[] = [];
  for (const pod of s.pods) {
    const key = `${pod.namespace}/${pod.name}`;
    const ip = cluster.podIP(key);
    if (pod.namespace !== svc.namespace || ip === undefined) continue;
    if (!Object.entries(svc.selector).every(([k, v]) => pod.labels[k] === v)) continue;
    const port =
      typeof svcPort.targetPort === 'number'
        ? svcPort.targetPort
        : pod.ports.find((p) => p.name === svcPort.targetPort)?.containerPort;
    if (port === undefined) continue;
    const child = host.start('ip', [
      'netns',
      'exec',
      netns(`pod/${key}`),
      'dnsmasq',
      '--keep-in-foreground',
      '--conf-file=/dev/null',
      '--no-resolv',
      '--no-hosts',
      '--no-poll',
      '--bind-interfaces',
      `--listen-address=${formatIpv4(ip)}`,
      `--port=${port}`,
      '--pid-file',
      '--log-facility=-',
      '--cache-size=0',
      ...options,
    ]);
    ready.push(waitForLine(child, 'stderr', /started, version/, STARTUP_TIMEOUT_MS));
  }
  if (ready.length === 0) throw new Error('no CoreDNS pod to serve the records');
  await Promise.all(ready);

  // The client pod's /etc: the engine's resolv.conf and hosts file, and glibc asking files, then DNS.
  const clientNs = netns(plan.from);
  const hosts = dns.hostsFileFor(plan.from).text;
  host.netnsEtc(clientNs, {
    'resolv.conf': resolutions[0]!.resolvConf,
    hosts,
    'nsswitch.conf': 'hosts: files dns\n',
  });
  // AI_ADDRCONFIG (getent ahosts sets it) asks AAAA only when an interface has a non-loopback IPv6 address,
  // as a pod's eth0 has its link-local one; the lab keeps IPv6 off elsewhere, so turn it on here.
  spawnSync('ip', [
    'netns',
    'exec',
    clientNs,
    'sysctl',
    '-qw',
    'net.ipv6.conf.all.disable_ipv6=0',
    'net.ipv6.conf.default.disable_ipv6=0',
  ]);
  for (const d of cluster.netns(plan.from).devices) {
    if (d.kind !== 'loopback')
      spawnSync('ip', ['netns', 'exec', clientNs, 'sysctl', '-qw', `net.ipv6.conf.${d.name}.disable_ipv6=0`]);
  }

  const results: DnsResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'pp-lab-dns-'));
  try {
    for (const [i, name] of names.entries()) {
      const r = resolutions[i]!;
      const pcap = join(dir, `${i}.pcap`);
      const dump = host.start('ip', [
        'netns',
        'exec',
        clientNs,
        'tcpdump',
        '-i',
        'any',
        '-nn',
        '-U',
        '--immediate-mode',
        '-w',
        pcap,
        'udp port 53',
      ]);
      await waitForLine(dump, 'stderr', /listening on/, STARTUP_TIMEOUT_MS);
      const got = spawnSync('ip', ['netns', 'exec', clientNs, 'getent', 'ahosts', name], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      // tcpdump -U writes each packet as it comes; wait until the engine's queries and answers are all in
      // the file (or 1 s: then something is missing and the comparison says what).
      const expected = 2 * r.queries.length;
      for (let waited = 0; waited < 1000 && readUdp(pcap).length < expected; waited += 25) await sleep(25);
      await sleep(50);
      await host.stop(dump, 'SIGINT');
      if (process.env.LAB_PCAP_DIR) spawnSync('cp', [pcap, join(process.env.LAB_PCAP_DIR, `dns-${i}.pcap`)]);
      const wire = readUdp(pcap)
        .map((u) => parseDnsMessage(u.payload))
        .filter((m): m is WireDns => m !== null);
      results.push(compare(name, r, wire, got.status, got.stdout ?? ''));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

function compare(
  name: string,
  r: Resolution,
  wire: readonly WireDns[],
  status: number | null,
  stdout: string,
): DnsResult {
  const engineQs = r.queries.map((q) => `${q.name} ${q.type}`);
  const kernelQs = wire.filter((m) => !m.response).map((m) => `${m.name} ${m.type}`);
  const engineAddrs = [...new Set(r.addresses)].sort();
  const kernelAddrs = [
    ...new Set(
      stdout
        .split('\n')
        .map((l) => l.trim().split(/\s+/)[0] ?? '')
        .filter(Boolean),
    ),
  ].sort();
  const engineEnd = r.failure ?? (engineAddrs.join(', ') || '(no address)');
  const kernelEnd =
    status === 2
      ? 'EAI_NONAME'
      : status === 0
        ? kernelAddrs.join(', ') || '(no address)'
        : `getent exited ${status}`;
  const sameQs = engineQs.length === kernelQs.length && engineQs.every((q, k) => q === kernelQs[k]);
  const summary = (qs: readonly string[], end: string) =>
    `${qs.length} ${qs.length === 1 ? 'query' : 'queries'}${r.source === 'hosts' ? ' (/etc/hosts)' : ''} → ${end}`;
  const details: string[] = [];
  if (!sameQs) {
    const n = Math.max(engineQs.length, kernelQs.length);
    for (let k = 0; k < n; k++) {
      const e = engineQs[k] ?? '-';
      const w = kernelQs[k] ?? '-';
      details.push(`${e === w ? ' ' : '≠'} ${k + 1}. engine ${e}    wire ${w}`);
    }
  }
  if (engineEnd !== kernelEnd) details.push(`address: engine ${engineEnd}, getent ${kernelEnd}`);
  // The responder serves the engine's answers; a different rcode on the wire is the lab's own fault.
  for (const m of wire.filter((x) => x.response)) {
    const q = r.queries.find((x) => x.name === m.name && x.type === m.type);
    if (q && q.rcode !== m.rcode)
      details.push(`(responder) ${m.name} ${m.type}: engine ${q.rcode}, dnsmasq ${m.rcode}`);
  }
  return {
    name,
    status: sameQs && engineEnd === kernelEnd ? 'agree' : 'disagree',
    engine: summary(engineQs, engineEnd),
    kernel: summary(kernelQs, kernelEnd),
    details: [
      ...details,
      ...(process.env.LAB_VERBOSE === '1' ? engineQs.map((q, k) => `${k + 1}. ${q}`) : []),
    ],
  };
}
