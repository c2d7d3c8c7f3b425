// An opened file reaches the worker as its bytes (protocol v8): loading them is loading their text.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRequestHandler } from '../request-handler';
import { decodeUtf8 } from './decode-utf8';

const DEFAULT_YAML = readFileSync(new URL('../../scenarios/default.yaml', import.meta.url), 'utf8');

describe('decodeUtf8', () => {
  it('joins chunks, finishing a character cut between two of them', () => {
    const bytes = new TextEncoder().encode('# Café\nkind: List\n');
    const cut = bytes.indexOf(0xc3) + 1;
    expect(decodeUtf8([bytes.slice(0, cut), bytes.slice(cut)])).toBe('# Café\nkind: List\n');
    expect(decodeUtf8([])).toBe('');
  });

  it('a load of the bytes answers as a load of the text', () => {
    const bytes = new TextEncoder().encode(DEFAULT_YAML);
    const chunks = [bytes.slice(0, 1000), bytes.slice(1000, 1001), bytes.slice(1001)];
    const asText = createRequestHandler().handle({ kind: 'load', text: DEFAULT_YAML, origin: 'opened-file' });
    const asBytes = createRequestHandler().handle({
      kind: 'load',
      text: '',
      utf8: chunks,
      file: 'default.yaml',
      origin: 'opened-file',
    });
    expect(asBytes.kind).toBe('loaded');
    expect(asBytes).toEqual(asText);
  });
});
