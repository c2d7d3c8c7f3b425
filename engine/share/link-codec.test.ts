import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from './base64url';
import { decodeShare, encodeShare, MAX_FRAGMENT_CHARS, type SharedView } from './link-codec';

const view: SharedView = {
  scenario: 'apiVersion: v1\nkind: Node\nmetadata:\n  name: node-1 # ünïcode ✓\n',
  flow: { from: 'pod/default/client', to: 'svc/default/web:http', protocol: 'TCP' },
  seed: 7,
  step: 12,
};

async function deflate(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

describe('share codec', () => {
  it('round-trips scenario, flow, seed and step through a #v1: fragment', async () => {
    const fragment = await encodeShare(view);
    expect(fragment).toMatch(/^#v1:[A-Za-z0-9_-]+$/);
    expect(await decodeShare(fragment)).toEqual({ ok: true, view });
  });

  it('ignores fragments that are not share links', async () => {
    expect(await decodeShare('')).toBeNull();
    expect(await decodeShare('#section-2')).toBeNull();
  });

  it('calls a truncated, garbled or ill-shaped link broken', async () => {
    const fragment = await encodeShare(view);
    expect(await decodeShare(fragment.slice(0, 20))).toMatchObject({ ok: false, problem: 'broken' });
    expect(await decodeShare('#v1:!!!not-base64!!!')).toMatchObject({ ok: false, problem: 'broken' });
    expect(await decodeShare('#v1:')).toMatchObject({ ok: false, problem: 'broken' });
    expect(await decodeShare(`#v1:${await deflate('{"scenario": 3}')}`)).toMatchObject({
      ok: false,
      problem: 'broken',
    });
    expect(await decodeShare('#vx:abc')).toMatchObject({ ok: false, problem: 'broken' });
  });

  it('refuses links from a newer version with a message that says so', async () => {
    const result = await decodeShare('#v2:AAAA');
    expect(result).toMatchObject({ ok: false, problem: 'newer' });
    expect(result?.ok === false && result.message).toMatch(/newer version/);
  });

  it('refuses oversized fragments and deflate bombs', async () => {
    expect(await decodeShare(`#v1:${'A'.repeat(MAX_FRAGMENT_CHARS + 4)}`)).toMatchObject({
      ok: false,
      problem: 'oversized',
    });
    const bomb = await deflate(JSON.stringify({ ...view, scenario: ' '.repeat(2_000_000) }));
    expect(bomb.length).toBeLessThan(MAX_FRAGMENT_CHARS);
    expect(await decodeShare(`#v1:${bomb}`)).toMatchObject({ ok: false, problem: 'oversized' });
  });

  it('base64url survives every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
  });
});
