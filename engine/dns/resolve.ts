// Name resolution from a client of the cluster, end to end: the client's /etc/hosts (the kubelet writes
// the pod's own names there), then its /etc/resolv.conf and the glibc search over it, each question sent
// to the nameserver — kube-dns for a ClusterFirst pod, the underlay router for nodes, `Default` pods and
// external clients. How a question travels is the caller's: `exchange` may send it as a packet.
import type { EndpointSliceSpec, Scenario } from '../model/scenario';
import { podSuggestion } from '../model/name-suggestions';
import { formatIpv4, parseIpv4 } from '../net/ipv4';
import { CoreDns } from './coredns';
import { glibcSearch, type SearchStep } from './glibc-search';
import { type HostsFile, nodeHostsFile, podHostsFile } from './hosts-file';
import { dnsNameError, fqdn } from './names';
import { type DnsAnswer, rcodeText, type RRType, zoneLine } from './records';
import { ndotsOf, nodeResolvConf, podResolvConf, renderResolvConf, type ResolvConf } from './resolv-conf';
import { PublicDns } from './upstream';

/** What of a built cluster DNS needs; `Cluster` has all of it. */
export interface DnsDirectory {
  readonly scenario: Scenario;
  readonly endpointSlices: readonly EndpointSliceSpec[];
  readonly addressing: { readonly podIPs: ReadonlyMap<string, number> };
}

export function isDnsDirectory(x: unknown): x is DnsDirectory {
  return typeof x === 'object' && x !== null && 'scenario' in x && 'endpointSlices' in x && 'addressing' in x;
}

export class ResolveError extends Error {}

/** The DNS servers of one cluster: CoreDNS (the same in every replica) and the public resolver. */
export class ClusterDns {
  readonly coredns: CoreDns;
  readonly publicDns: PublicDns;
  readonly clusterDNS: string;

  constructor(readonly dir: DnsDirectory) {
    const s = dir.scenario;
    this.clusterDNS = formatIpv4(s.dns.clusterDNS);
    this.publicDns = new PublicDns(formatIpv4(s.underlay.gateway));
    this.coredns = new CoreDns(
      s.dns.corefile,
      { scenario: s, endpointSlices: dir.endpointSlices, podIPs: dir.addressing.podIPs },
      s.dns.clusterDNS,
      this.publicDns,
    );
  }

  /** Whether anything serves DNS at the clusterDNS address: the kube-dns Service with a ready endpoint. */
  corednsServing(): boolean {
    const s = this.dir.scenario;
    const svc = s.services.find(
      (v) => v.clusterIP === s.dns.clusterDNS && v.ports.some((p) => p.port === 53 && p.protocol === 'UDP'),
    );
    if (!svc) return false;
    return this.dir.endpointSlices.some(
      (sl) =>
        sl.namespace === svc.namespace &&
        sl.serviceName === svc.name &&
        sl.endpoints.some((e) => e.conditions.ready !== false),
    );
  }

  /** The answer a nameserver gives, without sending packets (null: nothing answers there). */
  ask(nameserver: string, name: string, type: RRType): DnsAnswer | null {
    if (nameserver === this.clusterDNS) return this.corednsServing() ? this.coredns.answer(name, type) : null;
    if (nameserver === this.publicDns.address) return this.publicDns.ask(name, type);
    return null;
  }

  resolvConfFor(from: string): ResolvConf {
    if (from.startsWith('pod/')) {
      const key = from.slice(4);
      const pod = this.dir.scenario.pods.find((p) => `${p.namespace}/${p.name}` === key);
      if (!pod) {
        const [namespace, name] = key.includes('/') ? key.split('/', 2) : [null, key];
        const hint = podSuggestion(this.dir.scenario, namespace ?? null, name!, (k) => `pod/${k}`);
        throw new ResolveError(`--from ${from}: no pod ${key} in this scenario${hint}`);
      }
      return podResolvConf(pod, this.dir.scenario);
    }
    if (from.startsWith('node/') || from.startsWith('external/')) return nodeResolvConf(this.dir.scenario);
    throw new ResolveError(`--from ${from}: expected pod/NS/NAME, node/NAME or external/IP`);
  }

  /** The /etc/hosts glibc reads first: the kubelet's for a pod (engine/dns/hosts-file.ts), else the node's. */
  hostsFileFor(from: string): HostsFile {
    if (!from.startsWith('pod/')) return nodeHostsFile();
    const key = from.slice(4);
    const pod = this.dir.scenario.pods.find((p) => `${p.namespace}/${p.name}` === key);
    if (!pod) return nodeHostsFile();
    const ip = this.dir.addressing.podIPs.get(key);
    return podHostsFile(pod, ip ?? null, this.dir.scenario.networking.dnsDomain);
  }
}

const byDirectory = new WeakMap<DnsDirectory, ClusterDns>();

export function clusterDnsOf(dir: DnsDirectory): ClusterDns {
  let dns = byDirectory.get(dir);
  if (!dns) byDirectory.set(dir, (dns = new ClusterDns(dir)));
  return dns;
}

export interface QueryRecord {
  readonly name: string;
  readonly type: RRType;
  /** `NOERROR`, `NOERROR (NODATA)`, `NXDOMAIN`, `SERVFAIL`, `REFUSED`, or `TIMEOUT` when nothing came back. */
  readonly rcode: string;
  readonly server: string;
  readonly answers: readonly string[];
  readonly authority: readonly string[];
  readonly additional: readonly string[];
  /** Who answered and why, in words. */
  readonly by: string;
}

export interface Resolution {
  readonly from: string;
  readonly name: string;
  readonly resolvConf: string;
  /** `hosts`: /etc/hosts answered, no query sent; `address`: the name is an IP literal. */
  readonly source: 'dns' | 'hosts' | 'address';
  /** The /etc/hosts line that answered, as written, when `source` is `hosts`. */
  readonly hostsLine?: string;
  /** Who wrote that line: the kubelet's own (the pod's names) or spec.hostAliases. */
  readonly hostsOrigin?: 'kubelet' | 'hostAliases';
  readonly queries: readonly QueryRecord[];
  /** The name that answered, fully qualified. */
  readonly resolved: string | null;
  /** The final answer's records in zone-file form (A records, or what `--type` asked for). */
  readonly records: readonly string[];
  readonly addresses: readonly string[];
  /** getaddrinfo's error when resolution failed: `EAI_NONAME` (Name or service not known), `EAI_AGAIN`. */
  readonly failure: string | null;
  readonly warnings: readonly string[];
}

export function queryRecord(step: SearchStep, server: string): QueryRecord {
  const a = step.answer;
  return {
    name: step.name,
    type: step.type,
    rcode: a === null ? 'TIMEOUT' : rcodeText(a),
    server,
    answers: a?.answer.map(zoneLine) ?? [],
    authority: a?.authority.map(zoneLine) ?? [],
    additional: a?.additional.map(zoneLine) ?? [],
    by: a?.by ?? `no answer from ${server}: glibc waits \`timeout\` (5 s) per try, \`attempts\` (2) times`,
  };
}

export interface ResolveOptions {
  /** One type (res_search, as `host -t` asks); absent means getaddrinfo's A and AAAA. */
  readonly type?: RRType;
  /** Sends one question to `server` and returns what came back (default: straight to the server, no packets). */
  readonly exchange?: (server: string, name: string, type: RRType, candidate: number) => DnsAnswer | null;
}

export function resolveName(
  dns: ClusterDns,
  from: string,
  name: string,
  options: ResolveOptions = {},
): Resolution {
  const conf = dns.resolvConfFor(from);
  const resolvConf = renderResolvConf(conf);
  const base = { from, name, resolvConf, warnings: conf.warnings };
  if (parseIpv4(name) !== null)
    return {
      ...base,
      source: 'address',
      queries: [],
      resolved: null,
      records: [],
      addresses: [name],
      failure: null,
    };
  const problem = dnsNameError(name);
  if (problem !== null)
    throw new ResolveError(
      `cannot resolve "${name.length > 60 ? `${name.slice(0, 60)}…` : name}": ${problem}`,
    );
  // getaddrinfo asks the files backend first; res_search (a `--type` question) goes straight to DNS.
  const inHosts = options.type === undefined ? dns.hostsFileFor(from).lookup(name) : null;
  if (inHosts !== null) {
    return {
      ...base,
      source: 'hosts',
      hostsLine: inHosts.line,
      hostsOrigin: inHosts.origin,
      queries: [],
      resolved: fqdn(name),
      records: [],
      addresses: [inHosts.ip],
      failure: null,
    };
  }
  const server = conf.nameservers[0];
  if (server === undefined)
    return {
      ...base,
      source: 'dns',
      queries: [],
      resolved: null,
      records: [],
      addresses: [],
      failure: 'EAI_AGAIN',
    };
  const exchange = options.exchange ?? ((srv: string, n: string, t: RRType) => dns.ask(srv, n, t));
  const types: RRType[] = options.type ? [options.type] : ['A', 'AAAA'];
  const result = glibcSearch(name.toLowerCase(), conf.searches, ndotsOf(conf), types, (n, t, i) =>
    exchange(server, n, t, i),
  );
  const queries = result.steps.map((s) => queryRecord(s, server));
  const final =
    result.resolved === null
      ? []
      : result.steps.filter((s) => s.name === result.resolved && s.answer !== null);
  const wanted = options.type ?? 'A';
  const records = final.flatMap((s) => s.answer!.answer.map(zoneLine));
  const addresses = final.flatMap((s) =>
    s.answer!.answer.filter((rr) => rr.type === 'A' && wanted === 'A').map((rr) => rr.data),
  );
  return {
    ...base,
    source: 'dns',
    queries,
    resolved: result.resolved,
    records,
    addresses,
    failure: result.failure,
  };
}
