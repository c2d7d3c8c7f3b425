// Reading a scenario file the user opened, bounded: the File's size is checked before a byte is read, and
// the bytes are counted again as they stream in (a file can grow between choosing and reading it), so no
// file makes the page read past the opened-file cap. Decoding happens chunk by chunk, each a short task,
// so a large file never holds the main thread; the text is then handed to the engine's worker whole.
import { OPENED_FILE_MAX_BYTES } from '../../engine';
import { capText, sizeText } from '../file-size';

export type ReadOutcome =
  | { readonly ok: true; readonly text: string; readonly bytes: number }
  | { readonly ok: false; readonly message: string };

/** The part of a File the reader needs (a Blob with a name), so tests pass a plain File or Blob. */
export interface ScenarioFile {
  readonly name: string;
  readonly size: number;
  stream(): ReadableStream<Uint8Array>;
}

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
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > cap) {
        await reader.cancel();
        return tooBig(file.name, cap);
      }
      parts.push(decoder.decode(value, { stream: true }));
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
  return { ok: true, text: parts.join(''), bytes };
}
