// Narration text: sentences (for the 30-word limit), `**bold**` kernel terms, and the plain text a screen
// reader or a word count sees. Written for students: one idea per sentence, the kernel's word in bold the
// first time it appears.

export interface Segment {
  readonly text: string;
  readonly bold: boolean;
}

/** `**term**` marks bold; everything else is plain text (never HTML). */
export function segments(text: string): Segment[] {
  const out: Segment[] = [];
  const re = /\*\*([^*]+)\*\*/g;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > at) out.push({ text: text.slice(at, m.index), bold: false });
    out.push({ text: m[1]!, bold: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), bold: false });
  return out;
}

export function plain(text: string): string {
  return text
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Sentences end at `.`, `!` or `?` followed by a space. Addresses (10.244.0.2), file names (resolv.conf)
 * and versions do not end a sentence: no space follows their dots. Lessons avoid abbreviations like "e.g.".
 */
export function sentences(text: string): string[] {
  return plain(text)
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function wordCount(sentence: string): number {
  return sentence.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export const MAX_SENTENCE_WORDS = 30;
