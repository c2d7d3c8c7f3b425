import { describe, expect, it } from 'vitest';
import { DEFAULT_YAML, defaultEngine } from '../testing/default-engine';
import { createRequestHandler } from '../../engine/request-handler';
import {
  deletePod,
  deploymentKeys,
  deploymentReplicas,
  isBarePod,
  replicaNotReady,
  scaleDeployment,
  setPodReady,
} from './yaml-edits';

function load(text: string) {
  const reply = createRequestHandler().handle({ kind: 'load', text });
  if (reply.kind !== 'loaded' || !reply.summary) throw new Error(JSON.stringify(reply));
  return reply.summary;
}

describe('what-if edits of the scenario YAML', () => {
  it('scales the Deployment and leaves every other line alone', () => {
    const text = scaleDeployment(DEFAULT_YAML, 'default/web', 5)!;
    expect(load(text).pods.filter((p) => p.key.startsWith('default/web-'))).toHaveLength(5);
    expect(deploymentReplicas(text, 'default/web')).toBe(5);
    const changed = text.split('\n').filter((l, i) => l !== DEFAULT_YAML.split('\n')[i]);
    expect(changed).toEqual(['  replicas: 5']);
    expect(deploymentKeys(text)).toEqual(['default/web']);
  });

  it('marks a bare pod not ready through its Ready condition', () => {
    expect(isBarePod(DEFAULT_YAML, 'default/client')).toBe(true);
    expect(isBarePod(DEFAULT_YAML, 'default/web-abc')).toBe(false);
    const text = setPodReady(DEFAULT_YAML, 'default/client', false)!;
    expect(load(text).pods.find((p) => p.key === 'default/client')?.ready).toBe(false);
    expect(
      load(setPodReady(text, 'default/client', true)!).pods.find((p) => p.key === 'default/client')?.ready,
    ).toBe(true);
  });

  it('deletes a bare pod document', () => {
    const text = deletePod(DEFAULT_YAML, 'default/client')!;
    const summary = load(text);
    expect(summary.pods.some((p) => p.key === 'default/client')).toBe(false);
    expect(summary.pods).toHaveLength(defaultEngine().summary.pods.length - 1);
  });

  it('returns null for objects that are not in the file', () => {
    expect(scaleDeployment(DEFAULT_YAML, 'default/nope', 2)).toBeNull();
    expect(deletePod(DEFAULT_YAML, 'default/web-xyz')).toBeNull();
  });

  it('marks the first or last replica of a Deployment not ready as a Pod of its own; nothing else moves', () => {
    const base = load(DEFAULT_YAML);
    const web = base.pods.filter((p) => p.key.startsWith('default/web-'));
    expect(web).toHaveLength(3);
    const where = (pods: typeof base.pods) =>
      pods.map((p) => `${p.key} ${p.node} ${p.ip} ${p.hostVeth?.name}`).sort();
    for (const index of [0, 2]) {
      const pod = web[index]!;
      const text = replicaNotReady(DEFAULT_YAML, 'default/web', pod.key, index, pod.node)!;
      expect(deploymentReplicas(text, 'default/web')).toBe(2);
      expect(isBarePod(text, pod.key)).toBe(true);
      const after = load(text);
      // Same pods, nodes, addresses and veths; only this one is not ready.
      expect(where(after.pods)).toEqual(where(base.pods));
      expect(after.pods.filter((p) => !p.ready).map((p) => p.key)).toEqual([pod.key]);
      // And the bare pod can be made ready again like any other.
      expect(load(setPodReady(text, pod.key, true)!).pods.every((p) => p.ready)).toBe(true);
    }
    // A replica in the middle would give its siblings other addresses: refused.
    expect(replicaNotReady(DEFAULT_YAML, 'default/web', web[1]!.key, 1, web[1]!.node)).toBeNull();
  });
});
