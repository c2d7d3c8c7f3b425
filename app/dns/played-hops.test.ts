// Playback of a named destination: the resolver's queries as packets, then the connection.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRequestHandler } from '../../engine/request-handler';
import { defaultEngine } from '../testing/default-engine';
import { connectionStart, dnsQueryStarts, phaseLabel, playedHops } from './played-hops';
import { typedDestination } from '../panels/flow-options';

function traceTo(to: string) {
  const { service } = defaultEngine();
  const reply = service.handle({ kind: 'trace', params: { from: 'pod/default/client', to, seed: 1 } });
  if (reply.kind !== 'trace') throw new Error(JSON.stringify(reply));
  return reply.trace;
}

describe('played hops', () => {
  it('plays each DNS exchange before the connection, re-indexed in playback order', () => {
    const trace = traceTo('web:80');
    const hops = playedHops(trace);
    const queries = trace.dns!.queries;
    expect(queries.map((q) => `${q.name} ${q.type} ${q.rcode}`)).toEqual([
      'web.default.svc.cluster.local. A NOERROR',
      'web.default.svc.cluster.local. AAAA NOERROR (NODATA)',
    ]);
    const dnsHops = queries.reduce((n, q) => n + (q.trace?.hops.length ?? 0), 0);
    expect(hops).toHaveLength(dnsHops + trace.hops.length);
    expect(hops.map((h) => h.index)).toEqual(hops.map((_, i) => i));
    expect(dnsQueryStarts(trace)).toEqual([0, queries[0]!.trace!.hops.length]);
    expect(connectionStart(trace)).toBe(dnsHops);
    expect(hops[0]!.packet.proto).toBe('udp');
    expect(hops[0]!.packet.dst).toBe('10.96.0.10:53');
    expect(phaseLabel(hops[0]!.phase)).toBe('DNS query 1 of 2: web.default.svc.cluster.local. A');
    expect(hops[dnsHops]!.phase.kind).toBe('connection');
    expect(hops.at(-1)!.phase.kind).toBe('connection');
    expect(playedHops(trace)).toBe(hops);
  });

  it('is the connection alone when the destination is not a name', () => {
    const trace = traceTo('svc/default/web:http');
    expect(playedHops(trace).map((h) => h.index)).toEqual(trace.hops.map((h) => h.index));
    expect(dnsQueryStarts(trace)).toEqual([]);
  });
});

describe('typed destinations', () => {
  it('gives a bare name or address port 80 and passes the other forms through', () => {
    expect(typedDestination(' web ')).toBe('web:80');
    expect(typedDestination('web.default')).toBe('web.default:80');
    expect(typedDestination('10.96.1.1')).toBe('10.96.1.1:80');
    expect(typedDestination('web.default:8080')).toBe('web.default:8080');
    expect(typedDestination('http://web.default/')).toBe('http://web.default/');
    expect(typedDestination('svc/default/web:http')).toBe('svc/default/web:http');
    expect(typedDestination('')).toBeNull();
  });
});

describe("a proxy's second leg", () => {
  function traceIn(file: string, from: string, to: string) {
    const service = createRequestHandler();
    const text = readFileSync(fileURLToPath(new URL(`../../scenarios/${file}`, import.meta.url)), 'utf8');
    const loaded = service.handle({ kind: 'load', text });
    if (loaded.kind !== 'loaded') throw new Error(JSON.stringify(loaded));
    const reply = service.handle({ kind: 'trace', params: { from, to, seed: 1 } });
    if (reply.kind !== 'trace') throw new Error(JSON.stringify(reply));
    return reply.trace;
  }

  it.each([
    ['userspace-mode.yaml', 'pod/default/client', 'svc/default/web:http', 'kube-proxy'],
    ['ingress.yaml', 'external/203.0.113.10', 'http://shop.example.com/api/orders', 'the ingress controller'],
  ])(
    '%s: the proxy’s own connection plays after the request reaches it, before it answers',
    (file, from, to, by) => {
      const trace = traceIn(file, from, to);
      const second = (trace.proxy?.upstreamTrace ?? trace.http?.upstreamTrace)!;
      expect(second.hops.length).toBeGreaterThan(0);
      const hops = playedHops(trace);
      expect(hops).toHaveLength(trace.hops.length + second.hops.length);
      expect(hops.map((h) => h.index)).toEqual(hops.map((_, i) => i));
      const phases = hops.map((h) => `${h.phase.kind}:${h.direction}`);
      const requests = trace.hops.filter((h) => h.direction === 'request').length;
      // connection request hops, then the whole second leg, then the connection's answer.
      expect(phases.slice(0, requests).every((p) => p === 'connection:request')).toBe(true);
      expect(hops[requests - 1]!.kind).toBe('deliver');
      const leg = hops.slice(requests, requests + second.hops.length);
      expect(leg.every((h) => h.phase.kind === 'upstream')).toBe(true);
      expect(leg.map((h) => `${h.netns} ${h.device} ${h.kind}`)).toEqual(
        second.hops.map((h) => `${h.netns} ${h.device} ${h.kind}`),
      );
      expect(leg.find((h) => h.kind === 'deliver')!.netns).toBe(`pod/${second.deliveredTo!.pod}`);
      expect(phases.slice(requests + second.hops.length).every((p) => p === 'connection:reply')).toBe(true);
      expect(phaseLabel(leg[0]!.phase)).toMatch(
        new RegExp(`^${by === 'kube-proxy' ? 'kube-proxy' : 'The ingress controller'}'s own connection`),
      );
      expect(connectionStart(trace)).toBe(0);
    },
  );
});
