// The first Flow object of a scenario file, read as YAML (not guessed from text), so opening a scenario
// from the library plays one of its own ready flows.
import { parseAllDocuments } from 'yaml';
import type { SharedFlow } from '../../engine';

export function firstFlow(text: string): SharedFlow | null {
  try {
    for (const doc of parseAllDocuments(text)) {
      if (!('toJS' in doc)) continue;
      const v = doc.toJS() as {
        kind?: unknown;
        spec?: { from?: unknown; to?: unknown; protocol?: unknown };
      } | null;
      if (v?.kind !== 'Flow' || typeof v.spec?.from !== 'string' || typeof v.spec.to !== 'string') continue;
      const protocol = v.spec.protocol === 'UDP' ? 'UDP' : v.spec.protocol === 'TCP' ? 'TCP' : undefined;
      return { from: v.spec.from, to: v.spec.to, ...(protocol && { protocol }) };
    }
  } catch {
    // A scenario that does not parse opens with the current flow; the editor shows its errors.
  }
  return null;
}
