import { describe, expect, it } from 'vitest';
import { fileLoadLimitOverride, LOAD_LIMIT_MS, loadTimeLimit } from './load-limit';

describe('load time limit', () => {
  it('gives typed text the base limit and an opened file 2 s per MiB more', () => {
    const mib = 'x'.repeat(1024 * 1024);
    expect(loadTimeLimit({ kind: 'load', text: mib.repeat(3) })).toBe(LOAD_LIMIT_MS);
    expect(loadTimeLimit({ kind: 'load', text: mib.repeat(3), origin: 'opened-file' })).toBe(
      LOAD_LIMIT_MS + 6_000,
    );
    expect(loadTimeLimit({ kind: 'load', text: 'small', origin: 'opened-file' })).toBe(LOAD_LIMIT_MS);
  });

  it('takes the test hook for opened files only, and only as a positive integer', () => {
    expect(fileLoadLimitOverride('?file-load-limit-ms=150')).toBe(150);
    for (const bad of [
      '',
      '?file-load-limit-ms=',
      '?file-load-limit-ms=0',
      '?file-load-limit-ms=1e3',
      '?x=1',
    ])
      expect(fileLoadLimitOverride(bad)).toBeNull();
    expect(loadTimeLimit({ kind: 'load', text: 'a', origin: 'opened-file' }, 150)).toBe(150);
    expect(loadTimeLimit({ kind: 'load', text: 'a' }, 150)).toBe(LOAD_LIMIT_MS);
  });
});
