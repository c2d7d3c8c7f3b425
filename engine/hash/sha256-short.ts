// SHA-256 of a message that fits one 64-byte block (up to 55 bytes): the names kube-proxy hashes at every
// sync. It is sha256Ascii with the one-block limit kept, so callers and tests written against that limit
// keep their meaning; longer or non-ASCII text returns null so the caller can fall back.
import { sha256Ascii } from './sha256-ascii';

/** The digest of an ASCII string of at most 55 characters, or null (the buffer is reused per call). */
export function sha256ShortAscii(text: string): Uint8Array | null {
  return text.length > 55 ? null : sha256Ascii(text);
}
