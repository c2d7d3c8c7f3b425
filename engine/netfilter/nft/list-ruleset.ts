// A table as `nft list ruleset` prints it (nftables 1.0.6, checked against the kernel: see
// engine/kube-proxy/nftables/testdata/*.nft-list-ruleset.txt). nft prints back what the kernel holds, not
// what was written: `mark set mark or 0x4000` comes back as `meta mark set meta mark | 0x00004000`, a
// one-element anonymous set loses its braces, priorities get their standard names where the hook allows.
import { type Cidr, cidrSize, formatIpv4, parseIpv4 } from '../../net/ipv4';
import type { NftStatement, NftVerdict } from './rule-parse';
import type { NftBaseChain, NftChain, NftElement, NftRule, NftSet, NftTable } from './table';

export function listRuleset(tables: readonly NftTable[]): string {
  return tables.map(listTable).join('');
}

export function listTable(table: NftTable): string {
  const blocks: string[] = [];
  for (const set of table.sets.values()) blocks.push(listSet(set));
  for (const chain of table.chains.values()) blocks.push(listChain(chain));
  let out = `table ${table.family} ${table.name} {\n`;
  if (table.comment !== undefined) out += `\tcomment ${quote(table.comment)}\n`;
  out += blocks.join('\n');
  return out + '}\n';
}

function quote(text: string): string {
  return `"${text}"`;
}

function listSet(set: NftSet): string {
  let out = `\t${set.kind} ${set.name} {\n\t\ttype ${set.type}\n`;
  // The kernel gives a dynamic set (one rules add to) a size when none was asked for.
  if (set.flags.includes('dynamic')) out += '\t\tsize 65535\n';
  if (set.flags.length > 0) out += `\t\tflags ${set.flags.join(',')}\n`;
  if (set.timeout !== undefined) out += `\t\ttimeout ${timeText(set.timeout)}\n`;
  if (set.comment !== undefined) out += `\t\tcomment ${quote(set.comment)}\n`;
  if (set.elements.size > 0) out += `\t\telements = ${elementsText(set)}\n`;
  return out + '\t}\n';
}

/** nft's time_print: 10800 s is `3h`, 90061 s is `1d1h1m1s`. */
export function timeText(seconds: number): string {
  const parts: [number, string][] = [
    [Math.floor(seconds / 86400), 'd'],
    [Math.floor((seconds % 86400) / 3600), 'h'],
    [Math.floor((seconds % 3600) / 60), 'm'],
    [seconds % 60, 's'],
  ];
  const text = parts
    .filter(([n]) => n > 0)
    .map(([n, u]) => `${n}${u}`)
    .join('');
  return text === '' ? '0s' : text;
}

/**
 * Elements as nft prints them, sorted the way the kernel's listing comes back (checked in the kernel lab):
 * a single-field key (an address, a port) in its numeric order (10.96.0.10 < 10.96.1.1); a concatenated
 * key as its bytes read as one little-endian number (1.2.3.4 < 5.6.7.8 < 192.168.99.22 < 172.30.0.41 on
 * x86; a port's low byte counts before the address). Addresses two to a line, ports five to a line,
 * concatenations and map entries one to a line (calculate_delim).
 */
function elementsText(set: NftSet): string {
  const single = !set.type.includes(' . ');
  const elements = [...set.elements.values()].sort(single ? compareNumeric : compareElements);
  const concat = set.type.includes(' . ') || set.kind === 'map';
  const perLine = concat
    ? 1
    : set.type === 'ipv4_addr'
      ? 2
      : set.type === 'inet_service' || set.type === 'inet_proto'
        ? 5
        : 1;
  let out = '{ ';
  elements.forEach((e, i) => {
    if (i > 0) out += i % perLine === 0 ? ',\n\t\t\t     ' : ', ';
    out += elementText(e);
  });
  return out + ' }';
}

function elementText(e: NftElement): string {
  let text = e.key.join(' . ');
  if (e.comment !== undefined) text += ` comment ${quote(e.comment)}`;
  if (e.value !== undefined) text += ` : ${e.value}`;
  return text;
}

/** A key as the kernel stores it: each field in its own 4-byte register (addresses, then proto, then port). */
function keyBytes(key: readonly string[]): number[] {
  const out: number[] = [];
  for (const field of key) {
    const ip = field.split('.');
    if (ip.length === 4 && ip.every((o) => /^\d+$/.test(o))) out.push(...ip.map(Number));
    else if (field === 'tcp' || field === 'udp' || field === 'sctp')
      out.push(field === 'tcp' ? 6 : field === 'udp' ? 17 : 132, 0, 0, 0);
    else out.push((Number(field) >> 8) & 255, Number(field) & 255, 0, 0);
  }
  return out;
}

/** A single-field key by its value: an address as a 32-bit number, a port or protocol as a number. */
function compareNumeric(a: NftElement, b: NftElement): number {
  return numericKey(a.key[0] ?? '') - numericKey(b.key[0] ?? '');
}

function numericKey(field: string): number {
  const address = parseIpv4(field.split('/')[0]!);
  if (address !== null) return address;
  const n = Number(field);
  if (Number.isFinite(n)) return n;
  return field === 'tcp' ? 6 : field === 'udp' ? 17 : field === 'sctp' ? 132 : 0;
}

/** The whole key read as one little-endian number: its last byte counts most. */
function compareElements(a: NftElement, b: NftElement): number {
  const x = keyBytes(a.key);
  const y = keyBytes(b.key);
  for (let i = Math.max(x.length, y.length) - 1; i >= 0; i--) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function listChain(chain: NftChain): string {
  let out = `\tchain ${chain.name} {\n`;
  if (chain.base)
    out += `\t\ttype ${chain.base.type} hook ${chain.base.hook} priority ${priorityText(chain.base)}; policy accept;\n`;
  if (chain.comment !== undefined) out += `\t\tcomment ${quote(chain.comment)}\n`;
  for (const rule of chain.rules) out += `\t\t${listRuleText(rule)}\n`;
  return out + '\t}\n';
}

/**
 * nft names a priority after a standard one within 10 of it, if that name is valid on the hook: dstnat
 * only at prerouting, srcnat only at postrouting (src/rule.c std_prios, std_prio_family_hook_compat).
 */
export function priorityText(base: NftBaseChain): string {
  const std: [number, string, readonly string[] | null][] = [
    [-300, 'raw', null],
    [-150, 'mangle', null],
    [-100, 'dstnat', ['prerouting']],
    [0, 'filter', null],
    [50, 'security', null],
    [100, 'srcnat', ['postrouting']],
  ];
  for (const [value, name, hooks] of std) {
    const offset = base.priority - value;
    if (Math.abs(offset) > 10 || (hooks && !hooks.includes(base.hook))) continue;
    return offset === 0 ? name : `${name} ${offset > 0 ? '+' : '-'} ${Math.abs(offset)}`;
  }
  return String(base.priority);
}

function cidrText(c: Cidr): string {
  return c.prefix === 32 ? formatIpv4(c.network) : `${formatIpv4(c.network)}/${c.prefix}`;
}

/**
 * The elements of an anonymous address set as nft lists them back, in ascending order whatever order they
 * were written in (`{ 192.168.0.0/16, 10.0.0.0/8 }` lists as `{ 10.0.0.0/8, 192.168.0.0/16 }`). A set
 * with a prefix in it is an interval set: nft merges overlapping and adjacent intervals (src/intervals.c,
 * automerge), printing each as a prefix when it is one and as `first-last` otherwise. A set of plain
 * addresses is a hash set: sorted, not merged. Checked with `nft -f` and `nft list ruleset` (nft 1.0.6).
 */
function anonymousSetElements(cidrs: readonly Cidr[], intervals: boolean): string[] {
  const ranges = cidrs
    .map((c) => ({ first: c.network >>> 0, last: (c.network >>> 0) + cidrSize(c) - 1 }))
    .sort((a, b) => a.first - b.first || a.last - b.last);
  const merged: { first: number; last: number }[] = [];
  for (const r of ranges) {
    const prev = merged[merged.length - 1];
    if (prev && (intervals ? r.first <= prev.last + 1 : r.first === prev.first && r.last === prev.last))
      prev.last = Math.max(prev.last, r.last);
    else merged.push({ ...r });
  }
  return merged.map(({ first, last }) => {
    const size = last - first + 1;
    const prefix = 32 - Math.log2(size);
    if (Number.isInteger(prefix) && first % size === 0) return cidrText({ network: first, prefix });
    return `${formatIpv4(first)}-${formatIpv4(last)}`;
  });
}

function hex8(v: number): string {
  return '0x' + (v >>> 0).toString(16).padStart(8, '0');
}

function verdictText(v: NftVerdict): string {
  return v.kind === 'jump' || v.kind === 'goto' ? `${v.kind} ${v.chain}` : v.kind;
}

function statementText(s: NftStatement): string {
  switch (s.kind) {
    case 'addr': {
      // A one-element set loses its braces when nft reads it; a longer one keeps them, even merged to one.
      const value =
        s.cidrs.length === 1
          ? cidrText(s.cidrs[0]!)
          : `{ ${anonymousSetElements(s.cidrs, s.intervals === true).join(', ')} }`;
      return `${s.field} ${s.negated ? '!= ' : ''}${value}`;
    }
    case 'lookup':
      return `${s.fields.join(' . ')} @${s.set}`;
    case 'vmap':
      return `${s.fields.join(' . ')} vmap @${s.map}`;
    case 'numgen':
      return `numgen random mod ${s.modulus} vmap { ${s.entries.map((e) => `${e.index} : ${verdictText(e.verdict)}`).join(', ')} }`;
    case 'ct-state':
      return `ct state ${s.states.join(',')}`;
    case 'fib-local':
      return `fib ${s.field} type local`;
    case 'l4proto':
      return `meta l4proto ${s.proto}`;
    case 'dport':
      return `${s.proto} dport ${s.port}`;
    case 'mark-match':
      return `meta mark & ${hex8(s.mask)} == ${hex8(s.value)}`;
    case 'mark-set':
      return `meta mark set meta mark ${s.op === 'or' ? '|' : '^'} ${hex8(s.value)}`;
    case 'update':
      return `update @${s.set} { ${s.field} }`;
    case 'dnat':
      return `dnat to ${s.text}`;
    case 'masquerade':
      return s.fullyRandom ? 'masquerade fully-random' : 'masquerade';
    case 'verdict':
      return verdictText(s.verdict);
  }
}

/** One rule as `nft list` prints it. */
export function listRuleText(rule: NftRule): string {
  const text = rule.statements.map(statementText).join(' ');
  return rule.comment === undefined ? text : `${text} comment ${quote(rule.comment)}`;
}
