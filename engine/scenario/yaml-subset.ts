// What the YAML fast path's readers share (yaml-fast-path.ts for block YAML, yaml-flow.ts for one-line flow
// collections): how they give up on text outside their subset, and how they read quoted scalars.

/** Thrown (and caught by the block reader) when the text leaves the subset the fast path takes. */
export class OutsideSubset extends Error {}
export const outside = (): never => {
  throw new OutsideSubset();
};

const DASH = 0x2d;
const SPACE = 0x20;
const COLON = 0x3a;

/** Whether a plain scalar's text starts with what YAML reads as an indicator, not as text. */
export function startsWithIndicator(text: string): boolean {
  if (text === '') return true;
  const c = text.charCodeAt(0);
  // YAML's indicator characters; `-`, `?` and `:` only when a space follows (otherwise plain text).
  if ('&*!|>%@`{}[],#\'"'.includes(text[0]!)) return true;
  if ((c === DASH || c === 0x3f || c === COLON) && (text.length === 1 || text.charCodeAt(1) === SPACE))
    return true;
  return false;
}

/**
 * Gives up on a one-line plain scalar `t[at, end)` that only the full parser should judge: one starting
 * with an indicator, or holding `: `, ` #` or a tab, or ending with `:`. Checked on the range, so the block
 * reader's check-only mode makes no string.
 */
export function checkPlainScalar(t: string, at: number, end: number): void {
  if (at === end) outside();
  const c = t.charCodeAt(at);
  if ('&*!|>%@`{}[],#\'"'.includes(t[at]!)) outside();
  if ((c === DASH || c === 0x3f || c === COLON) && (at + 1 === end || t.charCodeAt(at + 1) === SPACE))
    outside();
  if (t.charCodeAt(end - 1) === COLON) outside();
  for (let i = at; i < end; i++) {
    const d = t.charCodeAt(i);
    if (d === 0x09) outside();
    if (i + 1 < end) {
      const e = t.charCodeAt(i + 1);
      if ((d === COLON && e === SPACE) || (d === SPACE && e === 0x23)) outside();
    }
  }
}

/**
 * Whether the plain scalar `t[at, end)` may be other than a string, so its text must be resolved: a start
 * a number or `~` can have, or a short word (YAML 1.1's typed words have at most five letters).
 */
export function mayBeTypedRange(t: string, at: number, end: number): boolean {
  if (end - at <= 5) return true;
  const c = t.charCodeAt(at);
  return (c >= 0x30 && c <= 0x39) || c === 0x2b || c === DASH || c === 0x2e || c === 0x7e;
}

/** The offset just past the closing quote of the one-line quoted scalar at `at` (before `end`), or -1. */
export function quotedEnd(t: string, at: number, end: number): number {
  const q = t.charCodeAt(at);
  for (let i = at + 1; i < end; i++) {
    const c = t.charCodeAt(i);
    if (q === 0x22 && c === 0x5c) i++;
    else if (c === q) {
      if (q === 0x27 && t.charCodeAt(i + 1) === 0x27) i++;
      else return i + 1;
    }
  }
  return -1;
}

/** The value of the one-line quoted scalar from `at` to just past its closing quote `close`. */
export function quotedValue(t: string, at: number, close: number): string {
  const body = t.slice(at + 1, close - 1);
  if (t.charCodeAt(at) === 0x27) return body.includes("''") ? body.replaceAll("''", "'") : body;
  return body.includes('\\') ? unescapeDoubleQuoted(body) : body;
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};

/** One escape sequence: a hex escape with all its digits, else the one character after the backslash. */
const ESCAPE = /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[\s\S]?)/g;

/** An escape YAML has and JSON has not (JSON's are \" \\ \/ \b \f \n \r \t and \uXXXX). */
const YAML_ONLY_ESCAPE = /\\[^"\\/bfnrtu]/;

/**
 * A double-quoted scalar's escapes (YAML 1.2 §5.7), replaced in one pass: kubectl prints each
 * last-applied-configuration annotation as one such string, dense with `\"`.
 */
function unescapeDoubleQuoted(body: string): string {
  if (!YAML_ONLY_ESCAPE.test(body)) {
    // Only the escapes JSON has too, which mean the same there: the native JSON reader decodes them.
    try {
      return JSON.parse(`"${body}"`) as string;
    } catch {
      // a raw control character or a short \u escape: judged below
    }
  }
  return body.replace(ESCAPE, (_, e: string) => {
    if (e.length > 1) {
      const code = parseInt(e.slice(1), 16);
      return code > 0x10ffff ? outside() : String.fromCodePoint(code);
    }
    return ESCAPES[e] ?? outside(); // also a hex escape without all its digits, or a final backslash
  });
}

function hexDigits(t: string, at: number, count: number, end: number): boolean {
  if (at + count > end) return false;
  for (let i = at; i < at + count; i++) {
    const c = t.charCodeAt(i) | 0x20; // lower case for letters
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/**
 * Gives up where `unescapeDoubleQuoted` would on the body `t[at, end)`, without decoding it: a backslash
 * must start one of the escapes above, a hex escape must have all its digits and name a code point.
 */
export function checkDoubleQuoted(t: string, at: number, end: number): void {
  for (let i = at; i < end; i++) {
    if (t.charCodeAt(i) !== 0x5c) continue;
    if (i + 1 === end) outside();
    const e = t[i + 1]!;
    const digits = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (digits > 0 && hexDigits(t, i + 2, digits, end)) {
      if (digits === 8 && parseInt(t.slice(i + 2, i + 10), 16) > 0x10ffff) outside();
      i += 1 + digits;
    } else if (ESCAPES[e] === undefined) outside();
    else i++;
  }
}
