import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from './base64url';
import {
  decodeShare,
  encodeShare,
  MAX_FRAGMENT_CHARS,
  MAX_JSON_BYTES,
  shareableLink,
  type SharedView,
} from './link-codec';

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

  it("hands out only links that open: a scenario or link past the decoder's caps is refused with its size", async () => {
    const small = await shareableLink(view);
    expect(small.ok && (await decodeShare(small.fragment))).toEqual({ ok: true, view });
    // Longer than the cap in characters: refused before it is serialised.
    const opened = { ...view, scenario: '#'.repeat(MAX_JSON_BYTES + 1) };
    expect(await shareableLink(opened)).toEqual({
      ok: false,
      cap: 'scenario',
      bytes: MAX_JSON_BYTES + 1,
      limit: MAX_JSON_BYTES,
    });
    // Short enough in characters, too long in UTF-8 bytes.
    const accented = await shareableLink({ ...view, scenario: `# ${'é'.repeat(MAX_JSON_BYTES / 2)}` });
    expect(accented).toMatchObject({ ok: false, cap: 'scenario', limit: MAX_JSON_BYTES });
    // Text that deflate cannot shrink much (a fixed xorshift sequence) makes a link longer than the cap.
    let x = 12345;
    const noisy = Array.from({ length: 120_000 }, () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return 'abcdefghijklmnopqrstuvwxyz0123456789'[(x >>> 0) % 36];
    }).join('');
    const link = await shareableLink({ ...view, scenario: noisy });
    expect(link).toMatchObject({ ok: false, cap: 'link', limit: MAX_FRAGMENT_CHARS });
    expect(await decodeShare(await encodeShare({ ...view, scenario: noisy }))).toMatchObject({
      ok: false,
      problem: 'oversized',
    });
  });

  it('base64url survives every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
  });
});
