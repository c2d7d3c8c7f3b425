// The engine's refusal of a flow reaches the page through the protocol and is shown by the hop status in
// the page's words: the source or destination named, no command-line flag, the suggestion kept whole.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRequestHandler } from '../../engine/request-handler';
import { plainTraceError } from './HopStatus';

const DEFAULT_YAML = readFileSync(new URL('../../scenarios/default.yaml', import.meta.url), 'utf8');

function refusal(from: string, to: string): string {
  const engine = createRequestHandler();
  engine.handle({ kind: 'load', text: DEFAULT_YAML });
  const reply = engine.handle({ kind: 'trace', params: { from, to } });
  if (reply.kind !== 'error') throw new Error(`expected an error, got ${reply.kind}`);
  return plainTraceError(reply.message);
}

describe('a flow naming something the cluster lacks, as the page says it', () => {
  it("leads from a Deployment's name to its pods", () => {
    const text = refusal('pod/default/web', 'svc/default/web:http');
    expect(text).toMatch(
      /^the source pod\/default\/web: no pod default\/web with an IP in this scenario; web is a Deployment, not a pod: its pods are pod\/default\/web-[0-9a-z]{10}-[0-9a-z]{5}, pod\/default\/web-\S+ and pod\/default\/web-\S+$/,
    );
    expect(text).not.toContain('--');
  });

  it('offers the nearest Service for a misspelt destination', () => {
    expect(refusal('pod/default/client', 'svc/default/wbe:http')).toBe(
      'the destination svc/default/wbe:http: no Service default/wbe; did you mean svc/default/web:http?',
    );
  });
});
