// The fast path's flow collections (yaml-flow.ts) read what the full parser reads: on generated one-line
// collections, and on the same lines with a character inserted or removed (which must either read the same
// as the full parser or give up, never read something else or accept what the full parser reports).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseScenario } from './parse-scenario';
import { syntheticScenario } from './synthetic-scenario';
import { readBlockYaml } from './yaml-fast-path';
import { COMPOSE_OPTIONS } from './yaml-schema';

/** Scalars as they are written, plain and quoted, the awkward ones included. */
const SCALARS = [
  'a',
  'b c',
  'nginx:1.25',
  'http://x/y',
  'a:b',
  ':x',
  '?x',
  '-x',
  '-1',
  '010',
  '0x1f',
  '1_000',
  '.5',
  '1e3',
  'yes',
  'No',
  'on',
  '~',
  'null',
  'true',
  'a#b',
  "it's",
  'x y z',
  '10.96.0.0/12',
  '8080',
  "'q'",
  "'it''s'",
  "''",
  '""',
  '"d\\n"',
  '"\\u00e9"',
  '"a,b"',
  "'[x]'",
  '"{y}"',
  'a-b_c.d',
];
const KEYS = ['a', 'kind', 'name', '"q"', "'s'", 'a b', 'x.y/z', '1', 'yes', '~', 'k:v'];

const gaps = fc.constantFrom('', ' ', '  ');
const flowArb = fc.letrec<{ value: string; list: string; map: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...SCALARS),
    tie('list'),
    tie('map'),
  ),
  list: fc
    .tuple(gaps, fc.array(fc.tuple(tie('value'), gaps), { maxLength: 4 }))
    .map(([g, items]) => `[${g}${items.map(([v, s]) => `${v}${s}`).join(', ')}]`),
  map: fc
    .tuple(gaps, fc.array(fc.tuple(fc.constantFrom(...KEYS), tie('value'), gaps), { maxLength: 4 }))
    .map(([g, pairs]) => `{${g}${pairs.map(([k, v, s]) => `${k}: ${v}${s}`).join(',')}}`),
}));
/** A one-line flow collection, a list or a mapping, with scalars and collections nested in it. */
const treeArb = fc.oneof(flowArb.list, flowArb.map);

/** A document holding the line as a list item of a `kind: List`, and as a mapping value. */
const documentsOf = (flow: string): string[] => [`items:\n- ${flow}\n`, `a: ${flow}\nb: 1\n`];

function agrees(text: string): void {
  const fast = readBlockYaml(text);
  if (fast === null) return; // given up: the full parser reads it
  const docs = parseAllDocuments(text, COMPOSE_OPTIONS);
  const full = Array.isArray(docs) ? docs : [docs];
  for (const d of full) {
    expect([text, d.errors.map((e) => e.message)]).toEqual([text, []]);
    expect([text, d.warnings.map((e) => e.message)]).toEqual([text, []]);
  }
  expect([text, fast.map((d) => d.value)]).toEqual([text, full.map((d) => d.toJS() as unknown)]);
}

describe('YAML fast path: one-line flow collections', () => {
  it('reads the objects of a generated kind: List as the full parser does', () => {
    const text =
      'apiVersion: v1\nkind: List\nitems:\n' +
      '- {apiVersion: v1, kind: Node, metadata: {name: n0}}\n' +
      '- {apiVersion: apps/v1, kind: Deployment, metadata: {name: d0}, spec: {replicas: 3, template: {metadata: {labels: {a: d0}}, spec: {containers: [{name: c, ports: [{containerPort: 8080}]}]}}}}\n' +
      '- {apiVersion: v1, kind: Service, metadata: {name: \'s0\', annotations: {"x/y": "a,b"}}, spec: {selector: {a: d0}, ports: [{port: 80, targetPort: 8080}]}}  # comment\n';
    const docs = readBlockYaml(text);
    expect(docs).not.toBeNull();
    expect(docs![0]!.items!.offsets).toEqual([
      text.indexOf('- {apiVersion: v1, kind: Node'),
      text.indexOf('- {apiVersion: apps/v1'),
      text.indexOf('- {apiVersion: v1, kind: Service'),
    ]);
    agrees(text);
  });

  it.each([
    'a: {b: 1,\n  c: 2}\n', // over two lines
    'a: {b: 1, }\n', // a trailing comma
    'a: [1, , 2]\n', // an empty entry
    'a: {b}\n', // a key without a value
    'a: [b: 1]\n', // a pair inside a list
    'a: {b: 1, b: 2}\n', // a repeated key
    'a: {1: x}\n', // a key YAML reads as a number
    'a: {b: &x 1}\n', // an anchor
    'a: {b: 1 # c}\n', // a comment inside
    'a: {"b":1}\n', // a JSON-like key without a space
    'a: {b: 1}}\n', // an extra bracket
  ])('gives up on %j', (text) => {
    expect(readBlockYaml(text)).toBeNull();
  });

  it('agrees with the full parser on generated collections', () => {
    fc.assert(
      fc.property(treeArb, (flow) => {
        for (const text of documentsOf(flow)) agrees(text);
      }),
      { numRuns: 250, seed: 14 },
    );
  });

  it('agrees with the full parser or gives up when a character is inserted or removed', () => {
    const edits = fc.tuple(
      treeArb,
      fc.nat(),
      fc.constantFrom('', '{', '}', '[', ']', ',', ':', ' ', '#', "'", '"', '-', '?', '&', '*', '!', '\t'),
    );
    fc.assert(
      fc.property(edits, ([flow, at, ch]) => {
        const i = at % (flow.length + 1);
        const edited =
          ch === '' ? flow.slice(0, i) + flow.slice(i + 1) : flow.slice(0, i) + ch + flow.slice(i);
        for (const text of documentsOf(edited)) agrees(text);
      }),
      { numRuns: 800, seed: 9 },
    );
  });

  it('places each problem of a generated flow-style cluster where the full parser does', () => {
    const text = syntheticScenario({ nodes: 3, services: 4, deployments: 4, replicas: 2 });
    expect(readBlockYaml(text)).not.toBeNull();
    const variants = [
      ['port: 80', 'port: -1'],
      ['port: 80', 'port: yes'],
      ['name: s2', 'name: Bad_Name'],
      ['name: s3', 'name: s1'],
      ['replicas: 2', 'replicas: -2'],
      ['containerPort: 8080', "containerPort: '8080'"],
      ['nodeName: n0', 'nodeName: n9'],
      ['{a: d1}', '{a: [d1]}'],
      ['kind: Node, metadata: {name: n1}', 'kind: Node, metadata: {name: n1, labels: {a: {}}}'],
      ['kind: Service', 'kind: Servce'],
    ];
    let withErrors = 0;
    for (const [from, to] of variants) {
      const variant = text.replace(from!, to!);
      expect(variant).not.toBe(text);
      expect(readBlockYaml(variant)).not.toBeNull();
      const read = (fastYaml: boolean) => JSON.stringify(parseScenario(variant, 'f.yaml', { fastYaml }));
      const full = read(false);
      expect(read(true)).toBe(full);
      if (full.includes('"severity":"error"')) withErrors++;
    }
    expect(withErrors).toBeGreaterThanOrEqual(6);
  });
});
