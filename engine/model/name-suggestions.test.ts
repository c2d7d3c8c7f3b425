// "Did you mean …": which names are near, in which order, and what a Deployment's name leads to.
import { describe, expect, it } from 'vitest';
import {
  editDistance,
  nearestNames,
  type NameDirectory,
  nodeSuggestion,
  podSuggestion,
  serviceSuggestion,
} from './name-suggestions';

const pod = (namespace: string, name: string, ownerDeployment: string | null = null) => ({
  namespace,
  name,
  ownerDeployment,
});

const dir: NameDirectory = {
  nodes: [{ name: 'node-1' }, { name: 'node-2' }],
  pods: [
    pod('default', 'client'),
    pod('default', 'frontend-7c9d5b8f6d-abcde', 'default/frontend'),
    pod('default', 'frontend-7c9d5b8f6d-fghij', 'default/frontend'),
    pod('default', 'frontend-7c9d5b8f6d-klmno', 'default/frontend'),
    pod('default', 'frontend-7c9d5b8f6d-pqrst', 'default/frontend'),
    { ...pod('shop', 'cart-0'), ownerWorkload: 'StatefulSet shop/cart' },
    { ...pod('shop', 'cart-1'), ownerWorkload: 'StatefulSet shop/cart' },
    pod('kube-system', 'client'),
  ],
  services: [
    { namespace: 'default', name: 'web' },
    { namespace: 'default', name: 'kubernetes' },
    { namespace: 'shop', name: 'cart' },
  ],
};

describe('edit distance', () => {
  it('counts a swap of neighbours as one edit, and gives up past the limit', () => {
    expect(editDistance('wbe', 'web', 3)).toBe(1);
    expect(editDistance('clint', 'client', 3)).toBe(1);
    expect(editDistance('defualt/client', 'default/client', 4)).toBe(1);
    expect(editDistance('node3', 'node-1', 3)).toBe(2);
    expect(editDistance('node3', 'node-1', 1)).toBe(Infinity);
    expect(editDistance('a', 'abcdef', 2)).toBe(Infinity);
  });
});

describe('nearest names', () => {
  it('puts the same name in another namespace first, then names it begins, then typos; at most three', () => {
    const near = nearestNames({ namespace: 'shop', name: 'client' }, dir.pods);
    expect(near.map((p) => `${p.namespace}/${p.name}`)).toEqual(['default/client', 'kube-system/client']);
    const prefix = nearestNames({ namespace: 'shop', name: 'cart' }, dir.pods);
    expect(prefix.map((p) => p.name)).toEqual(['cart-0', 'cart-1']);
    expect(nearestNames({ namespace: 'default', name: 'zzz' }, dir.pods)).toEqual([]);
    expect(nearestNames({ namespace: 'default', name: 'frontend-' }, dir.pods)).toHaveLength(3);
  });
});

describe('pod suggestions', () => {
  it("names a Deployment's pods when its name is given for a pod", () => {
    expect(podSuggestion(dir, 'default', 'frontend', (k) => `pod/${k}`)).toBe(
      '; frontend is a Deployment, not a pod: its pods are pod/default/frontend-7c9d5b8f6d-abcde, pod/default/frontend-7c9d5b8f6d-fghij, pod/default/frontend-7c9d5b8f6d-klmno and 1 more',
    );
  });

  it("names a StatefulSet's pods the same way", () => {
    expect(podSuggestion(dir, 'shop', 'cart', (k) => k)).toBe(
      '; cart is a StatefulSet, not a pod: its pods are shop/cart-0 and shop/cart-1',
    );
  });

  it('offers the nearest pods in the form the user wrote, port included', () => {
    expect(podSuggestion(dir, 'default', 'clint', (k) => `pod/${k}:80`)).toBe(
      '; did you mean pod/default/client:80?',
    );
    expect(podSuggestion(dir, null, 'client', (k) => k)).toBe(
      '; did you mean default/client or kube-system/client?',
    );
    expect(podSuggestion(dir, 'default', 'database', (k) => k)).toBe('');
  });
});

describe('Service and node suggestions', () => {
  it('finds a misspelt Service and node', () => {
    expect(serviceSuggestion(dir, 'default', 'wbe', (k) => `svc/${k}:http`)).toBe(
      '; did you mean svc/default/web:http?',
    );
    expect(serviceSuggestion(dir, 'default', 'cart', (k) => `svc/${k}:80`)).toBe(
      '; did you mean svc/shop/cart:80?',
    );
    expect(nodeSuggestion(dir, 'node1', (n) => `node/${n}`)).toBe('; did you mean node/node-1?');
    expect(nodeSuggestion(dir, 'node-', (n) => `node/${n}`)).toBe(
      '; did you mean node/node-1 or node/node-2?',
    );
  });

  it('lists a small cluster’s nodes when none is near', () => {
    expect(nodeSuggestion(dir, 'worker', (n) => n)).toBe('; the nodes are node-1 and node-2');
  });
});
