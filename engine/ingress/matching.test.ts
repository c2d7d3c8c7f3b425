// The Kubernetes docs' tables (concepts/services-networking/ingress.md, "Examples" and "Hostname wildcards")
// as specifications of the API's matching rules.
import { describe, expect, it } from 'vitest';
import type { IngressPathType } from '../model/scenario';
import { DOCS_PATH_TABLE } from './docs-path-table';
import { chooseLocation, hostMatches, specPathMatches } from './matching';

/** The docs' precedence: longest matching path, then Exact over Prefix. */
function specWinner(paths: [IngressPathType, string][], req: string): string | null {
  const hits = paths.filter(([t, p]) => specPathMatches(t, p, req));
  hits.sort((a, b) => b[1].length - a[1].length || (a[0] === 'Exact' ? -1 : 0) - (b[0] === 'Exact' ? -1 : 0));
  const best = hits[0];
  if (!best) return null;
  return paths.some(([t, p]) => p === best[1] && t !== best[0]) ? `${best[0]} ${best[1]}` : best[1];
}

describe('path matching as the Kubernetes docs define it', () => {
  for (const row of DOCS_PATH_TABLE) {
    it(`${row.paths.map(([t, p]) => `${t} ${p}`).join(', ')} ← ${row.req}: ${row.winner ?? 'default backend'}`, () => {
      expect(specWinner(row.paths, row.req)).toBe(row.winner);
    });
  }

  it('is case-sensitive', () => {
    expect(specPathMatches('Exact', '/foo', '/FOO')).toBe(false);
    expect(specPathMatches('Prefix', '/foo', '/FOO/bar')).toBe(false);
  });

  it('reads ImplementationSpecific as ingress-nginx does: a string prefix, no element boundary', () => {
    expect(specPathMatches('ImplementationSpecific', '/foo', '/foobar')).toBe(true);
    expect(specPathMatches('ImplementationSpecific', '', '/anything')).toBe(true);
  });
});

describe('host wildcards (docs table)', () => {
  it.each([
    ['*.foo.com', 'bar.foo.com', true],
    ['*.foo.com', 'baz.bar.foo.com', false],
    ['*.foo.com', 'foo.com', false],
    ['foo.bar.com', 'foo.bar.com', true],
    ['foo.bar.com', 'FOO.bar.com:8080', true],
    ['foo.bar.com', 'bar.com', false],
  ] as const)('%s against Host %s: %s', (rule, host, expected) => {
    expect(hostMatches(rule, host)).toBe(expected);
  });
});

describe('nginx location choice', () => {
  it('takes an exact location over any prefix, else the longest prefix', () => {
    const locations = [
      { exact: false, path: '/' },
      { exact: false, path: '/aaa/' },
      { exact: true, path: '/aaa' },
      { exact: false, path: '/aaa/bbb/' },
    ];
    expect(chooseLocation(locations, '/aaa')).toBe(2);
    expect(chooseLocation(locations, '/aaa/bbb/c')).toBe(3);
    expect(chooseLocation(locations, '/aaa/bb')).toBe(1);
    expect(chooseLocation(locations, '/zzz')).toBe(0);
  });
});
