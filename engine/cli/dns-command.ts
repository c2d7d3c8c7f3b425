// `podpath dns`: what a pod's resolver does with one name — the resolv.conf it reads, every query glibc
// sends (each through kube-proxy to a CoreDNS replica, as `podpath trace` would show it), and the final
// answer in zone-file form. Exit code 0 when the name resolved, 1 when it did not.
import type { Cluster } from '../cluster/cluster';
import { Datapath } from '../datapath/datapath';
import { clusterDnsOf, ResolveError } from '../dns/resolve';
import { QUERY_TYPES, type RRType } from '../dns/records';
import { resolveWithPackets, type DnsStep } from '../dns/trace-dns';
import { reverseName } from '../dns/names';
import { parseIpv4 } from '../net/ipv4';
import { SeededRandom } from '../random';
import { TraceRequestError } from '../trace/request';
import { traceConnection } from '../trace/trace';

export const DNS_SCHEMA = 'podpath.dns/v1';

export interface DnsCommandJson extends Omit<DnsStep<never>, 'queries'> {
  readonly schema: typeof DNS_SCHEMA;
  readonly from: string;
  readonly type: RRType | 'A+AAAA';
  readonly queries: readonly (DnsStep<never>['queries'][number] & { readonly answeredBy?: string })[];
}

export type DnsCommandResult =
  | { readonly kind: 'ok'; readonly json: DnsCommandJson; readonly text: string }
  | { readonly kind: 'usage' | 'error'; readonly message: string };

export function runDnsCommand(
  cluster: Cluster,
  o: { from: string; name: string; type: string | undefined; seed: number },
): DnsCommandResult {
  const type = o.type?.toUpperCase();
  if (type !== undefined && !(QUERY_TYPES as readonly string[]).includes(type))
    return { kind: 'usage', message: `--type must be one of ${QUERY_TYPES.join(', ')}` };
  // `--type PTR 10.96.0.10` asks the reverse name, as `dig -x` does.
  const ip = parseIpv4(o.name);
  const name = type === 'PTR' && ip !== null ? reverseName(ip) : o.name;
  const random = new SeededRandom(o.seed);
  const datapath = new Datapath(cluster, random);
  const answeredBy = new Map<number, string>();
  let step: DnsStep<string | null>;
  try {
    let n = 0;
    step = resolveWithPackets(
      clusterDnsOf(cluster),
      cluster,
      o.from,
      name,
      type as RRType | undefined,
      (to, sport, size, replySize) => {
        const t = traceConnection(
          cluster,
          cluster,
          { from: o.from, to, protocol: 'UDP', seed: o.seed, size },
          { datapath, random, replySize, ...(sport !== undefined && { sport }) },
        );
        const pod = t.deliveredTo?.pod ?? null;
        if (pod !== null) answeredBy.set(n, pod);
        n++;
        return {
          delivered: t.verdict === 'delivered',
          deliveredToPod: pod,
          replyDelivered: t.reply?.verdict === 'delivered',
          trace: pod,
        };
      },
      () => random.int(32768, 60999),
    );
  } catch (e) {
    if (e instanceof ResolveError || e instanceof TraceRequestError)
      return { kind: 'error', message: e.message };
    throw e;
  }
  const queries = step.queries.map(({ trace, ...q }) => ({ ...q, ...(trace && { answeredBy: trace }) }));
  const json: DnsCommandJson = {
    ...step,
    schema: DNS_SCHEMA,
    from: o.from,
    type: (type as RRType | undefined) ?? 'A+AAAA',
    queries,
  };
  return { kind: 'ok', json, text: dnsText(json, cluster) };
}

function dnsText(j: DnsCommandJson, cluster: Cluster): string {
  const lines: string[] = [
    `/etc/resolv.conf of ${j.from}:`,
    ...j.resolvConf
      .trimEnd()
      .split('\n')
      .map((l) => `  ${l}`),
    '',
  ];
  if (j.source === 'hosts')
    lines.push(
      `${j.name} is in ${j.from}'s /etc/hosts (written by the kubelet${j.hostsOrigin === 'hostAliases' ? ' from spec.hostAliases' : ''}): no DNS query is sent`,
      `  ${j.hostsLine?.replaceAll('\t', ' ') ?? ''}`,
    );
  if (j.source === 'address') lines.push(`${j.name} is an address: no DNS query is sent`);
  if (j.queries.length > 0)
    lines.push(
      `queries (${j.type === 'A+AAAA' ? 'getaddrinfo: A and AAAA for each name glibc tries' : `res_search ${j.type}`}):`,
    );
  j.queries.forEach((q, i) => {
    const pod = q.answeredBy ? cluster.pod(q.answeredBy) : undefined;
    const via = q.answeredBy
      ? ` via ${q.server}:53 → ${q.answeredBy}${pod ? ` on ${pod.nodeName}` : ''}`
      : ` from ${q.server}`;
    lines.push(`  ${String(i + 1).padStart(2)}  ${q.type.padEnd(5)} ${q.name}  ${q.rcode}${via}`);
  });
  lines.push('');
  if (j.records.length > 0) lines.push(`answer (${j.resolved}):`, ...j.records);
  else if (j.addresses.length > 0) lines.push(`address: ${j.addresses.join(' ')}`);
  else
    lines.push(
      `no answer: ${j.failure === 'EAI_AGAIN' ? 'Temporary failure in name resolution (no reply from the nameserver)' : 'Name or service not known'}`,
    );
  return lines.join('\n') + '\n';
}
