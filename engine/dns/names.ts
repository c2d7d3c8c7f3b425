// Domain names as resolvers and CoreDNS handle them: compared case-insensitively, fully qualified with a
// trailing dot, at most 253 characters in text (255 on the wire) and 63 per label, no empty labels.
import { formatIpv4, parseIpv4, type Ipv4 } from '../net/ipv4';

/** Lower case with a trailing dot: `Web.Shop` → `web.shop.`. */
export function fqdn(name: string): string {
  const n = name.toLowerCase();
  return n.endsWith('.') ? n : `${n}.`;
}

export function labelsOf(name: string): string[] {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  return n === '' ? [] : n.split('.');
}

/** Why a name cannot be asked at all (res_mkquery refuses it), or null. */
export function dnsNameError(name: string): string | null {
  const text = name.endsWith('.') ? name.slice(0, -1) : name;
  if (text === '') return 'the name is empty';
  if (text.length > 253) return `the name is ${text.length} characters long; a DNS name holds at most 253`;
  const labels = text.split('.');
  if (labels.some((l) => l === ''))
    return 'the name has an empty label (two dots in a row, or a leading dot)';
  const long = labels.find((l) => l.length > 63);
  if (long !== undefined)
    return `the label "${long.slice(0, 20)}…" is ${long.length} characters long; a label holds at most 63`;
  return null;
}

/** `name` is `zone` or below it. */
export function isSubdomain(name: string, zone: string): boolean {
  if (zone === '.') return true;
  return name === zone || name.endsWith(`.${zone}`);
}

/** `d.c.b.a.in-addr.arpa.` for a.b.c.d. */
export function reverseName(ip: Ipv4): string {
  return `${formatIpv4(ip).split('.').reverse().join('.')}.in-addr.arpa.`;
}

/** The address a full `in-addr.arpa` name stands for (dnsutil.ExtractAddressFromReverse), or null. */
export function addressFromReverse(name: string): Ipv4 | null {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa\.$/.exec(name);
  return m ? parseIpv4(`${m[4]}.${m[3]}.${m[2]}.${m[1]}`) : null;
}

/** Octets a name takes in a message without compression: one length byte per label, the labels, the root. */
export function wireLength(name: string): number {
  return labelsOf(name).reduce((n, l) => n + 1 + l.length, 1);
}

/** The dashed form CoreDNS uses for an address as a name: 10.244.1.5 → 10-244-1-5. */
export function dashedIp(ip: Ipv4): string {
  return formatIpv4(ip).replaceAll('.', '-');
}
