// ingress-nginx's routing decision: the docs' table run through the locations the controller writes,
// precedence across Ingresses, the default backends, TLS by SNI and the redirect to HTTPS.
import { describe, expect, it } from 'vitest';
import type { IngressPath, IngressRule, IngressSpec } from '../model/scenario';
import { DOCS_PATH_TABLE } from './docs-path-table';
import { buildNginxModel, type NginxModel } from './nginx-servers';
import { FAKE_CERTIFICATE_CN, routeRequest, type RouteDecision } from './route';

const SOURCE = { document: 0, line: 0, column: 0 };

function ingress(name: string, rules: IngressRule[], extra: Partial<IngressSpec> = {}): IngressSpec {
  return {
    namespace: 'default',
    name,
    className: 'nginx',
    annotations: {},
    defaultBackend: null,
    tls: [],
    rules,
    served: true,
    loadBalancerIPs: [],
    source: SOURCE,
    ...extra,
  };
}

function path(
  pathType: IngressPath['pathType'],
  p: string,
  service = `svc${p.replaceAll('/', '-')}`,
): IngressPath {
  return { path: p, pathType, backend: { kind: 'service', service, port: 80 } };
}

function get(model: NginxModel, url: string): RouteDecision {
  const m = /^(https?):\/\/([^/]+)(.*)$/.exec(url)!;
  return routeRequest(model, { scheme: m[1] as 'http' | 'https', host: m[2]!, path: m[3] || '/' });
}

/** The backend a request reaches: `ns/svc`, `default-backend`, or `redirect`. */
function backendOf(d: RouteDecision): string {
  if (d.action.kind === 'proxy') return `${d.action.upstream.namespace}/${d.action.upstream.service}`;
  return d.action.kind;
}

describe('the docs path table through ingress-nginx locations', () => {
  // location.go gives `Prefix /foo/` the locations `/foo/` and `= /foo/`: nginx never matches `/foo` to
  // them, so these two rows of the docs' table go to the default backend in ingress-nginx.
  const divergent = new Set(['Prefix /foo/ ← /foo', 'Prefix /aaa/bbb/ ← /aaa/bbb']);
  for (const row of DOCS_PATH_TABLE) {
    const label = `${row.paths.map(([t, p]) => `${t} ${p}`).join(', ')} ← ${row.req}`;
    const expected = divergent.has(label) ? null : row.winner;
    it(`${label}: ${expected ?? 'default backend'}${divergent.has(label) ? ' (differs from the docs)' : ''}`, () => {
      const paths = row.paths.map(([t, p]) => path(t, p, `${t}${p.replaceAll('/', '-')}`));
      const d = get(
        buildNginxModel([ingress('t', [{ host: 'h.example', paths }])]),
        `http://h.example${row.req}`,
      );
      const want =
        expected === null
          ? 'default-backend'
          : `default/${expected.startsWith('Exact ') ? `Exact${expected.slice(6).replaceAll('/', '-')}` : `${row.paths.find(([, p]) => p === expected)![0]}${expected.replaceAll('/', '-')}`}`;
      expect(backendOf(d)).toBe(want);
    });
  }

  it('matches ImplementationSpecific as a plain prefix, without the element boundary', () => {
    const model = buildNginxModel([
      ingress('t', [{ host: 'h', paths: [path('ImplementationSpecific', '/foo', 'impl')] }]),
    ]);
    expect(backendOf(get(model, 'http://h/foobar'))).toBe('default/impl');
    expect(backendOf(get(model, 'http://h/fo'))).toBe('default-backend');
  });
});

describe('hosts and precedence', () => {
  const model = buildNginxModel([
    ingress('old', [
      { host: 'foo.com', paths: [path('Prefix', '/', 'exact-host'), path('Prefix', '/api', 'old-api')] },
      { host: '*.foo.com', paths: [path('Prefix', '/', 'wildcard')] },
      { host: null, paths: [path('Prefix', '/any', 'hostless')] },
    ]),
    ingress('new', [
      { host: 'foo.com', paths: [path('Prefix', '/api', 'new-api'), path('Prefix', '/api/v2', 'v2')] },
    ]),
  ]);

  it('prefers the exact host over the wildcard, and the wildcard covers one label', () => {
    expect(backendOf(get(model, 'http://foo.com/'))).toBe('default/exact-host');
    expect(backendOf(get(model, 'http://bar.foo.com/'))).toBe('default/wildcard');
    expect(backendOf(get(model, 'http://baz.bar.foo.com/'))).toBe('default-backend');
  });

  it('lets the oldest Ingress keep a host and path both define', () => {
    expect(backendOf(get(model, 'http://foo.com/api/x'))).toBe('default/old-api');
    expect(model.skipped).toMatchObject([
      { ingress: 'default/new', path: '/api', why: expect.stringContaining('default/old') },
    ]);
  });

  it('merges paths of the same host from several Ingresses; the longest wins', () => {
    expect(backendOf(get(model, 'http://foo.com/api/v2/items'))).toBe('default/v2');
  });

  it('serves rules without a host from the catch-all server, for any Host', () => {
    expect(backendOf(get(model, 'http://10.0.0.1/any/thing'))).toBe('default/hostless');
    expect(get(model, 'http://unknown.org/any').serverMatch).toBe('catch-all');
  });

  it('prefers Exact over Prefix at equal length', () => {
    const m = buildNginxModel([
      ingress('t', [
        { host: 'h', paths: [path('Prefix', '/foo', 'prefix'), path('Exact', '/foo', 'exact')] },
      ]),
    ]);
    expect(backendOf(get(m, 'http://h/foo'))).toBe('default/exact');
    expect(backendOf(get(m, 'http://h/foo/bar'))).toBe('default/prefix');
  });
});

describe('default backends', () => {
  it('answers 404 from the controller when no host or path matches', () => {
    const m = buildNginxModel([ingress('t', [{ host: 'h', paths: [path('Exact', '/x')] }])]);
    expect(get(m, 'http://h/y').action).toEqual({ kind: 'default-backend', status: 404 });
    expect(get(m, 'http://other/').action).toEqual({ kind: 'default-backend', status: 404 });
  });

  it("sends an unmatched path of the Ingress's hosts to its defaultBackend", () => {
    const m = buildNginxModel([
      ingress('t', [{ host: 'h', paths: [path('Exact', '/x')] }], {
        defaultBackend: { kind: 'service', service: 'fallback', port: 80 },
      }),
    ]);
    expect(backendOf(get(m, 'http://h/y'))).toBe('default/fallback');
    // An Ingress with rules does not take over the catch-all server with its defaultBackend.
    expect(backendOf(get(m, 'http://other/'))).toBe('default-backend');
  });

  it('gives the catch-all server the defaultBackend of an Ingress without rules (the oldest)', () => {
    const m = buildNginxModel([
      ingress('a', [], { defaultBackend: { kind: 'service', service: 'first', port: 80 } }),
      ingress('b', [], { defaultBackend: { kind: 'service', service: 'second', port: 80 } }),
    ]);
    expect(backendOf(get(m, 'http://anything/at/all'))).toBe('default/first');
  });

  it('ignores Ingresses the controller does not serve', () => {
    const m = buildNginxModel([
      ingress('t', [{ host: 'h', paths: [path('Prefix', '/')] }], { served: false }),
    ]);
    expect(backendOf(get(m, 'http://h/'))).toBe('default-backend');
  });
});

describe('TLS', () => {
  const m = buildNginxModel([
    ingress(
      'tls',
      [
        { host: 'secure.com', paths: [path('Prefix', '/', 'web')] },
        { host: 'also.com', paths: [path('Prefix', '/', 'web')] },
      ],
      { tls: [{ hosts: ['secure.com'], secretName: 'secure-cert' }] },
    ),
    ingress('plain', [{ host: 'plain.com', paths: [path('Prefix', '/', 'web')] }]),
    ingress('opt-out', [{ host: 'keep-http.com', paths: [path('Prefix', '/', 'web')] }], {
      tls: [{ hosts: ['keep-http.com'], secretName: 'c' }],
      annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' },
    }),
    ingress('forced', [{ host: 'forced.com', paths: [path('Prefix', '/', 'web')] }], {
      annotations: { 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true' },
    }),
  ]);

  it('chooses the certificate by SNI; unknown names get the fake certificate', () => {
    expect(get(m, 'https://secure.com/').certificate).toEqual({ secret: 'default/secure-cert' });
    expect(get(m, 'https://plain.com/').certificate).toEqual({ fake: FAKE_CERTIFICATE_CN });
    expect(get(m, 'https://nobody.org/').certificate).toEqual({ fake: FAKE_CERTIFICATE_CN });
    expect(get(m, 'http://secure.com/').certificate).toBeNull();
  });

  it('gives a host of a TLS Ingress that its tls section does not list the default certificate', () => {
    expect(get(m, 'https://also.com/').certificate).toEqual({ fake: FAKE_CERTIFICATE_CN });
    expect(get(m, 'http://also.com/').action.kind).toBe('redirect');
  });

  it('redirects HTTP to HTTPS with 308 for hosts with TLS, keeping the path and query', () => {
    expect(get(m, 'http://secure.com/login?next=/a').action).toEqual({
      kind: 'redirect',
      status: 308,
      location: 'https://secure.com/login?next=/a',
      reason: 'ssl-redirect',
    });
    expect(get(m, 'https://secure.com/login').action.kind).toBe('proxy');
    expect(get(m, 'http://plain.com/').action.kind).toBe('proxy');
  });

  it('honours ssl-redirect "false" and force-ssl-redirect "true"', () => {
    expect(get(m, 'http://keep-http.com/').action.kind).toBe('proxy');
    expect(get(m, 'http://forced.com/').action.kind).toBe('redirect');
  });
});
