// The house rule "no non-test source file over 500 lines", checked: every script, component and stylesheet
// under the project's source folders (tests and test helpers left out, as eslint/layers.js leaves them out).
// A file that grows past the limit is split by concern, the way app/styles.css became app/styles/*.css.
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAX_LINES = 500;
const SOURCE_DIRS = ['engine', 'app', 'e2e', 'scripts', 'eslint', 'bin'];
const SOURCE_FILE = /\.(ts|tsx|js|mjs|cjs|css|html)$/;
const TEST_FILE = /\.(test|spec)\.tsx?$|(^|\/)testing\//;
const NOT_SOURCE = new Set(['node_modules', 'dist', 'test-results', 'playwright-report']);

/** Lines as `wc -l` counts them, plus a last line without its newline. */
function lineCount(text: string): number {
  if (text === '') return 0;
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}

/** Paths (relative to `root`, with `/`) of the non-test source files under `dirs`. */
function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (NOT_SOURCE.has(entry.name)) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const rel = relative(root, full).split('\\').join('/');
        if (SOURCE_FILE.test(rel) && !TEST_FILE.test(rel)) out.push(rel);
      }
    }
  };
  for (const dir of dirs) {
    try {
      walk(join(root, dir));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  // The top-level configuration files are source too (vite.config.ts, eslint.config.js, index.html, …).
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (entry.isFile() && SOURCE_FILE.test(entry.name)) out.push(entry.name);
  }
  return out.sort();
}

/** `path: N lines` for each source file over the limit. */
function oversized(root: string, dirs: readonly string[]): string[] {
  return sourceFiles(root, dirs)
    .map((rel) => ({ rel, lines: lineCount(readFileSync(join(root, rel), 'utf8')) }))
    .filter((f) => f.lines > MAX_LINES)
    .map((f) => `${f.rel}: ${f.lines} lines`);
}

describe('source file size', () => {
  it(`no non-test source file is over ${MAX_LINES} lines`, () => {
    expect(oversized(ROOT, SOURCE_DIRS)).toEqual([]);
  });

  it('checks the stylesheets, components and scripts it should', () => {
    const files = sourceFiles(ROOT, SOURCE_DIRS);
    expect(files).toContain('app/styles/stage.css');
    expect(files).toContain('app/App.tsx');
    expect(files).toContain('engine/datapath/datapath.ts');
    expect(files).toContain('vite.config.ts');
    expect(files.some((f) => f.endsWith('.test.ts') || f.includes('/testing/'))).toBe(false);
  });

  const lab = mkdtempSync(join(tmpdir(), 'podpath-file-size-'));
  afterAll(() => rmSync(lab, { recursive: true, force: true }));

  it('names a planted long stylesheet and leaves a long test alone', () => {
    mkdirSync(join(lab, 'app', 'styles'), { recursive: true });
    writeFileSync(join(lab, 'app', 'styles', 'long.css'), '.a {}\n'.repeat(MAX_LINES + 1));
    writeFileSync(join(lab, 'app', 'just-fits.ts'), 'x;\n'.repeat(MAX_LINES - 1) + 'x;');
    writeFileSync(join(lab, 'app', 'long.test.ts'), 'x;\n'.repeat(MAX_LINES * 2));
    expect(oversized(lab, ['app'])).toEqual([`app/styles/long.css: ${MAX_LINES + 1} lines`]);
  });
});
