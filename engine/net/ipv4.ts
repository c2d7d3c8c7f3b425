// IPv4 addresses as unsigned 32-bit numbers: cheap to compare and mask, which the route and rule walks
// do millions of times at the documented cluster limits.

export type Ipv4 = number;

export interface Cidr {
  /** Network address with host bits cleared. */
  readonly network: Ipv4;
  readonly prefix: number;
}

const IPV4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Parses dotted-quad text; returns null when it is not a valid IPv4 address. */
export function parseIpv4(text: string): Ipv4 | null {
  const m = IPV4_RE.exec(text);
  if (!m) return null;
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255 || (m[i]!.length > 1 && m[i]!.startsWith('0'))) return null;
    value = value * 256 + octet;
  }
  return value;
}

export function ipv4(text: string): Ipv4 {
  const value = parseIpv4(text);
  if (value === null) throw new Error(`not an IPv4 address: ${text}`);
  return value;
}

export function formatIpv4(ip: Ipv4): string {
  return `${(ip >>> 24) & 255}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
}

export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export interface ParsedCidr extends Cidr {
  /** The address as written, which may have host bits set (e.g. `10.244.1.1/24`). */
  readonly address: Ipv4;
}

/** Parses `a.b.c.d/n` (or a bare address as /32); null when malformed. */
export function parseCidr(text: string): ParsedCidr | null {
  const slash = text.indexOf('/');
  const addrText = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? '32' : text.slice(slash + 1);
  if (!/^\d{1,2}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  const address = parseIpv4(addrText);
  if (address === null || prefix > 32) return null;
  return { address, network: (address & maskOf(prefix)) >>> 0, prefix };
}

export function cidr(text: string): ParsedCidr {
  const value = parseCidr(text);
  if (!value) throw new Error(`not an IPv4 CIDR: ${text}`);
  return value;
}

export function cidrContains(range: Cidr, ip: Ipv4): boolean {
  return (ip & maskOf(range.prefix)) >>> 0 === range.network;
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrCovers(outer: Cidr, inner: Cidr): boolean {
  return inner.prefix >= outer.prefix && cidrContains(outer, inner.network);
}

export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  return cidrContains(a, b.network) || cidrContains(b, a.network);
}

export function formatCidr(range: Cidr): string {
  return `${formatIpv4(range.network)}/${range.prefix}`;
}

export function cidrSize(range: Cidr): number {
  return 2 ** (32 - range.prefix);
}

/** The n-th address of the range (0 is the network address). */
export function cidrHost(range: Cidr, n: number): Ipv4 {
  return (range.network + n) >>> 0;
}

export function broadcastOf(range: Cidr): Ipv4 {
  return (range.network | (~maskOf(range.prefix) >>> 0)) >>> 0;
}

export function isIpv6Text(text: string): boolean {
  return text.includes(':');
}
