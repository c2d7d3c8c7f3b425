import { describe, expect, it } from 'vitest';
import { toBase64Url } from '../../engine/share/base64url';
import { decodeLessonLink, encodeLessonLink, parseLessonRoute } from './lesson-link';
import type { Lesson } from './lesson';

const lesson: Lesson = {
  id: 'mine',
  title: 'Mine',
  summary: 'A teacher wrote it.',
  topics: ['vxlan'],
  scenario: { text: 'kind: Node' },
  flow: { from: 'pod/default/client', to: 'svc/default/web:http' },
  seed: 6,
  steps: [{ text: 'Look.', highlight: ['hop'] }],
};

async function deflate(text: string): Promise<string> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

describe('lesson links', () => {
  it('reads #lesson/<id> and #lesson/<id>/<step>', () => {
    expect(parseLessonRoute('#lesson/vxlan')).toEqual({ kind: 'lesson', id: 'vxlan', step: 0 });
    expect(parseLessonRoute('#lesson/vxlan/3')).toEqual({ kind: 'lesson', id: 'vxlan', step: 2 });
    expect(parseLessonRoute('#lesson/<script>')).toBeNull();
    expect(parseLessonRoute('#v1:abc')).toBeNull();
  });

  it('carries a whole lesson in a draft link and back', async () => {
    const link = await encodeLessonLink(lesson, 0);
    const route = parseLessonRoute(link);
    expect(route).toMatchObject({ kind: 'draft', step: 0 });
    if (route?.kind !== 'draft') return;
    expect(await decodeLessonLink(route.body)).toEqual({ ok: true, lesson });
  });

  it('refuses damaged, hostile and invalid links with a message', async () => {
    expect((await decodeLessonLink('!!!')).ok).toBe(false);
    expect((await decodeLessonLink('AAAA')).ok).toBe(false);
    const typedAnswer = await deflate(
      JSON.stringify({
        ...lesson,
        steps: [
          { text: 'x', question: { prompt: 'p', template: 'verdict', choices: 'auto', answer: 'delivered' } },
        ],
      }),
    );
    const r = await decodeLessonLink(typedAnswer);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/answer/);
    const bomb = await deflate(' '.repeat(4 * 1024 * 1024));
    expect(await decodeLessonLink(bomb)).toEqual({ ok: false, message: expect.stringMatching(/too large/) });
  });
});
