// How long the engine's worker may spend loading one scenario before the app stops it and keeps the
// previous one (issue 14 item 4). Typed, pasted and shared text is small (2 MiB at most), so 10 s is
// plenty on a slow machine; an opened file gets 2 s per MiB on top, since a real dump legitimately takes
// seconds to read (a 13 MB one took 10 s on the 2-core dev machine under load, December 2026). A file of
// a few KB that asks for enormous work (issue 14's 49 KB amplification file) gets hardly more than the
// 10 s. The user can cancel sooner either way (open-file/LoadProgress.tsx).
import type { LoadRequest } from './restarting-engine';

export const LOAD_LIMIT_MS = 10_000;
export const OPENED_FILE_MS_PER_MIB = 2_000;

/** `fileLimitMs`: replaces the limit for opened files (the `?file-load-limit-ms=` test hook). */
export function loadTimeLimit(request: LoadRequest, fileLimitMs: number | null = null): number {
  if (request.origin !== 'opened-file') return LOAD_LIMIT_MS;
  if (fileLimitMs !== null) return fileLimitMs;
  // Characters stand in for bytes when only text is sent: YAML is almost all ASCII, and this needs no
  // second pass over the text.
  const size = request.utf8
    ? request.utf8.reduce((sum, chunk) => sum + chunk.byteLength, 0)
    : request.text.length;
  const mib = size / (1024 * 1024);
  return LOAD_LIMIT_MS + Math.round(mib * OPENED_FILE_MS_PER_MIB);
}

/**
 * `?file-load-limit-ms=N` sets the limit for loads of opened files: the e2e suite stops a load with it
 * without needing a file slow enough to hit the real limit (e2e/open-file.spec.ts). Typed text and the
 * scenario the page opens with keep their limit. Null when absent or not a positive integer.
 */
export function fileLoadLimitOverride(search: string): number | null {
  const value = new URLSearchParams(search).get('file-load-limit-ms');
  if (value === null || !/^[1-9]\d{0,6}$/.test(value)) return null;
  return Number(value);
}
