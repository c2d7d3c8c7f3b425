// The path-matching examples of the Kubernetes docs (concepts/services-networking/ingress.md), shared by the
// tests of the API's reading and of ingress-nginx's.
import type { IngressPathType } from '../model/scenario';

/** The docs' table, machine-readable (reference §6.2); winner null means the default backend. */
export const DOCS_PATH_TABLE: { paths: [IngressPathType, string][]; req: string; winner: string | null }[] = [
  { paths: [['Prefix', '/']], req: '/anything', winner: '/' },
  { paths: [['Exact', '/foo']], req: '/foo', winner: '/foo' },
  { paths: [['Exact', '/foo']], req: '/bar', winner: null },
  { paths: [['Exact', '/foo']], req: '/foo/', winner: null },
  { paths: [['Exact', '/foo/']], req: '/foo', winner: null },
  { paths: [['Prefix', '/foo']], req: '/foo', winner: '/foo' },
  { paths: [['Prefix', '/foo']], req: '/foo/', winner: '/foo' },
  { paths: [['Prefix', '/foo/']], req: '/foo', winner: '/foo/' },
  { paths: [['Prefix', '/foo/']], req: '/foo/', winner: '/foo/' },
  { paths: [['Prefix', '/aaa/bb']], req: '/aaa/bbb', winner: null },
  { paths: [['Prefix', '/aaa/bbb']], req: '/aaa/bbb', winner: '/aaa/bbb' },
  { paths: [['Prefix', '/aaa/bbb/']], req: '/aaa/bbb', winner: '/aaa/bbb/' },
  { paths: [['Prefix', '/aaa/bbb']], req: '/aaa/bbb/', winner: '/aaa/bbb' },
  { paths: [['Prefix', '/aaa/bbb']], req: '/aaa/bbb/ccc', winner: '/aaa/bbb' },
  { paths: [['Prefix', '/aaa/bbb']], req: '/aaa/bbbxyz', winner: null },
  {
    paths: [
      ['Prefix', '/'],
      ['Prefix', '/aaa'],
    ],
    req: '/aaa/ccc',
    winner: '/aaa',
  },
  {
    paths: [
      ['Prefix', '/'],
      ['Prefix', '/aaa'],
      ['Prefix', '/aaa/bbb'],
    ],
    req: '/aaa/bbb',
    winner: '/aaa/bbb',
  },
  {
    paths: [
      ['Prefix', '/'],
      ['Prefix', '/aaa'],
      ['Prefix', '/aaa/bbb'],
    ],
    req: '/ccc',
    winner: '/',
  },
  { paths: [['Prefix', '/aaa']], req: '/ccc', winner: null },
  {
    paths: [
      ['Prefix', '/foo'],
      ['Exact', '/foo'],
    ],
    req: '/foo',
    winner: 'Exact /foo',
  },
];
