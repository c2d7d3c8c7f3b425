import { describe, expect, it } from 'vitest';
import { defaultEngine } from '../testing/default-engine';
import { endpointOdds } from './endpoint-odds';

describe('endpoint odds from iptables-save', () => {
  it('gives each of the three web endpoints a third, from rules of 1/3, 1/2 and 1', () => {
    const { service } = defaultEngine();
    const reply = service.handle({ kind: 'inspect-node', node: 'node-1' });
    if (reply.kind !== 'node') throw new Error(JSON.stringify(reply));
    // The web Service's chain (the cluster may hold others, such as kube-dns's).
    const chains = [...endpointOdds(reply.inspection.iptablesSave).values()].filter((list) =>
      list.every((o) => o.endpoint.endsWith(':8080')),
    );
    expect(chains).toHaveLength(1);
    const odds = chains[0]!;
    // iptables-save prints the kernel's fixed-point value back: 0.33333333349, not 0.3333333333.
    expect(odds.map((o) => o.ruleProbability.toFixed(4))).toEqual(['0.3333', '0.5000', '1.0000']);
    for (const o of odds) expect(o.share).toBeCloseTo(1 / 3, 6);
  });
});
