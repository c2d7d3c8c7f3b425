import { describe, expect, it } from 'vitest';
import {
  fitStage,
  focusOnDevices,
  highlightDevices,
  setFollow,
  setPresenter,
  zoomStage,
} from './stage-actions';
import { createPodpathStore } from './store';

describe('stage actions (the API lessons and the keyboard use)', () => {
  it('highlights devices and clears them', () => {
    const store = createPodpathStore();
    highlightDevices(store, [{ netns: 'node/node-1', device: 'cni0' }]);
    expect(store.getState().stage.highlighted).toEqual([{ netns: 'node/node-1', device: 'cni0' }]);
    highlightDevices(store, []);
    expect(store.getState().stage.highlighted).toEqual([]);
  });

  it('numbers camera requests so the same request twice still moves the camera', () => {
    const store = createPodpathStore();
    fitStage(store);
    const first = store.getState().stage.camera;
    fitStage(store);
    const second = store.getState().stage.camera;
    expect(first).toMatchObject({ kind: 'fit' });
    expect(second).not.toBe(first);
    expect(second!.seq).toBeGreaterThan(first!.seq);
    zoomStage(store, 1.3);
    expect(store.getState().stage.camera).toMatchObject({ kind: 'zoom', factor: 1.3 });
  });

  it('focusing on devices turns following off, so the camera is not pulled back to the packet', () => {
    const store = createPodpathStore();
    setFollow(store, true);
    focusOnDevices(store, [{ netns: 'pod/default/client' }]);
    expect(store.getState().stage.follow).toBe(false);
    expect(store.getState().stage.camera).toMatchObject({
      kind: 'focus',
      devices: [{ netns: 'pod/default/client' }],
    });
  });

  it('presenter mode turns following on; leaving it keeps the choice', () => {
    const store = createPodpathStore();
    setPresenter(store, true);
    expect(store.getState().stage).toMatchObject({ presenter: true, follow: true });
    setPresenter(store, false);
    expect(store.getState().stage).toMatchObject({ presenter: false, follow: true });
  });
});
