// An opened file's bytes, as the app's reader hands them to the worker (engine/protocol.ts, `load`), back
// into text. The reader has already refused a file that is not UTF-8, so a bad sequence here is replaced
// rather than thrown.
export function decodeUtf8(chunks: readonly Uint8Array[]): string {
  const decoder = new TextDecoder('utf-8');
  // stream: a character cut between two chunks is finished by the next one.
  const parts = chunks.map((c) => decoder.decode(c, { stream: true }));
  parts.push(decoder.decode());
  return parts.join('');
}
