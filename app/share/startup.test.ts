import { describe, expect, it } from 'vitest';
import { writeAutosave, type KeyValueStore } from './autosave';
import { encodeShare } from '../../engine/share/link-codec';
import { startupView } from './startup';

function memory(): KeyValueStore {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('startup view', () => {
  const flow = { from: 'pod/a/b', to: 'svc/a/c:80' };
  it('prefers a share link, then autosave, then the default', async () => {
    const storage = memory();
    expect(await startupView('', storage, 'DEFAULT')).toMatchObject({
      scenario: 'DEFAULT',
      source: 'default',
      notice: null,
    });
    writeAutosave(storage, { scenario: 'SAVED', flow, seed: 4 });
    expect(await startupView('', storage, 'DEFAULT')).toMatchObject({
      scenario: 'SAVED',
      seed: 4,
      source: 'autosave',
    });
    const link = await encodeShare({ scenario: 'SHARED', flow, seed: 9, step: 3 });
    expect(await startupView(link, storage, 'DEFAULT')).toMatchObject({
      scenario: 'SHARED',
      seed: 9,
      step: 3,
      source: 'share',
    });
  });

  it('opens the default scenario with a notice for a broken or newer link, ignoring autosave', async () => {
    const storage = memory();
    writeAutosave(storage, { scenario: 'SAVED', flow, seed: 4 });
    const broken = await startupView('#v1:garbage!', storage, 'DEFAULT');
    expect(broken).toMatchObject({ scenario: 'DEFAULT', source: 'default' });
    expect(broken.notice).toMatch(/damaged/);
    expect((await startupView('#v9:xyz', storage, 'DEFAULT')).notice).toMatch(/newer version/);
  });
});
