// Reads the scenario the user named: a file, a pipe, a device or standard input (`-`), counting bytes as
// they arrive. A stat size cannot bound the read (/dev/zero and /proc files say 0, a pipe has none), so
// the cap is checked on every chunk and reading stops the moment it is passed. A NUL byte ends it too: no
// YAML or JSON text contains one (YAML 1.2 §5.1 excludes C0 controls but tab, LF and CR), and it is what
// /dev/zero or a binary file gives first.
import { open, type FileHandle } from 'node:fs/promises';
import { OPENED_FILE_MAX_BYTES } from '../scenario/input-caps';

export class InputError extends Error {}

/** The default cap: a 150,000-pod `kubectl get -o yaml` dump fits with room to spare. */
export const DEFAULT_MAX_INPUT_BYTES = OPENED_FILE_MAX_BYTES;

const CHUNK = 1024 * 1024;

function sizeText(bytes: number): string {
  if (bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/**
 * Reads into one buffer that grows by doubling (sized from the stat size when there is one), so a 40 MB
 * dump is copied once, not gathered in chunks and copied again.
 */
async function readCounted(
  name: string,
  next: (buffer: Buffer, offset: number, length: number) => Promise<number>,
  maxBytes: number,
  sizeHint = 0,
): Promise<string> {
  let buffer = Buffer.allocUnsafe(Math.min(Math.max(sizeHint + 1, CHUNK), maxBytes + 1));
  let total = 0;
  for (;;) {
    if (total === buffer.length) {
      const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
      buffer.copy(grown, 0, 0, total);
      buffer = grown;
    }
    const n = await next(buffer, total, Math.min(CHUNK * 16, buffer.length - total));
    if (n === 0) break;
    const nul = buffer.subarray(total, total + n).indexOf(0);
    if (nul >= 0)
      throw new InputError(`${name}: a NUL byte at offset ${total + nul}: not a YAML or JSON text`);
    total += n;
    if (total > maxBytes)
      throw new InputError(
        `${name}: more than ${sizeText(maxBytes)}, the input cap; stopped reading (raise it with --max-bytes)`,
      );
  }
  return buffer.toString('utf8', 0, total);
}

async function readStdin(maxBytes: number): Promise<string> {
  const iterator = process.stdin[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  let pending: Buffer | null = null;
  return readCounted(
    'standard input',
    async (buffer, offset, length) => {
      if (pending === null) {
        const r = await iterator.next();
        if (r.done) return 0;
        pending = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
      }
      const n = pending.copy(buffer, offset, 0, length);
      pending = n < pending.length ? pending.subarray(n) : null;
      return n;
    },
    maxBytes,
  );
}

function describeOpenError(file: string, e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT':
      return `${file}: no such file`;
    case 'EACCES':
    case 'EPERM':
      return `${file}: permission denied`;
    case 'EISDIR':
      return `${file}: is a directory, not a scenario file`;
    default:
      return `${file}: cannot open (${e.code ?? e.message})`;
  }
}

/** The text of FILE (`-` is standard input), at most `maxBytes` bytes of it. */
export async function readInput(file: string, maxBytes = DEFAULT_MAX_INPUT_BYTES): Promise<string> {
  if (file === '-') return readStdin(maxBytes);
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (e) {
    throw new InputError(describeOpenError(file, e as NodeJS.ErrnoException));
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new InputError(`${file}: is a directory, not a scenario file`);
    // A regular file whose stat size is already past the cap is refused before reading a byte.
    if (stat.isFile() && stat.size > maxBytes)
      throw new InputError(
        `${file}: ${stat.size} bytes, more than ${sizeText(maxBytes)}, the input cap (raise it with --max-bytes)`,
      );
    return await readCounted(
      file,
      async (buffer, offset, length) => (await handle.read(buffer, offset, length, null)).bytesRead,
      maxBytes,
      stat.isFile() ? stat.size : 0,
    );
  } catch (e) {
    if (e instanceof InputError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new InputError(`${file}: cannot read (${err.code ?? err.message})`);
  } finally {
    await handle.close();
  }
}
