// The documented scale target: one node's rules for 10,000 Services x 15 endpoints (kube-proxy.md §6).
import { describe, expect, it } from 'vitest';
import { formatIpv4 } from '../../net/ipv4';
import { endpoint, fakeProxierInput, service, slice } from '../testing/fixtures';
import { syncIptablesRules } from './sync-proxy-rules';

describe('performance', () => {
  it('builds 10,000 Services x 15 endpoints in well under 2 s', () => {
    const services = [];
    const slices = [];
    for (let i = 0; i < 10000; i++) {
      const ns = `ns${i % 50}`;
      services.push(
        service(ns, `svc${i}`, {
          clusterIP: formatIpv4(0xac1e0000 + i),
          type: i % 3 === 0 ? 'NodePort' : 'ClusterIP',
          ports: [{ nodePort: i % 3 === 0 ? 30000 + (i % 2000) : 0 }],
        }),
      );
      const eps = Array.from({ length: 15 }, (_, j) =>
        endpoint(formatIpv4(0x0a000100 + i * 15 + j), { nodeName: j === 0 ? 'test-node' : 'other' }),
      );
      slices.push(slice(ns, `svc${i}`, eps));
    }
    const input = fakeProxierInput(services, slices);
    let best = Infinity;
    let rules = 0;
    for (let k = 0; k < 2; k++) {
      const t0 = performance.now();
      rules = syncIptablesRules(input).natRules.length;
      best = Math.min(best, performance.now() - t0);
    }
    expect(rules).toBeGreaterThan(480000);
    expect(best).toBeLessThan(2000);
  }, 60000);
});
