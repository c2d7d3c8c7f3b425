// Route lookup agrees with a plain oracle: for each prefix length from /32 down to /0, the first route whose
// destination is exactly the address masked to that length.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Netns, RouteEntry } from '../model/netns';
import { maskOf } from '../net/ipv4';
import { lookupRoute } from './routing';

function ns(routes: RouteEntry[]): Netns {
  return {
    id: 'test',
    kind: 'node',
    node: null,
    path: '',
    devices: [],
    routes,
    neighbours: [],
    fdb: [],
    ipForward: true,
    bridgeNfCallIptables: false,
    ruleset: null,
  };
}

const routeArb = fc
  .record({
    ip: fc.integer({ min: 0, max: 0xffffffff }),
    prefix: fc.integer({ min: 0, max: 32 }),
    dev: fc.constantFrom('eth0', 'cni0', 'flannel.1'),
  })
  .map(({ ip, prefix, dev }): RouteEntry => ({
    dst: { network: (ip & maskOf(prefix)) >>> 0, prefix },
    dev,
    scope: 'global',
    proto: 'static',
    table: 'main',
    type: 'unicast',
  }));

function oracle(routes: RouteEntry[], dst: number): RouteEntry | null {
  for (let prefix = 32; prefix >= 0; prefix--) {
    const network = (dst & maskOf(prefix)) >>> 0;
    const hit = routes.find((r) => r.dst.prefix === prefix && r.dst.network === network);
    if (hit) return hit;
  }
  return null;
}

describe('lookupRoute', () => {
  it('matches the longest-prefix oracle on random tables', () => {
    fc.assert(
      fc.property(
        fc.array(routeArb, { maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 1, maxLength: 10 }),
        (routes, dsts) => {
          // Also probe addresses inside the routes, where the interesting overlaps are.
          const probes = [...dsts, ...routes.map((r) => (r.dst.network + 1) >>> 0)];
          for (const dst of probes) {
            const got = lookupRoute(ns(routes), dst);
            const want = oracle(routes, dst);
            if (dst >>> 24 === 127) expect(got.kind).toBe('local');
            else if (want === null) expect(got.kind).toBe('unreachable');
            else {
              expect(got.kind).toBe('unicast');
              if (got.kind === 'unicast') expect(got.route).toBe(want);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
