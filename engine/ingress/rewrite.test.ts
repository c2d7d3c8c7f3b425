// ingress-nginx's regular expressions and rewrites (docs/examples/rewrite, user-guide/ingress-path-matching):
// the docs' own rewrite example, use-regex spreading to every path of the host across Ingresses, the
// caseless `~*` location, the order regex locations are tried in, and the capture groups of rewrite-target.
import { describe, expect, it } from 'vitest';
import type { IngressPath, IngressRule, IngressSpec } from '../model/scenario';
import { buildNginxModel, type NginxModel } from './nginx-servers';
import { applyRewrite } from './nginx-regex';
import { locationText } from './matching';
import { routeRequest, type RouteDecision } from './route';

const SOURCE = { document: 0, line: 0, column: 0 };

function ingress(name: string, rules: IngressRule[], annotations: Record<string, string> = {}): IngressSpec {
  return {
    namespace: 'default',
    name,
    className: 'nginx',
    annotations,
    defaultBackend: null,
    tls: [],
    rules,
    served: true,
    loadBalancerIPs: [],
    source: SOURCE,
  };
}

function path(pathType: IngressPath['pathType'], p: string, service: string): IngressPath {
  return { path: p, pathType, backend: { kind: 'service', service, port: 80 } };
}

function get(model: NginxModel, url: string): RouteDecision {
  const m = /^(https?):\/\/([^/]+)(.*)$/.exec(url)!;
  return routeRequest(model, { scheme: m[1] as 'http' | 'https', host: m[2]!, path: m[3] || '/' });
}

/** `service path` for a proxied request, else the action's kind. */
function sent(d: RouteDecision): string {
  return d.action.kind === 'proxy' ? `${d.action.upstream.service} ${d.action.path}` : d.action.kind;
}

const REWRITE = 'nginx.ingress.kubernetes.io/rewrite-target';
const USE_REGEX = 'nginx.ingress.kubernetes.io/use-regex';

describe("the docs' rewrite example (examples/rewrite: /something(/|$)(.*) → /$2)", () => {
  const model = buildNginxModel([
    ingress(
      'rewrite',
      [
        {
          host: 'rewrite.bar.com',
          paths: [path('ImplementationSpecific', '/something(/|$)(.*)', 'http-svc')],
        },
      ],
      { [USE_REGEX]: 'true', [REWRITE]: '/$2' },
    ),
  ]);

  it('writes a caseless regex location and the rewrite directive', () => {
    const d = get(model, 'http://rewrite.bar.com/something/new');
    expect(locationText(d.location)).toBe('location ~* "^/something(/|$)(.*)"');
    expect(d.action).toMatchObject({
      kind: 'proxy',
      path: '/new',
      rewrite: { directive: 'rewrite "(?i)/something(/|$)(.*)" /$2 break;', path: '/new' },
    });
  });

  it('rewrites as the docs list: /something → /, /something/ → /, /something/new → /new', () => {
    expect(sent(get(model, 'http://rewrite.bar.com/something'))).toBe('http-svc /');
    expect(sent(get(model, 'http://rewrite.bar.com/something/'))).toBe('http-svc /');
    expect(sent(get(model, 'http://rewrite.bar.com/something/new'))).toBe('http-svc /new');
    expect(sent(get(model, 'http://rewrite.bar.com/something/a/b?x=1'))).toBe('http-svc /a/b?x=1');
  });

  it('matches without regard to case (~*), and leaves other paths to the default backend', () => {
    expect(sent(get(model, 'http://rewrite.bar.com/SOMETHING/New'))).toBe('http-svc /New');
    expect(get(model, 'http://rewrite.bar.com/other').action.kind).toBe('default-backend');
    // /somethingelse: `(/|$)` needs a slash or the end after "something".
    expect(get(model, 'http://rewrite.bar.com/somethingelse').action.kind).toBe('default-backend');
  });
});

describe('use-regex across the Ingresses of a host', () => {
  const model = buildNginxModel([
    ingress('plain', [
      { host: 'h.com', paths: [path('Prefix', '/api', 'api'), path('Exact', '/exact', 'exact')] },
    ]),
    ingress(
      'regex',
      [{ host: 'h.com', paths: [path('ImplementationSpecific', '/v[0-9]+/items', 'items')] }],
      {
        [USE_REGEX]: 'true',
      },
    ),
    ingress('elsewhere', [{ host: 'other.com', paths: [path('Exact', '/exact', 'exact')] }]),
  ]);

  it('turns every location of the host into ~* "^path", even those of an Ingress without the annotation', () => {
    const rows = model.servers.get('h.com')!.locations.map(locationText);
    expect(rows).toEqual([
      'location ~* "^/v[0-9]+/items"',
      'location ~* "^/exact"',
      'location ~* "^/api/"',
      'location ~* "^/api"',
      'location ~* "^/"',
    ]);
    // Another host keeps its plain locations.
    expect(model.servers.get('other.com')!.locations.map(locationText)).toContain('location = /exact');
  });

  it('makes an Exact path a case-insensitive prefix once the host uses regex', () => {
    expect(sent(get(model, 'http://h.com/exact/more'))).toBe('exact /exact/more');
    expect(sent(get(model, 'http://h.com/EXACT'))).toBe('exact /EXACT');
    expect(sent(get(model, 'http://other.com/exact/more'))).toBe('default-backend');
  });

  it('tries regex locations longest path first; the first match wins', () => {
    expect(sent(get(model, 'http://h.com/v2/items/7'))).toBe('items /v2/items/7');
    expect(sent(get(model, 'http://h.com/apix'))).toBe('api /apix');
  });

  it('implies use-regex from rewrite-target, and keeps a Prefix path of that Ingress as written', () => {
    const m = buildNginxModel([
      ingress('r', [{ host: 'h.com', paths: [path('Prefix', '/app', 'app')] }], { [REWRITE]: '/' }),
    ]);
    expect(m.servers.get('h.com')!.locations.map(locationText)).toEqual([
      'location ~* "^/app"',
      'location ~* "^/"',
    ]);
    expect(sent(get(m, 'http://h.com/app/x'))).toBe('app /');
  });

  it('compares the target with the location path after normalisation, as ingress-nginx does', () => {
    // rewrite-target "/app" equals the Ingress path, so location.go still normalises `Prefix /app` to
    // `/app/` plus `= /app`; the template then compares "/app" with "/app/", finds a rewrite, and
    // enforces regex: `/app/x` is sent upstream as `/app` (nginx rewrite replaces the whole URI).
    const m = buildNginxModel([
      ingress('r', [{ host: 'h.com', paths: [path('Prefix', '/app', 'app')] }], { [REWRITE]: '/app' }),
    ]);
    expect(m.servers.get('h.com')!.locations.map(locationText)).toEqual([
      'location ~* "^/app/"',
      'location ~* "^/app"',
      'location ~* "^/"',
    ]);
    expect(get(m, 'http://h.com/app/x').action).toMatchObject({ path: '/app' });
    expect(get(m, 'http://h.com/app').action).toMatchObject({ path: '/app', rewrite: null });
  });

  it('leaves out a path that is not a valid regex (nginx -t would fail)', () => {
    const m = buildNginxModel([
      ingress('bad', [{ host: 'h.com', paths: [path('ImplementationSpecific', '/a(b', 'x')] }], {
        [USE_REGEX]: 'true',
      }),
    ]);
    expect(m.skipped).toMatchObject([{ path: '/a(b', why: expect.stringContaining('nginx -t fails') }]);
  });
});

describe('rewrite-target replacement (nginx rewrite)', () => {
  it('fills numbered and named captures; a missing group is empty', () => {
    expect(applyRewrite('/api/(?<ver>v\\d)/(.*)', '/$ver/$2', '/api/v1/users', '')).toEqual({
      kind: 'rewritten',
      uri: '/v1/users',
      args: '',
    });
    expect(applyRewrite('/x(/|$)(.*)', '/$2$3', '/x', 'a=1')).toEqual({
      kind: 'rewritten',
      uri: '/',
      args: 'a=1',
    });
  });

  it("puts the target's own arguments first and the request's after them", () => {
    expect(applyRewrite('/s/(.*)', '/search?q=$1', '/s/cat', 'page=2')).toEqual({
      kind: 'rewritten',
      uri: '/search',
      args: 'q=cat&page=2',
    });
  });

  it('redirects when the target is an absolute URL', () => {
    expect(applyRewrite('/old/(.*)', 'https://new.example.com/$1', '/old/a', '')).toEqual({
      kind: 'redirect',
      location: 'https://new.example.com/a',
    });
  });
});
