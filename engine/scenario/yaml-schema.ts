// How a scenario's YAML is read, in one place for the full parser and the fast path: YAML 1.1 rules, as
// go-yaml (behind kubectl and sigs.k8s.io/yaml) reads manifests: `yes` is a boolean, `010` is octal.
// Timestamps stay strings, as go-yaml leaves them when decoding to interface{}.
import { Schema, type DocumentOptions, type ParseOptions, type ScalarTag, type SchemaOptions } from 'yaml';

export const COMPOSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'yaml-1.1',
  customTags: (tags) =>
    tags.filter((t) => !(typeof t === 'object' && t.tag === 'tag:yaml.org,2002:timestamp')),
  uniqueKeys: false, // checked after composing, in linear time (the library's own check is quadratic)
  merge: false,
  strict: true,
};

const schema = new Schema(COMPOSE_OPTIONS);
/** The schema's scalar tags that a plain scalar may resolve to, in the order the library tries them. */
const PLAIN_TAGS = schema.tags.filter(
  (t): t is ScalarTag & { test: RegExp } => t.default === true && 'test' in t && t.test instanceof RegExp,
);

/** The only words the YAML 1.1 schema reads as booleans or null (the tags' own patterns, spelled out). */
const TYPED_WORDS = new Set(
  'y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL'.split(
    ' ',
  ),
);

/** Whether a plain scalar may be other than a string: a typed word, or a start a number or `~` can have. */
function mayBeTyped(text: string): boolean {
  if (text === '') return true;
  const c = text.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e || c === 0x7e) return true;
  return text.length <= 5 && TYPED_WORDS.has(text);
}

/**
 * The value of a plain (unquoted) scalar, exactly as the full parser resolves it: the same schema's tests
 * in the same order. Returns `undefined` for a scalar the fast path must not decide (a tag that reports an
 * error, or a value that is not a number, boolean, null or string).
 */
export function resolvePlain(text: string): string | number | boolean | null | undefined {
  if (!mayBeTyped(text)) return text;
  for (const tag of PLAIN_TAGS) {
    if (!tag.test.test(text)) continue;
    let failed = false;
    const resolved: unknown = tag.resolve(text, () => (failed = true), {});
    if (failed) return undefined;
    const value =
      resolved !== null && typeof resolved === 'object' && 'value' in resolved ? resolved.value : resolved;
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value))
      return value as string | number | boolean | null;
    return undefined;
  }
  return text;
}
