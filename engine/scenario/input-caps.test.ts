// A file the user opened is read up to the large cap; the same text typed or pasted keeps the small one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRequestHandler } from '../request-handler';
import { MAX_TEXT_BYTES } from './limits';

const scenario = readFileSync(new URL('../../scenarios/default.yaml', import.meta.url), 'utf8');
// 3 MiB: past the editor's 2 MiB cap, far below the opened file's.
const big = `# ${'x'.repeat(3 * 1024 * 1024)}\n${scenario}`;

describe('input caps by origin', () => {
  it('loads a 3 MiB file the user opened', () => {
    const reply = createRequestHandler().handle({ kind: 'load', text: big, origin: 'opened-file' });
    expect(reply).toMatchObject({ kind: 'loaded', summary: expect.anything() as unknown });
  });

  it('refuses the same text from the editor with the size in the message', () => {
    const reply = createRequestHandler().handle({ kind: 'load', text: big });
    expect(reply.kind).toBe('loaded');
    if (reply.kind !== 'loaded') return;
    expect(reply.summary).toBeNull();
    expect(reply.diagnostics[0]?.message).toBe(
      `scenario file is larger than ${MAX_TEXT_BYTES / 1024 / 1024} MiB`,
    );
  });
});
