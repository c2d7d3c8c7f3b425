// Reading a scenario file the user opened, bounded: the File's size is checked before a byte is read, and
// the bytes are counted again as they stream in (a file can grow between choosing and reading it), so no
// file makes the page read past the opened-file cap. Decoding happens chunk by chunk, and the reader gives
// the event loop back every few milliseconds: a stream whose chunks are already buffered resolves each read
// as a microtask, so without that the whole file would decode in one task (≈250 ms for 5 MB on a loaded
// two-core machine). The text is then handed to the engine's worker whole.
import { OPENED_FILE_MAX_BYTES } from '../../engine';
import { capText, sizeText } from '../file-size';

export type ReadOutcome =
  | {
      readonly ok: true;
      readonly text: string;
      readonly bytes: number;
      /** The bytes as read, in the stream's chunks (sent to the worker in place of the text). */
      readonly utf8: readonly Uint8Array[];
    }
  | { readonly ok: false; readonly message: string };

/** The part of a File the reader needs (a Blob with a name), so tests pass a plain File or Blob. */
export interface ScenarioFile {
  readonly name: string;
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
}

/** How long the reader decodes before it lets the page paint and handle input (well under 100 ms). */
const SLICE_MS = 8;
/** Chrome hands a file's stream over in chunks of a megabyte or more: decoded in pieces of this size. */
const PIECE_BYTES = 128 * 1024;

/** A macrotask boundary: microtasks (a buffered stream's reads) never let the browser in between. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function tooBig(name: string, cap: number, size?: number): ReadOutcome {
  const is = size === undefined ? 'is larger than' : `is ${sizeText(size)}, more than`;
  return {
    ok: false,
    message: `${name} ${is} the ${capText(cap)} Podpath opens, so it was not opened; the scenario you had is still loaded.`,
  };
}

export async function readScenarioFile(
  file: ScenarioFile,
  cap: number = OPENED_FILE_MAX_BYTES,
): Promise<ReadOutcome> {
  if (file.size > cap) return tooBig(file.name, cap, file.size);
  const reader = file.stream().getReader();
  // fatal: a binary file (an image dropped by mistake) is refused by name rather than read as mojibake.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parts: string[] = [];
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let sliceStart = performance.now();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > cap) {
        await reader.cancel();
        return tooBig(file.name, cap);
      }
      chunks.push(value);
      for (let at = 0; at < value.byteLength; at += PIECE_BYTES) {
        if (performance.now() - sliceStart > SLICE_MS) {
          await nextTask();
          sliceStart = performance.now();
        }
        // stream: a UTF-8 sequence cut between two pieces is finished by the next one.
        parts.push(decoder.decode(value.subarray(at, at + PIECE_BYTES), { stream: true }));
      }
    }
    parts.push(decoder.decode());
  } catch (e) {
    const why =
      e instanceof TypeError
        ? 'it is not UTF-8 text'
        : `the browser could not read it (${e instanceof Error ? e.message : String(e)})`;
    return {
      ok: false,
      message: `${file.name} was not opened: ${why}. The scenario you had is still loaded.`,
    };
  }
  return { ok: true, text: parts.join(''), bytes, utf8: chunks };
}
