import { describe, expect, it } from 'vitest';
import { AUTOSAVE_KEY, readAutosave, writeAutosave, type KeyValueStore } from './autosave';

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
});
