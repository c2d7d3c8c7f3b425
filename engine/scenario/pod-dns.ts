// spec.dnsPolicy and spec.dnsConfig, checked as the API server checks them (validatePodDNSConfig in
// pkg/apis/core/validation): at most 3 nameservers, at most 32 search paths and 2048 characters of search
// list, and a `None` policy needs a nameserver of its own.
import type { DnsPolicy, PodDnsConfig } from '../model/scenario';
import { MAX_DNS_NAMESERVERS, MAX_DNS_SEARCH_LIST_CHARS, MAX_DNS_SEARCH_PATHS } from '../dns/limits';
import { parseIpv4 } from '../net/ipv4';
import { dns1123SubdomainError, invalidValue } from './names';
import type { ObjectFields } from './object-fields';

const POLICIES: readonly DnsPolicy[] = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

function readDnsConfig(spec: ObjectFields, policy: DnsPolicy): PodDnsConfig | null {
  if (!spec.has('dnsConfig')) {
    if (policy === 'None')
      spec.error('dnsConfig', 'Required value: must provide `dnsConfig` when `dnsPolicy` is None');
    return null;
  }
  const config = spec.map('dnsConfig');
  const nameservers = config.stringList('nameservers');
  if (policy === 'None' && nameservers.length === 0)
    config.error(
      'nameservers',
      'Required value: must provide at least one DNS nameserver when `dnsPolicy` is None',
    );
  if (nameservers.length > MAX_DNS_NAMESERVERS)
    config.error(
      'nameservers',
      `Invalid value: ${JSON.stringify(nameservers.map((n) => n.value))}: must not have more than ${MAX_DNS_NAMESERVERS} nameservers`,
    );
  for (const n of nameservers) {
    if (parseIpv4(n.value) === null)
      spec.ctx.diags.error(n.place, invalidValue(n.value, 'must be a valid IP address'));
  }
  const searches = config.stringList('searches');
  if (searches.length > MAX_DNS_SEARCH_PATHS)
    config.error(
      'searches',
      `Invalid value: ${JSON.stringify(searches.map((n) => n.value))}: must not have more than ${MAX_DNS_SEARCH_PATHS} search paths`,
    );
  if (searches.map((s) => s.value).join(' ').length > MAX_DNS_SEARCH_LIST_CHARS)
    config.error(
      'searches',
      `Invalid value: must not have more than ${MAX_DNS_SEARCH_LIST_CHARS} characters (including spaces) in the search list`,
    );
  for (const s of searches) {
    // A trailing dot is allowed: the name is then absolute (ValidateDNS1123Subdomain(TrimSuffix(search, "."))).
    const reason = dns1123SubdomainError(s.value.replace(/\.$/, ''));
    if (reason !== null) spec.ctx.diags.error(s.place, invalidValue(s.value, reason));
  }
  const options: { name: string; value: string | null }[] = [];
  for (const o of config.mapList('options')) {
    const name = o.string('name');
    if (name === null || name === '') {
      o.error('name', 'Required value: must not be empty');
      continue;
    }
    options.push({ name, value: o.string('value') });
  }
  return { nameservers: nameservers.map((n) => n.value), searches: searches.map((s) => s.value), options };
}

export function readPodDns(spec: ObjectFields): { dnsPolicy: DnsPolicy; dnsConfig: PodDnsConfig | null } {
  const dnsPolicy = spec.oneOf('dnsPolicy', POLICIES, 'ClusterFirst');
  return { dnsPolicy, dnsConfig: readDnsConfig(spec, dnsPolicy) };
}
