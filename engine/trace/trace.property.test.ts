// Invariants of a traced round trip on the built-in default scenario: the same seed gives the same trace
// byte for byte, and conntrack's un-NAT makes every answer arrive from exactly where the client connected.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../cluster/cluster';
import { traceToJson } from './json';
import { traceConnection, traceConnections } from './trace';

const text = readFileSync(new URL('../../scenarios/nodeport-policies.yaml', import.meta.url), 'utf8');
const fresh = () => loadCluster(text).cluster!;
const cluster = fresh();
const pods = cluster.scenario.pods.map((p) => `pod/${p.namespace}/${p.name}`);
const destinations = [
  'svc/default/web:80',
  'svc/default/solo:90',
  'pod/default/a:8080',
  'pod/default/b:8080',
  'svc/default/empty:80',
];
const sources = [...pods, 'node/node-1', 'node/node-2'];

describe('traces', () => {
  it('are deterministic for a seed, even across separately built clusters', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...sources),
        fc.constantFrom(...destinations),
        fc.integer(),
        (from, to, seed) => {
          const a = JSON.stringify(traceToJson(traceConnection(fresh(), cluster, { from, to, seed })));
          const b = JSON.stringify(traceToJson(traceConnection(cluster, cluster, { from, to, seed })));
          expect(a).toBe(b);
        },
      ),
      { numRuns: 40 },
    );
    // 80 cluster builds: seconds on a machine shared by many runs; speed is measured by npm run bench.
  }, 60_000);

  it('bring every answer back un-NATed: from the address the client connected to, to the client', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...sources),
        fc.constantFrom(...destinations),
        fc.integer(),
        (from, to, seed) => {
          const t = traceToJson(traceConnection(fresh(), cluster, { from, to, seed }));
          if (t.verdict !== 'delivered') return;
          expect(t.reply?.verdict).toBe('delivered');
          const first = t.hops[0]!.packet;
          const lastReply = t.hops[t.hops.length - 1]!;
          expect(lastReply.direction).toBe('reply');
          expect(lastReply.kind).toBe('deliver');
          expect(lastReply.packet.src).toBe(first.dst);
          expect(lastReply.packet.dst).toBe(first.src);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('spread new connections over every endpoint of a Service', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const t = traceConnection(cluster, cluster, {
        from: 'pod/default/solo',
        to: 'svc/default/web:80',
        seed,
      });
      if (t.deliveredTo) seen.add(t.deliveredTo.pod!);
    }
    expect([...seen].sort()).toEqual(['default/a', 'default/b']);
  });
});

describe('many connections sharing kernel state', () => {
  it('all get through: the loop guard counts one packet, not the whole run', () => {
    const traces = traceConnections(
      cluster,
      cluster,
      { from: 'pod/default/solo', to: 'svc/default/web:80', seed: 3 },
      120,
    );
    expect(traces.filter((t) => t.verdict !== 'delivered' || t.reply?.verdict !== 'delivered')).toEqual([]);
  });
});
