// Opening a scenario file: read it (bounded, read-file.ts), then hand its text to the store as an opened
// file, which the session loads in the worker with the opened-file cap. A file that cannot be opened
// leaves everything as it was and says why in the notice.
import type { PodpathStore } from '../store/store';
import { openScenario, patchView } from '../store/store';
import { readScenarioFile, type ScenarioFile } from './read-file';

export async function openScenarioFile(store: PodpathStore, file: ScenarioFile): Promise<boolean> {
  const read = await readScenarioFile(file);
  if (!read.ok) {
    patchView(store, { notice: read.message });
    return false;
  }
  patchView(store, { notice: null });
  openScenario(store, read.text, { name: file.name, bytes: read.bytes, utf8: read.utf8 });
  return true;
}

/** The one file of a drop or a file input; null (with a notice) for none or several. */
export function singleFile(store: PodpathStore, files: FileList | null): File | null {
  if (!files || files.length === 0) return null;
  if (files.length > 1) {
    patchView(store, { notice: `Podpath opens one file at a time; ${files.length} were dropped.` });
    return null;
  }
  return files[0]!;
}
