// Which opened files the editor shows as text. The editor is a textarea with a line-number gutter of one
// element per line; past about a megabyte (30,000 lines) rendering it holds the main thread for longer
// than the 100 ms the app allows itself, and past the editor's own 2 MiB cap (engine/scenario/limits.ts)
// an edit could not be loaded anyway. A bigger file is loaded and drawn but not put in the editor: the
// panel names it and says to edit it in the user's own editor. Only opened files can be that big; typed,
// pasted and shared text is capped below this.
import type { OpenedFile } from '../store/state';

export const EDITABLE_MAX_BYTES = 1024 * 1024;

export function tooBigToEdit(opened: OpenedFile | null): boolean {
  return opened !== null && opened.bytes > EDITABLE_MAX_BYTES;
}
