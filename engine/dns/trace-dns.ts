// Resolution as packets: each question a pod asks kube-dns is a UDP datagram to clusterDNS:53 that goes
// through kube-proxy's DNAT to one CoreDNS replica (perhaps on the other node, through VXLAN) and comes back
// through conntrack — traced like any other connection. A and AAAA of one candidate share one socket (one
// source port, so the AAAA follows the A's conntrack entry to the same replica); each candidate opens a new
// one (glibc's __res_context_send closes its socket after each query unless RES_STAYOPEN is set).
import { parseIpv4 } from '../net/ipv4';
import { answerLength, queryLength, type RRType } from './records';
import {
  type ClusterDns,
  type DnsDirectory,
  type QueryRecord,
  type Resolution,
  resolveName,
} from './resolve';

/** A destination given by name: `web.shop:80`, `http://web.shop.svc.cluster.local/path`. */
export interface NamedDestination {
  readonly host: string;
  readonly port: number;
  readonly scheme: 'http' | 'https' | null;
  readonly path: string;
}

const URL_FORM = /^(https?):\/\/([^/:?#]+)(?::(\d+))?([^?#]*)?/i;
const NAME_FORM = /^([A-Za-z0-9_.-]*[A-Za-z_-][A-Za-z0-9_.-]*\.?):(\d+)$/;

/** The destination as a name, or null when it is one of the other forms (IP:PORT, svc/…, pod/…, node/…). */
export function parseNamedDestination(to: string): NamedDestination | null {
  const url = URL_FORM.exec(to);
  if (url) {
    const scheme = url[1]!.toLowerCase() as 'http' | 'https';
    return {
      host: url[2]!,
      port: url[3] ? Number(url[3]) : scheme === 'https' ? 443 : 80,
      scheme,
      path: url[4] || '/',
    };
  }
  if (/^(svc|pod|node)\//.test(to)) return null;
  const m = NAME_FORM.exec(to);
  if (!m || parseIpv4(m[1]!) !== null) return null;
  return { host: m[1]!, port: Number(m[2]), scheme: null, path: '' };
}

/** One traced exchange, as the trace layer runs it: the sub-trace's verdicts and the sub-trace itself. */
export interface TracedExchange<T> {
  readonly delivered: boolean;
  readonly deliveredToPod: string | null;
  readonly replyDelivered: boolean;
  readonly trace: T;
}

export interface DnsQuery<T> extends QueryRecord {
  readonly trace?: T;
}

export interface DnsStep<T> {
  readonly name: string;
  readonly resolvConf: string;
  readonly source: Resolution['source'];
  /** The /etc/hosts line that answered (source `hosts`), and who wrote it. */
  readonly hostsLine?: string;
  readonly hostsOrigin?: Resolution['hostsOrigin'];
  readonly queries: readonly DnsQuery<T>[];
  readonly resolved: string | null;
  readonly addresses: readonly string[];
  /** With several addresses: why getaddrinfo returns them in this order (the first is connected to). */
  readonly addressOrder?: string;
  readonly records: readonly string[];
  readonly failure: string | null;
}

/**
 * Resolves `name` from `from`, sending every question to kube-dns as a traced UDP exchange. `send` runs one
 * datagram there and back (the trace layer's traceConnection) with the given source port and sizes.
 */
export function resolveWithPackets<T>(
  dns: ClusterDns,
  dir: DnsDirectory,
  from: string,
  name: string,
  type: RRType | undefined,
  send: (to: string, sport: number | undefined, size: number, replySize: number) => TracedExchange<T>,
  newPort: () => number,
): DnsStep<T> {
  const traces = new Map<string, T>();
  let port: { candidate: number; sport: number } | null = null;
  const resolution = resolveName(dns, from, name, {
    ...(type && { type }),
    exchange: (server, qname, qtype, candidate) => {
      const answer =
        server === dns.clusterDNS ? dns.coredns.answer(qname, qtype) : dns.ask(server, qname, qtype);
      // Only a pod's question to kube-dns crosses the simulated network; the underlay router's resolver is
      // answered directly (nothing in the lab listens on it).
      if (server !== dns.clusterDNS || !from.startsWith('pod/') || answer === null) return answer;
      if (port === null || port.candidate !== candidate) port = { candidate, sport: newPort() };
      // 20 bytes of IP and 8 of UDP around the DNS message.
      const sent = send(
        `${server}:53`,
        port.sport,
        28 + queryLength(qname),
        28 + answerLength(qname, answer),
      );
      traces.set(`${qname} ${qtype}`, sent.trace);
      const replica =
        sent.deliveredToPod === null
          ? undefined
          : dir.scenario.pods.find((p) => `${p.namespace}/${p.name}` === sent.deliveredToPod);
      if (!sent.delivered || !sent.replyDelivered || replica?.labels['k8s-app'] !== 'kube-dns') return null;
      return answer;
    },
  });
  return {
    name,
    resolvConf: resolution.resolvConf,
    source: resolution.source,
    ...(resolution.hostsLine !== undefined && {
      hostsLine: resolution.hostsLine,
      hostsOrigin: resolution.hostsOrigin,
    }),
    queries: resolution.queries.map((q) => {
      const trace = traces.get(`${q.name} ${q.type}`);
      return trace === undefined ? q : { ...q, trace };
    }),
    resolved: resolution.resolved,
    addresses: resolution.addresses,
    records: resolution.records,
    failure: resolution.failure,
  };
}
