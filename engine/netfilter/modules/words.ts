// The value syntaxes iptables' extensions share (xtables_parse_* in libxtables) and the number and string
// renderings their save functions share (xtables_save_string, printf's %.11f).
import { type Cidr, parseCidr } from '../../net/ipv4';
import { RuleParseError } from './extension';

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export function parsePortRange(text: string): PortRange {
  const [a, b] = text.split(':');
  const from = Number(a);
  const to = b === undefined ? from : Number(b);
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > 65535 || from > to) {
    throw new RuleParseError(`bad port or port range: ${text}`);
  }
  return { from, to };
}

export function parseAddress(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed) throw new RuleParseError(`bad IPv4 address or CIDR: ${text}`);
  return { network: parsed.network, prefix: parsed.prefix };
}

export function parseNumber(text: string): number {
  const value = text.startsWith('0x') ? parseInt(text.slice(2), 16) : Number(text);
  if (!Number.isFinite(value)) throw new RuleParseError(`bad number: ${text}`);
  return value >>> 0;
}

/** `VALUE[/MASK]`, the mask all ones when left out (xtables_parse_mark_mask). */
export function parseMarkValue(text: string): { value: number; mask: number } {
  const [v, m] = text.split('/');
  return { value: parseNumber(v!), mask: m === undefined ? 0xffffffff : parseNumber(m) };
}

/** The one value of an option that takes one (the parser has already checked it is there). */
export function valueOf(option: { readonly values: readonly string[] }): string {
  return option.values[0]!;
}

export function hex(n: number): string {
  return '0x' + (n >>> 0).toString(16);
}

/**
 * libxtables xtables_save_string: bare when the text is only [A-Za-z0-9_-] (and not empty), otherwise in
 * double quotes with `"`, `\` and `'` backslash-escaped.
 */
export function xtablesSaveString(value: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(value)) return value;
  return `"${value.replace(/["\\']/g, (c) => '\\' + c)}"`;
}

/** Removes one level of the double quotes a writer put around a word with spaces. */
export function unquoteWord(word: string): string {
  if (word.length >= 2 && word.startsWith('"') && word.endsWith('"')) {
    return word.slice(1, -1).replace(/\\(["\\])/g, '$1');
  }
  return word;
}

/**
 * The exact binary value of `x` in fixed notation with `digits` decimals, rounded half to even: what both
 * glibc printf("%.*f") and Go's fmt "%.*f" do (JavaScript's toFixed rounds ties away from zero instead).
 */
export function formatBinaryFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return String(x);
  const negative = x < 0 || Object.is(x, -0);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biased === 0) {
    exp = -1074;
  } else {
    mantissa |= 1n << 52n;
    exp = biased - 1075;
  }
  // value = mantissa * 2^exp; scaled = value * 10^digits.
  let scaled = mantissa * 10n ** BigInt(digits);
  if (exp >= 0) {
    scaled <<= BigInt(exp);
  } else {
    const shift = BigInt(-exp);
    const q = scaled >> shift;
    const r = scaled - (q << shift);
    const half = 1n << (shift - 1n);
    scaled = r > half || (r === half && (q & 1n) === 1n) ? q + 1n : q;
  }
  let text = scaled.toString().padStart(digits + 1, '0');
  if (digits > 0) text = `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return negative ? `-${text}` : text;
}
