// Answers ingress-nginx gives itself: app-root (302 for `/` at server level), permanent-redirect (301 or
// permanent-redirect-code) and temporal-redirect (302, winning over permanent), all before the redirect
// to HTTPS; and the annotations as the controller's parsers read them.
import { describe, expect, it } from 'vitest';
import type { IngressRule, IngressSpec } from '../model/scenario';
import { readLocationAnnotations, parseGoBool, type AnnotationProblem } from './annotations';
import { buildNginxModel, type NginxModel } from './nginx-servers';
import { routeRequest, type RouteDecision } from './route';

const SOURCE = { document: 0, line: 0, column: 0 };
const A = 'nginx.ingress.kubernetes.io/';

function ingress(
  name: string,
  host: string,
  annotations: Record<string, string>,
  extra: Partial<IngressSpec> = {},
): IngressSpec {
  const rules: IngressRule[] = [
    {
      host,
      paths: [{ path: '/', pathType: 'Prefix', backend: { kind: 'service', service: 'web', port: 80 } }],
    },
  ];
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
    ...extra,
  };
}

function get(model: NginxModel, url: string): RouteDecision {
  const m = /^(https?):\/\/([^/]+)(.*)$/.exec(url)!;
  return routeRequest(model, { scheme: m[1] as 'http' | 'https', host: m[2]!, path: m[3] || '/' });
}

describe('app-root', () => {
  const m = buildNginxModel([
    ingress('app', 'approot.bar.com', { [`${A}app-root`]: '/app1' }),
    ingress(
      'tls',
      'secure.bar.com',
      { [`${A}app-root`]: '/app1' },
      { tls: [{ hosts: ['secure.bar.com'], secretName: 's' }] },
    ),
  ]);

  it('answers / with 302 to $scheme://$http_host<app-root>, and proxies everything else', () => {
    expect(get(m, 'http://approot.bar.com/').action).toEqual({
      kind: 'redirect',
      status: 302,
      location: 'http://approot.bar.com/app1',
      reason: 'app-root',
    });
    expect(get(m, 'http://approot.bar.com:8080/').action).toMatchObject({
      location: 'http://approot.bar.com:8080/app1',
    });
    expect(get(m, 'http://approot.bar.com/app1').action.kind).toBe('proxy');
  });

  it('runs at server level, before the redirect to HTTPS', () => {
    expect(get(m, 'http://secure.bar.com/').action).toMatchObject({ status: 302, reason: 'app-root' });
    expect(get(m, 'http://secure.bar.com/x').action).toMatchObject({ status: 308, reason: 'ssl-redirect' });
  });
});

describe('permanent-redirect and temporal-redirect', () => {
  const m = buildNginxModel([
    ingress('perm', 'perm.com', { [`${A}permanent-redirect`]: 'https://www.example.com' }),
    ingress('perm308', 'perm308.com', {
      [`${A}permanent-redirect`]: 'https://www.example.com/x',
      [`${A}permanent-redirect-code`]: '308',
    }),
    ingress('temp', 'temp.com', { [`${A}temporal-redirect`]: 'https://maintenance.example.com' }),
    ingress('both', 'both.com', {
      [`${A}permanent-redirect`]: 'https://p.example.com',
      [`${A}temporal-redirect`]: 'https://t.example.com',
    }),
    ingress(
      'tls',
      'secure.com',
      { [`${A}permanent-redirect`]: 'https://moved.example.com' },
      {
        tls: [{ hosts: ['secure.com'], secretName: 's' }],
      },
    ),
  ]);

  it('answers 301 with the URL as Location, whatever the path, without a backend', () => {
    expect(get(m, 'http://perm.com/any/path').action).toEqual({
      kind: 'redirect',
      status: 301,
      location: 'https://www.example.com',
      reason: 'permanent-redirect',
    });
  });

  it('uses permanent-redirect-code, and 302 for temporal-redirect', () => {
    expect(get(m, 'http://perm308.com/').action).toMatchObject({
      status: 308,
      location: 'https://www.example.com/x',
    });
    expect(get(m, 'http://temp.com/').action).toMatchObject({ status: 302, reason: 'temporal-redirect' });
  });

  it('lets temporal-redirect win when both are set', () => {
    expect(get(m, 'http://both.com/').action).toMatchObject({
      status: 302,
      location: 'https://t.example.com',
    });
  });

  it("returns before Lua's redirect to HTTPS", () => {
    expect(get(m, 'http://secure.com/').action).toMatchObject({
      status: 301,
      location: 'https://moved.example.com',
    });
  });
});

describe('reading the annotations', () => {
  it("reads booleans as Go's ParseBool, an unparsable value keeping the default", () => {
    expect(parseGoBool('True')).toBe(true);
    expect(parseGoBool('0')).toBe(false);
    expect(parseGoBool('yes')).toBeNull();
    expect(readLocationAnnotations({ [`${A}ssl-redirect`]: 'yes' }).sslRedirect).toBe(true);
    expect(readLocationAnnotations({ [`${A}ssl-redirect`]: 'F' }).sslRedirect).toBe(false);
  });

  it('falls back to 301 and 302 for codes outside 300–308', () => {
    const p = readLocationAnnotations({
      [`${A}permanent-redirect`]: 'http://a',
      [`${A}permanent-redirect-code`]: '418',
    });
    expect(p.redirect).toMatchObject({ code: 301 });
    const t = readLocationAnnotations({
      [`${A}temporal-redirect`]: 'http://a',
      [`${A}temporal-redirect-code`]: '307',
    });
    expect(t.redirect).toMatchObject({ code: 307 });
  });

  it('refuses a redirect that is not http(s) and an app-root that is not a path, saying why', () => {
    const problems: AnnotationProblem[] = [];
    const a = readLocationAnnotations(
      { [`${A}permanent-redirect`]: 'ftp://files', [`${A}app-root`]: 'https://x.com/app' },
      problems,
    );
    expect(a.redirect).toBeNull();
    expect(a.appRoot).toBe('');
    expect(problems.map((p) => p.key)).toEqual([`${A}app-root`, `${A}permanent-redirect`]);
    expect(problems[1]!.message).toContain('only http and https are valid protocols (ftp)');
  });
});
