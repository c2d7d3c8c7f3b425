// Warnings about ingress-nginx annotations and regex paths, each on the line that causes it.
import { describe, expect, it } from 'vitest';
import { warningsOf } from './test-helpers';

const svc =
  'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{name: http, port: 80}]}\n---\n';

function ingress(annotations: string, path: string, pathType = 'ImplementationSpecific'): string {
  return `${svc}apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: i
  annotations:
${annotations}
spec:
  ingressClassName: nginx
  rules:
  - host: a.example.com
    http:
      paths:
      - path: ${path}
        pathType: ${pathType}
        backend: {service: {name: web, port: {number: 80}}}
`;
}

/** Warnings about the Ingress (not the Service without pods), as `line: message`. */
function ingressWarnings(text: string): string[] {
  return warningsOf(text)
    .filter((w) => w.line > 5)
    .map((w) => `${w.line}:${w.column}: ${w.message}`);
}

describe('annotations ingress-nginx reads but Podpath does not carry out', () => {
  it('warns on the line of each one, naming it; simulated ones and other prefixes are quiet', () => {
    const text = ingress(
      [
        '    nginx.ingress.kubernetes.io/use-regex: "true"',
        '    nginx.ingress.kubernetes.io/proxy-body-size: 8m',
        '    cert-manager.io/cluster-issuer: letsencrypt',
        '    nginx.ingress.kubernetes.io/canary: "true"',
      ].join('\n'),
      '/api',
    );
    expect(ingressWarnings(text)).toEqual([
      '12:50: annotation nginx.ingress.kubernetes.io/proxy-body-size is not simulated: Podpath routes this Ingress as if it were absent',
      '14:41: annotation nginx.ingress.kubernetes.io/canary is not simulated: Podpath routes this Ingress as if it were absent',
    ]);
  });

  it('warns about a value the controller refuses, on its line', () => {
    const text = ingress(
      [
        '    nginx.ingress.kubernetes.io/permanent-redirect: ftp://files.example.com',
        '    nginx.ingress.kubernetes.io/app-root: app1',
      ].join('\n'),
      '/',
      'Prefix',
    );
    expect(ingressWarnings(text)).toEqual([
      '11:53: annotation nginx.ingress.kubernetes.io/permanent-redirect: only http and https are valid protocols (ftp): ingress-nginx refuses the annotation and does not redirect',
      '12:43: annotation nginx.ingress.kubernetes.io/app-root: app-root contains an invalid value: parse "app1": invalid URI for request: ingress-nginx ignores it',
    ]);
  });
});

describe('regex paths', () => {
  it("accepts the docs' example: an ImplementationSpecific regex path with use-regex", () => {
    expect(
      ingressWarnings(
        ingress(
          '    nginx.ingress.kubernetes.io/use-regex: "true"\n    nginx.ingress.kubernetes.io/rewrite-target: /$2',
          '/something(/|$)(.*)',
        ),
      ),
    ).toEqual([]);
  });

  it('warns that a regex in a Prefix path is refused by strict-validate-path-type (issue #10200)', () => {
    expect(
      ingressWarnings(
        ingress('    nginx.ingress.kubernetes.io/use-regex: "true"', '/something(/|$)(.*)', 'Prefix'),
      ),
    ).toEqual([
      expect.stringMatching(/^18:15: path \/something\(\/\|\$\)\(\.\*\) cannot be used with pathType Prefix/),
    ]);
  });

  it('warns about a path nginx cannot compile as a regex', () => {
    expect(ingressWarnings(ingress('    nginx.ingress.kubernetes.io/use-regex: "true"', '/a(b'))).toEqual([
      expect.stringMatching(
        /^18:15: with use-regex or rewrite-target this path becomes location ~\* "\^\/a\(b", and pcre2_compile\(\) failed/,
      ),
    ]);
  });
});
