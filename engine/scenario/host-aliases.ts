// spec.hostAliases, checked as the API server checks them (ValidateHostAliases in
// pkg/apis/core/validation: each `ip` a valid IP address, each hostname a DNS-1123 subdomain). The kubelet
// writes every entry into the pod's /etc/hosts after its own lines (engine/dns/hosts-file.ts).
import type { HostAlias } from '../model/scenario';
import { isIpv6Text, parseIpv4 } from '../net/ipv4';
import { dns1123SubdomainError, invalidValue } from './names';
import type { ObjectFields } from './object-fields';

export function readHostAliases(spec: ObjectFields): HostAlias[] {
  const aliases: HostAlias[] = [];
  for (const entry of spec.mapList('hostAliases')) {
    const ip = entry.string('ip');
    let ok = true;
    if (ip === null || ip === '') {
      if (ip === '' || !entry.has('ip'))
        entry.error('ip', 'Required value: an IP address for these hostnames');
      ok = false;
    } else if (parseIpv4(ip) === null) {
      ok = false;
      // Valid to the API server, and written to /etc/hosts, but an IPv4-only cluster cannot use it.
      if (isIpv6Text(ip))
        entry.warning('ip', `${ip} is IPv6, which Podpath does not simulate: these hostnames are left out`);
      else
        entry.error('ip', invalidValue(ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
    }
    const hostnames: string[] = [];
    for (const h of entry.stringList('hostnames')) {
      const reason = dns1123SubdomainError(h.value);
      if (reason === null) hostnames.push(h.value);
      else entry.ctx.diags.error(h.place, invalidValue(h.value, reason));
    }
    if (ok && ip !== null) aliases.push({ ip, hostnames });
  }
  return aliases;
}
