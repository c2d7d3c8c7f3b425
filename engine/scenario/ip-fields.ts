// IPv4 addresses and CIDRs read from fields, with the API server's wording for bad values. The simulator
// is IPv4-only, so an IPv6 value is named as such rather than called malformed.
import { isIpv6Text, parseCidr, parseIpv4, type ParsedCidr } from '../net/ipv4';
import type { Diagnostics, Place } from './diagnostics';
import { invalidValue } from './names';
import type { ObjectFields } from './object-fields';

export function ipv4OrReport(diags: Diagnostics, place: Place, text: string): number | null {
  const ip = parseIpv4(text.trim());
  if (ip !== null) return ip;
  if (isIpv6Text(text))
    diags.error(place, invalidValue(text, 'IPv6 is not simulated: Podpath models an IPv4 cluster'));
  else
    diags.error(place, invalidValue(text, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  return null;
}

export function cidrOrReport(diags: Diagnostics, place: Place, text: string): ParsedCidr | null {
  const range = text.includes('/') ? parseCidr(text.trim()) : null;
  if (range !== null) return range;
  if (isIpv6Text(text))
    diags.error(place, invalidValue(text, 'IPv6 is not simulated: Podpath models an IPv4 cluster'));
  else
    diags.error(place, invalidValue(text, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)'));
  return null;
}

export function readIpv4(fields: ObjectFields, key: string): number | null {
  const text = fields.string(key);
  return text === null || text === '' ? null : ipv4OrReport(fields.ctx.diags, fields.place(key), text);
}

/**
 * A CIDR field that kubeadm and kube-proxy let be dual-stack (`10.244.0.0/16,fd00::/56`): the IPv4 half is
 * used and an IPv6 half is ignored with a warning.
 */
export function readCidrList(fields: ObjectFields, key: string): ParsedCidr | null {
  const text = fields.string(key);
  if (text === null || text.trim() === '') return null;
  const parts = text.split(',').map((p) => p.trim());
  const v4 = parts.filter((p) => !isIpv6Text(p));
  if (v4.length < parts.length)
    fields.warning(key, 'the IPv6 range is ignored: Podpath models an IPv4 cluster');
  if (v4.length === 0) {
    fields.error(key, invalidValue(text, 'an IPv4 range is required: Podpath models an IPv4 cluster'));
    return null;
  }
  if (v4.length > 1) {
    fields.error(key, invalidValue(text, 'may specify no more than one CIDR for each IP family'));
    return null;
  }
  return cidrOrReport(fields.ctx.diags, fields.place(key), v4[0]!);
}
