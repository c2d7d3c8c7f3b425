// A pod's /etc/resolv.conf as the kubelet writes it (pkg/kubelet/network/dns/dns.go GetPodDNS):
//   ClusterFirst            nameserver = clusterDNS, search = <ns>.svc.<domain> svc.<domain> <domain> then
//                           the node's search domains (duplicates dropped), options ndots:5;
//   ClusterFirst + hostNetwork, and Default   the node's own resolv.conf;
//   ClusterFirstWithHostNet the cluster's, even on the host network;
//   None                    nothing but what spec.dnsConfig says.
// spec.dnsConfig is then merged in (appendDNSConfig), and the result cut to the resolver's limits with the
// kubelet's DNSConfigForming warning.
import type { PodSpec, Scenario } from '../model/scenario';
import { formatIpv4 } from '../net/ipv4';
import { MAX_DNS_NAMESERVERS, MAX_DNS_SEARCH_LIST_CHARS, MAX_DNS_SEARCH_PATHS } from './limits';

export interface ResolvOption {
  readonly name: string;
  readonly value: string | null;
}

export interface ResolvConf {
  readonly nameservers: readonly string[];
  readonly searches: readonly string[];
  readonly options: readonly ResolvOption[];
  /** kubelet events (DNSConfigForming, MissingClusterDNS) raised while writing it. */
  readonly warnings: readonly string[];
}

/** kubelet defaultDNSOptions for cluster DNS. */
const CLUSTER_OPTIONS: readonly ResolvOption[] = [{ name: 'ndots', value: '5' }];

/** A node's /etc/resolv.conf (the kubelet's --resolv-conf): the underlay router, no search domains. */
export function nodeResolvConf(scenario: Scenario): ResolvConf {
  return { nameservers: [formatIpv4(scenario.underlay.gateway)], searches: [], options: [], warnings: [] };
}

function omitDuplicates<T>(list: readonly T[]): T[] {
  return [...new Set(list)];
}

function mergeOptions(existing: readonly ResolvOption[], added: readonly ResolvOption[]): ResolvOption[] {
  const out = [...existing];
  for (const o of added) {
    const i = out.findIndex((e) => e.name === o.name);
    if (i >= 0) out[i] = o;
    else out.push(o);
  }
  return out;
}

export function podResolvConf(pod: PodSpec, scenario: Scenario): ResolvConf {
  const host = nodeResolvConf(scenario);
  const warnings: string[] = [];
  const type =
    pod.dnsPolicy === 'None'
      ? 'none'
      : pod.dnsPolicy === 'ClusterFirstWithHostNet' || (pod.dnsPolicy === 'ClusterFirst' && !pod.hostNetwork)
        ? 'cluster'
        : 'host';
  let conf: { nameservers: string[]; searches: string[]; options: ResolvOption[] };
  if (type === 'none') conf = { nameservers: [], searches: [], options: [] };
  else if (type === 'cluster') {
    const domain = scenario.networking.dnsDomain;
    conf = {
      nameservers: [formatIpv4(scenario.dns.clusterDNS)],
      searches: omitDuplicates([`${pod.namespace}.svc.${domain}`, `svc.${domain}`, domain, ...host.searches]),
      options: [...CLUSTER_OPTIONS],
    };
  } else
    conf = { nameservers: [...host.nameservers], searches: [...host.searches], options: [...host.options] };
  if (pod.dnsConfig) {
    conf.nameservers = omitDuplicates([...conf.nameservers, ...pod.dnsConfig.nameservers]);
    conf.searches = omitDuplicates([...conf.searches, ...pod.dnsConfig.searches]);
    conf.options = mergeOptions(conf.options, pod.dnsConfig.options);
  }
  if (conf.nameservers.length > MAX_DNS_NAMESERVERS) {
    conf.nameservers = conf.nameservers.slice(0, MAX_DNS_NAMESERVERS);
    warnings.push(
      `DNSConfigForming: Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: ${conf.nameservers.join(' ')}`,
    );
  }
  let searches = conf.searches;
  if (searches.length > MAX_DNS_SEARCH_PATHS) searches = searches.slice(0, MAX_DNS_SEARCH_PATHS);
  while (searches.join(' ').length > MAX_DNS_SEARCH_LIST_CHARS) searches = searches.slice(0, -1);
  if (searches.length !== conf.searches.length) {
    warnings.push(
      `DNSConfigForming: Search Line limits were exceeded, some search paths have been omitted, the applied search line is: ${searches.join(' ')}`,
    );
  }
  return { nameservers: conf.nameservers, searches, options: conf.options, warnings };
}

/** The file as the container runtime writes it: search, nameserver lines, options. */
export function renderResolvConf(conf: ResolvConf): string {
  const lines: string[] = [];
  if (conf.searches.length > 0) lines.push(`search ${conf.searches.join(' ')}`);
  for (const n of conf.nameservers) lines.push(`nameserver ${n}`);
  if (conf.options.length > 0)
    lines.push(
      `options ${conf.options.map((o) => (o.value === null ? o.name : `${o.name}:${o.value}`)).join(' ')}`,
    );
  return lines.join('\n') + '\n';
}

/** The resolver's ndots (glibc: 1 unless `options ndots:N`, capped at 15). */
export function ndotsOf(conf: ResolvConf): number {
  const o = [...conf.options].reverse().find((x) => x.name === 'ndots');
  const n = o?.value === null || o === undefined ? 1 : Number(o.value);
  return Number.isInteger(n) ? Math.min(Math.max(n, 0), 15) : 1;
}
