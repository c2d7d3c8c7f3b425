// EndpointSliceCache folding and CategorizeEndpoints (pkg/proxy/endpointslicecache.go, topology.go).
import { describe, expect, it } from 'vitest';
import { buildEndpointsMap, categorizeEndpoints, type EndpointInfo } from './categorize-endpoints';
import { servicePortKey, servicePortsOf } from './service-port';
import { endpoint, service, slice } from './testing/fixtures';

const KEY = servicePortKey('ns1', 'svc1', 'p80', 'TCP');
const eps = (...e: Parameters<typeof endpoint>[]): EndpointInfo[] =>
  buildEndpointsMap(
    [
      slice(
        'ns1',
        'svc1',
        e.map((a) => endpoint(...a)),
      ),
    ],
    'node-a',
  ).get(KEY) ?? [];
const names = (list: readonly EndpointInfo[]): string[] => list.map((e) => e.endpoint);
const port = (o: Parameters<typeof service>[2] = {}) => servicePortsOf(service('ns1', 'svc1', o))[0]!;

describe('buildEndpointsMap', () => {
  it('sorts by "IP:port" text, keeps not-ready endpoints and marks local ones', () => {
    const list = eps(['10.0.0.9'], ['10.0.0.10', { ready: false, nodeName: 'node-a' }]);
    expect(names(list)).toEqual(['10.0.0.10:80', '10.0.0.9:80']);
    expect(list[0]).toMatchObject({ ready: false, serving: true, terminating: false, isLocal: true });
  });

  it('collapses duplicates across slices, preferring the endpoint that is not terminating', () => {
    const map = buildEndpointsMap(
      [
        slice('ns1', 'svc1', [endpoint('10.0.0.1', { ready: true })], undefined, 'a'),
        slice('ns1', 'svc1', [endpoint('10.0.0.1', { ready: false, terminating: true })], undefined, 'b'),
      ],
      'node-a',
    );
    expect(map.get(KEY)).toHaveLength(1);
    expect(map.get(KEY)![0]!.terminating).toBe(false);
  });

  it('ignores other address families and ports without a number', () => {
    const v6 = { ...slice('ns1', 'svc1', [endpoint('10.0.0.1')]), addressType: 'IPv6' as const };
    expect(
      buildEndpointsMap([v6, slice('ns1', 'svc1', [endpoint('10.0.0.2')], [{ port: null }])], 'n').size,
    ).toBe(0);
  });
});

describe('categorizeEndpoints', () => {
  it('uses ready endpoints, else serving+terminating ones', () => {
    const ready = eps(['10.0.0.1'], ['10.0.0.2', { ready: false, terminating: true }]);
    expect(names(categorizeEndpoints(ready, port(), 'node-a', {}).cluster)).toEqual(['10.0.0.1:80']);
    const terminating = eps(
      ['10.0.0.1', { ready: false, serving: false }],
      ['10.0.0.2', { ready: false, terminating: true }],
    );
    const c = categorizeEndpoints(terminating, port(), 'node-a', {});
    expect(names(c.cluster)).toEqual(['10.0.0.2:80']);
    expect(c.hasAnyEndpoints).toBe(true);
    expect(
      categorizeEndpoints(eps(['10.0.0.1', { ready: false }]), port(), 'node-a', {}).hasAnyEndpoints,
    ).toBe(false);
  });

  it('applies zone hints only when every ready endpoint has them and one names this zone', () => {
    const labels = { 'topology.kubernetes.io/zone': 'z1' };
    const hinted = eps(['10.0.0.1', { hintsForZones: ['z1'] }], ['10.0.0.2', { hintsForZones: ['z2'] }]);
    expect(names(categorizeEndpoints(hinted, port(), 'node-a', labels).cluster)).toEqual(['10.0.0.1:80']);
    const partial = eps(['10.0.0.1', { hintsForZones: ['z1'] }], ['10.0.0.2']);
    expect(categorizeEndpoints(partial, port(), 'node-a', labels).cluster).toHaveLength(2);
    expect(
      categorizeEndpoints(hinted, port(), 'node-a', { 'topology.kubernetes.io/zone': 'z3' }).cluster,
    ).toHaveLength(2);
  });

  it('for ETP=Local picks local ready endpoints, and still knows endpoints exist elsewhere', () => {
    const lb = port({ type: 'LoadBalancer', ports: [{ nodePort: 30000 }], externalTrafficPolicy: 'Local' });
    const remoteOnly = categorizeEndpoints(eps(['10.0.0.1', { nodeName: 'node-b' }]), lb, 'node-a', {});
    expect(remoteOnly).toMatchObject({ local: [], hasAnyEndpoints: true });
    expect(names(remoteOnly.cluster)).toEqual(['10.0.0.1:80']);
    const both = categorizeEndpoints(
      eps(['10.0.0.1', { nodeName: 'node-a' }], ['10.0.0.2']),
      lb,
      'node-a',
      {},
    );
    expect(names(both.local)).toEqual(['10.0.0.1:80']);
    expect(names(both.allReachable)).toEqual(['10.0.0.1:80', '10.0.0.2:80']);
  });

  it('merges a terminating local endpoint into the reachable set', () => {
    const lb = port({ type: 'NodePort', ports: [{ nodePort: 30000 }], externalTrafficPolicy: 'Local' });
    const list = eps(
      ['10.0.0.1', { nodeName: 'node-a', ready: false, terminating: true }],
      ['10.0.0.2', { nodeName: 'node-b' }],
    );
    const c = categorizeEndpoints(list, lb, 'node-a', {});
    expect(names(c.cluster)).toEqual(['10.0.0.2:80']);
    expect(names(c.local)).toEqual(['10.0.0.1:80']);
    expect(names(c.allReachable)).toEqual(['10.0.0.1:80', '10.0.0.2:80']);
  });

  it('for ITP=Local on a ClusterIP Service uses no cluster endpoints at all', () => {
    const c = categorizeEndpoints(
      eps(['10.0.0.1', { nodeName: 'node-b' }]),
      port({ internalTrafficPolicy: 'Local' }),
      'node-a',
      {},
    );
    expect(c).toMatchObject({ cluster: [], local: [], allReachable: [], hasAnyEndpoints: true });
  });
});
