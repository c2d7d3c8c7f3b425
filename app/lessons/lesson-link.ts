// Lesson links. A built-in lesson travels by name: `#lesson/<id>` or `#lesson/<id>/<step>`. A lesson written
// in the editor travels whole: `#draft/v1:` + base64url(deflate-raw(JSON)) + `/<step>`. A draft link is
// untrusted input: size-capped before and after inflating, parsed as JSON only, and checked field by
// field against the lesson schema (no field is used before it passed).
import { fromBase64Url, pipeBytes, toBase64Url } from '../../engine';
import type { Lesson } from './lesson';
import { checkLessonValue } from './schema';

const DRAFT_PREFIX = '#draft/v1:';
const MAX_LINK_CHARS = 96 * 1024;
const MAX_JSON_BYTES = 512 * 1024;

export type LessonRoute =
  | { readonly kind: 'lesson'; readonly id: string; readonly step: number }
  | { readonly kind: 'draft'; readonly body: string; readonly step: number };

/** `#lesson/vxlan/3` → lesson vxlan at step index 2. Null for any other fragment. */
export function parseLessonRoute(fragment: string): LessonRoute | null {
  const named = /^#lesson\/([a-z0-9][a-z0-9-]*)(?:\/(\d{1,3}))?\/?$/.exec(fragment);
  if (named) return { kind: 'lesson', id: named[1]!, step: Math.max(0, Number(named[2] ?? 1) - 1) };
  if (fragment.startsWith(DRAFT_PREFIX)) {
    const [body = '', step] = fragment.slice(DRAFT_PREFIX.length).split('/');
    return { kind: 'draft', body, step: /^\d{1,3}$/.test(step ?? '') ? Math.max(0, Number(step) - 1) : 0 };
  }
  return null;
}

export async function encodeLessonLink(lesson: Lesson, step = 0): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(lesson));
  const packed = await pipeBytes(json, new CompressionStream('deflate-raw'), Number.POSITIVE_INFINITY);
  if (packed === 'too-big') throw new Error('unreachable: compression has no output limit');
  return `${DRAFT_PREFIX}${toBase64Url(packed)}/${step + 1}`;
}

export type DecodedLesson =
  { readonly ok: true; readonly lesson: Lesson } | { readonly ok: false; readonly message: string };

const DAMAGED = 'This lesson link is damaged or incomplete, so Podpath could not open the lesson.';

export async function decodeLessonLink(body: string): Promise<DecodedLesson> {
  if (body.length > MAX_LINK_CHARS)
    return { ok: false, message: 'This lesson link is too large to open safely.' };
  const packed = fromBase64Url(body);
  if (!packed || packed.length === 0) return { ok: false, message: DAMAGED };
  let json: Uint8Array | 'too-big';
  try {
    json = await pipeBytes(packed, new DecompressionStream('deflate-raw'), MAX_JSON_BYTES);
  } catch {
    return { ok: false, message: DAMAGED };
  }
  if (json === 'too-big') return { ok: false, message: 'This lesson link is too large to open safely.' };
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    return { ok: false, message: DAMAGED };
  }
  const { lesson, problems } = checkLessonValue(value);
  if (!lesson) {
    const first = problems[0];
    const where = first ? ` (${first.path.join('.') || 'the lesson'}: ${first.message})` : '';
    return { ok: false, message: `This lesson link does not hold a valid lesson${where}.` };
  }
  return { ok: true, lesson };
}
