// Diagnostics collected while reading a scenario. Every problem carries the place the user has to edit
// (file, 1-based line and column of the offending field, the `---` document and the field path), the way
// a compiler does, so the CLI, the editor panel and tests all show the same thing.
import type { Diagnostic } from '../model/scenario';

/** Where a diagnostic points. `document: -1` means the file as a whole (e.g. it is too large). */
export interface Place {
  readonly document: number;
  readonly line: number;
  readonly column: number;
  readonly field: string;
}

export const WHOLE_FILE: Place = { document: -1, line: 0, column: 0, field: '' };

/** Past this many, further diagnostics are counted, not kept: a broken 2 MiB file can yield millions. */
export const MAX_DIAGNOSTICS = 200;

export class Diagnostics {
  readonly list: Diagnostic[] = [];
  private errorCount = 0;
  private dropped = 0;

  constructor(readonly file: string) {}

  private add(d: Diagnostic): void {
    if (this.list.length < MAX_DIAGNOSTICS) this.list.push(d);
    else if (this.dropped++ === 0) {
      this.list.push({
        severity: 'error',
        message: `too many problems; only the first ${MAX_DIAGNOSTICS} are shown`,
        file: this.file,
        ...WHOLE_FILE,
      });
    }
  }

  error(place: Place, message: string): void {
    this.errorCount++;
    this.add({ severity: 'error', message, file: this.file, ...place });
  }

  warning(place: Place, message: string): void {
    this.add({ severity: 'warning', message, file: this.file, ...place });
  }

  get hasErrors(): boolean {
    return this.errorCount > 0;
  }

  get warnings(): Diagnostic[] {
    return this.list.filter((d) => d.severity === 'warning');
  }
}

/**
 * `FILE:LINE:COLUMN: error: MESSAGE (document N, field PATH)`, the shape compilers and editors link to.
 * Documents are shown 1-based (the first `---` document is "document 1"); `Diagnostic.document` itself
 * stays 0-based like `SourceRef.document`.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  const context: string[] = [];
  if (d.document >= 0) context.push(`document ${d.document + 1}`);
  if (d.field !== '') context.push(`field ${d.field}`);
  const suffix = context.length > 0 ? ` (${context.join(', ')})` : '';
  return `${where}: ${d.severity}: ${d.message}${suffix}`;
}
