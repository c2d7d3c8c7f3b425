// One-line flow collections for the YAML fast path: `{apiVersion: v1, kind: Service, spec: {ports: [{port:
// 80}]}}`, the shape a `kind: List` written by hand or by a generator often takes (Podpath's own generated
// clusters are written so). The full parser took about 0.1 ms per such line, most of it building nodes with
// positions that only a diagnostic ever needs; the fast path places those on demand (yaml-locator.ts).
//
// The subset: mappings of plain or quoted keys, each followed by `: ` and a value; lists of values; values
// are nested collections, one-line quoted scalars, or plain scalars read as the lexer of the yaml library
// reads them in flow context (ending at `,[]{}`, at a `:` before a space or one of those, and at the end
// of the line). Anything else — a collection over several lines, a comment inside, an empty entry or a
// trailing comma, a key without a value, a `key: value` inside a list, a typed or repeated key, anchors,
// aliases, tags, tabs — gives up, and the full parser reads the file.
import { MAX_DEPTH } from './limits';
import { outside, quotedEnd, quotedValue, startsWithIndicator } from './yaml-subset';
import { resolvePlain } from './yaml-schema';

const SPACE = 0x20;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_MAP = 0x7b;
const CLOSE_MAP = 0x7d;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === OPEN_MAP || c === CLOSE_MAP || c === OPEN_LIST || c === CLOSE_LIST;
}

class FlowReader {
  /** The next character to read. */
  pos: number;

  constructor(
    private readonly t: string,
    at: number,
    /** The end of the line: a collection not closed before it is left to the full parser. */
    private readonly end: number,
  ) {
    this.pos = at;
  }

  private skipSpaces(): number {
    const t = this.t;
    let i = this.pos;
    while (i < this.end && t.charCodeAt(i) === SPACE) i++;
    this.pos = i;
    return i < this.end ? t.charCodeAt(i) : -1;
  }

  /** A scalar (its text when plain, with `quoted` telling which) starting at `pos`. */
  private scalar(): { text: string; quoted: boolean } {
    const t = this.t;
    const at = this.pos;
    const c = t.charCodeAt(at);
    if (c === 0x22 || c === 0x27) {
      const close = quotedEnd(t, at, this.end);
      if (close < 0) outside(); // over several lines
      this.pos = close;
      return { text: quotedValue(t, at, close), quoted: true };
    }
    let i = at;
    let last = at; // just past the last character that is not a space
    for (; i < this.end; i++) {
      const ch = t.charCodeAt(i);
      if (ch === COLON) {
        const next = i + 1 < this.end ? t.charCodeAt(i + 1) : SPACE;
        if (next === SPACE || isFlowIndicator(next)) break;
      } else if (ch === SPACE) {
        if (t.charCodeAt(i + 1) === 0x23) outside(); // a comment inside the collection
        continue;
      } else if (isFlowIndicator(ch)) break;
      else if (ch === 0x09) outside();
      last = i + 1;
    }
    const text = t.slice(at, last);
    if (startsWithIndicator(text)) outside(); // also an empty entry
    this.pos = last;
    return { text, quoted: false };
  }

  /** A value: a nested collection or a scalar, at `depth`. */
  value(depth: number): unknown {
    const c = this.skipSpaces();
    if (c === OPEN_MAP) return this.map(depth);
    if (c === OPEN_LIST) return this.list(depth);
    const { text, quoted } = this.scalar();
    if (quoted) return text;
    const value = resolvePlain(text);
    return value === undefined ? outside() : value;
  }

  /** After an entry: `,` and another entry, or the closing bracket. True when the collection goes on. */
  private more(close: number): boolean {
    const c = this.skipSpaces();
    if (c === close) {
      this.pos++;
      return false;
    }
    if (c !== COMMA) outside();
    this.pos++;
    const n = this.skipSpaces();
    if (n === close || n === COMMA) outside(); // a trailing comma or an empty entry
    return true;
  }

  private map(depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) outside();
    this.pos++;
    const out: Record<string, unknown> = {};
    if (this.skipSpaces() === CLOSE_MAP) {
      this.pos++;
      return out;
    }
    const t = this.t;
    do {
      this.skipSpaces();
      const { text, quoted } = this.scalar();
      // A key YAML 1.1 reads as other than its text (`1`, `yes`, `~`): left to the full parser.
      if (!quoted && (text === '<<' || resolvePlain(text) !== text)) outside();
      if (text === '__proto__' || Object.prototype.hasOwnProperty.call(out, text)) outside();
      if (t.charCodeAt(this.pos) !== COLON || t.charCodeAt(this.pos + 1) !== SPACE) outside();
      this.pos += 2;
      const next = this.skipSpaces();
      if (next === COMMA || next === CLOSE_MAP || next < 0) outside(); // a key without a value
      out[text] = this.value(depth + 1);
    } while (this.more(CLOSE_MAP));
    return out;
  }

  private list(depth: number): unknown[] {
    if (depth > MAX_DEPTH) outside();
    this.pos++;
    const out: unknown[] = [];
    if (this.skipSpaces() === CLOSE_LIST) {
      this.pos++;
      return out;
    }
    do {
      out.push(this.value(depth + 1));
      // `[a: 1]` is a list holding a one-pair mapping: left to the full parser.
      if (this.t.charCodeAt(this.pos) === COLON) outside();
    } while (this.more(CLOSE_LIST));
    return out;
  }
}

/**
 * The flow collection whose `{` or `[` is at `at`, closed before `end` (the end of its line), nested at
 * `depth` as the block reader counts; its value and the offset just past its closing bracket.
 */
export function readFlowCollection(
  text: string,
  at: number,
  end: number,
  depth: number,
): { value: unknown; next: number } {
  const reader = new FlowReader(text, at, end);
  const value = reader.value(depth);
  return { value, next: reader.pos };
}
