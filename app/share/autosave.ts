// Work in progress survives a reload. The record carries a schema number: a record this app does not
// know (older shape, newer app, hand-edited) is ignored rather than half-read.
import { MAX_TEXT_BYTES, type SharedFlow } from '../../engine';

export const AUTOSAVE_KEY = 'podpath.autosave';
export const AUTOSAVE_SCHEMA = 1;
/**
 * As much as the editor takes (engine/scenario/limits.ts). Larger scenarios (only an opened file can be)
 * are not saved: localStorage holds a few MB per site and serialising tens of MB would hold the main
 * thread. The previous record stays; the file is on the user's disk.
 */
export const AUTOSAVE_MAX_CHARS = MAX_TEXT_BYTES;

export interface AutosaveRecord {
  readonly schema: typeof AUTOSAVE_SCHEMA;
  readonly scenario: string;
  readonly flow: SharedFlow;
  readonly seed: number;
}

/** The part of Storage autosave uses, so tests pass a Map-backed fake. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function readAutosave(storage: KeyValueStore | undefined): AutosaveRecord | null {
  try {
    const text = storage?.getItem(AUTOSAVE_KEY);
    if (!text) return null;
    const r = JSON.parse(text) as Partial<AutosaveRecord>;
    if (r.schema !== AUTOSAVE_SCHEMA || typeof r.scenario !== 'string' || typeof r.seed !== 'number')
      return null;
    if (typeof r.flow?.from !== 'string' || typeof r.flow.to !== 'string') return null;
    return { schema: AUTOSAVE_SCHEMA, scenario: r.scenario, flow: r.flow, seed: r.seed };
  } catch {
    return null;
  }
}

export function writeAutosave(
  storage: KeyValueStore | undefined,
  record: Omit<AutosaveRecord, 'schema'>,
): void {
  if (record.scenario.length > AUTOSAVE_MAX_CHARS) return;
  try {
    storage?.setItem(AUTOSAVE_KEY, JSON.stringify({ schema: AUTOSAVE_SCHEMA, ...record }));
  } catch {
    // Private mode or a full quota: autosave is a convenience, never a reason to fail.
  }
}
