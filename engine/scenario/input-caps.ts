// How much scenario text each way in may bring, in one place for the CLI, the worker and the app. Text the
// user opens from their own disk (the CLI's FILE, the app's open-file button and drag-and-drop) is trusted
// as far as its size goes: a 150,000-pod `kubectl get -o yaml` dump fits. Text that arrives from elsewhere
// (a share link, pasted or typed into the editor) keeps the small cap; share links have their own, tighter
// caps on the link itself (share/link-codec.ts). Work is bounded by the cost budgets either way.
import { MAX_TEXT_BYTES } from './limits';

/** Where a scenario's text came from. */
export type InputOrigin = 'opened-file' | 'editor';

/** The cap on a file the user opened (CLI default; `--max-bytes` changes it there). */
export const OPENED_FILE_MAX_BYTES = 256 * 1024 * 1024;

export function inputCapBytes(origin: InputOrigin): number {
  return origin === 'opened-file' ? OPENED_FILE_MAX_BYTES : MAX_TEXT_BYTES;
}
