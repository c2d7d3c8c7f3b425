import { describe, expect, it } from 'vitest';
import {
  AUTOSAVE_KEY,
  AUTOSAVE_MAX_CHARS,
  readAutosave,
  writeAutosave,
  type KeyValueStore,
} from './autosave';

function memory(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('autosave', () => {
  it('reads back what it wrote', () => {
    const s = memory();
    writeAutosave(s, { scenario: 'kind: Node', flow: { from: 'pod/a/b', to: 'svc/a/c:80' }, seed: 3 });
    expect(readAutosave(s)).toEqual({
      schema: 1,
      scenario: 'kind: Node',
      flow: { from: 'pod/a/b', to: 'svc/a/c:80' },
      seed: 3,
    });
  });

  it('ignores records of another schema and garbage', () => {
    const s = memory();
    s.setItem(
      AUTOSAVE_KEY,
      JSON.stringify({ schema: 2, scenario: 'x', flow: { from: 'a', to: 'b' }, seed: 1 }),
    );
    expect(readAutosave(s)).toBeNull();
    s.setItem(AUTOSAVE_KEY, '{not json');
    expect(readAutosave(s)).toBeNull();
    expect(readAutosave(undefined)).toBeNull();
  });

  it('keeps the previous record rather than save an opened file too big for storage', () => {
    const s = memory();
    const flow = { from: 'pod/a/b', to: 'svc/a/c:80' };
    writeAutosave(s, { scenario: 'kind: Node', flow, seed: 3 });
    writeAutosave(s, { scenario: '#'.repeat(AUTOSAVE_MAX_CHARS + 1), flow, seed: 4 });
    expect(readAutosave(s)?.seed).toBe(3);
    writeAutosave(s, { scenario: '#'.repeat(AUTOSAVE_MAX_CHARS), flow, seed: 5 });
    expect(readAutosave(s)?.seed).toBe(5);
  });
});
