import { describe, expect, it } from 'vitest';
import { fixturePod } from '../topology/test-fixture';
import { podKeyIndex } from './pod-key-index';

describe('podKeyIndex', () => {
  it('finds a pod by namespace/name, and nothing for a key of another shape', () => {
    const pods = [fixturePod('a', 'p', 'n'), fixturePod('b', 'p', 'n'), fixturePod('a', 'q', 'n')];
    const index = podKeyIndex(pods);
    expect(index.indexOf('a/p')).toBe(0);
    expect(index.indexOf('b/p')).toBe(1);
    expect(index.pod('a/q')).toBe(pods[2]);
    for (const key of ['a', 'a/', '/p', 'a/p/x', 'c/p', 'a/r']) expect(index.indexOf(key)).toBeUndefined();
    expect(podKeyIndex(pods)).toBe(index); // made once per list
  });
});
