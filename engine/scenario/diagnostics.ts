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

/**
 * Past this many of one severity, further diagnostics are counted, not kept: a broken 2 MiB file can yield
 * millions. Warnings never refuse a file: a dump of 3,000 ConfigMaps is valid however many are ignored.
 */
export const MAX_DIAGNOSTICS = 200;

/** 3412 → "3,412", without depending on the runtime's locale data. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

interface Overflow {
  count: number;
  /** Where the first one that was not kept points: the summary is located there. */
  place: Place;
}

export class Diagnostics {
  private readonly kept: Diagnostic[] = [];
  private errorCount = 0;
  private warningCount = 0;
  private readonly overflow: { error: Overflow | null; warning: Overflow | null } = {
    error: null,
    warning: null,
  };

  constructor(readonly file: string) {}

  private add(severity: Diagnostic['severity'], count: number, place: Place, message: string): void {
    if (count <= MAX_DIAGNOSTICS) {
      // Field by field: a place found on demand (JSON, the YAML fast path) is read here, in one key order.
      const { document, line, column, field } = place;
      this.kept.push({ severity, message, file: this.file, document, line, column, field });
      return;
    }
    const overflow = this.overflow[severity];
    if (overflow === null) this.overflow[severity] = { count: 1, place };
    else overflow.count++;
  }

  error(place: Place, message: string): void {
    this.add('error', ++this.errorCount, place, message);
  }

  warning(place: Place, message: string): void {
    this.add('warning', ++this.warningCount, place, message);
  }

  /** Every kept diagnostic, then one summary per severity that overflowed, at the same severity. */
  get list(): Diagnostic[] {
    const out = [...this.kept];
    for (const severity of ['error', 'warning'] as const) {
      const o = this.overflow[severity];
      if (o === null) continue;
      out.push({
        severity,
        message: `… and ${thousands(o.count)} more ${severity}${o.count === 1 ? '' : 's'} like these (only the first ${MAX_DIAGNOSTICS} are shown)`,
        file: this.file,
        // Field by field: a place found on demand has its line and column as getters.
        document: o.place.document,
        line: o.place.line,
        column: o.place.column,
        field: o.place.field,
      });
    }
    return out;
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
