// The YAML fast path reads what the full parser reads, and places every diagnostic where the full parser
// would: both readers run on the repository's scenarios and on hundreds of broken variants of them.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { parseScenario } from './parse-scenario';
import { TYPED_KEYS } from './value-nodes';
import { readBlockYaml } from './yaml-fast-path';
import { COMPOSE_OPTIONS, resolvePlain } from './yaml-schema';

const root = new URL('../../', import.meta.url).pathname;
const files = ['scenarios', 'scenarios/conformance', 'engine/scenario/testdata', 'lessons'].flatMap((dir) =>
  readdirSync(`${root}${dir}`)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `${dir}/${f}`),
);

/** Everything a reader gives, positions included (JSON.stringify reads the lazily placed sources). */
function readBoth(text: string): { fast: string; full: string } {
  const read = (fastYaml: boolean) => JSON.stringify(parseScenario(text, 'f.yaml', { fastYaml }));
  return { fast: read(true), full: read(false) };
}

/** The scenario's documents in go-yaml's block style (the repository's files use flow lists here and there). */
function asBlockDocuments(text: string): string {
  return parseAllDocuments(text)
    .map((d) => stringify(d.toJS(), { indentSeq: false, lineWidth: 0 }))
    .join('---\n');
}

/** The scenario as one `kind: List` in kubectl's block style (list dashes at the parent key's indent). */
function asKubectlList(text: string): string {
  const items = parseAllDocuments(text)
    .map((d) => d.toJS() as unknown)
    .filter((o) => o !== null);
  return stringify(
    { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } },
    { indentSeq: false, lineWidth: 0 },
  );
}

/** Each `key: value` line in turn given a value of the wrong type, a bad name or none. */
function brokenVariants(text: string): string[] {
  const lines = text.split('\n');
  const variants: string[] = [];
  lines.forEach((line, i) => {
    const m = /^(\s*(?:- )?[\w.-]+:) \S/.exec(line);
    if (!m) return;
    for (const bad of ['yes', '-1', 'Bad_Name', '{}', '']) {
      const copy = [...lines];
      copy[i] = `${m[1]} ${bad}`.trimEnd();
      variants.push(copy.join('\n'));
    }
  });
  // About 30 of them, spread over the file, so the test stays short.
  const step = Math.max(1, Math.floor(variants.length / 30));
  return variants.filter((_, i) => i % step === 0);
}

describe('YAML fast path', () => {
  it.each(files)('%s: the same scenario and diagnostics as the full parser', (file) => {
    const { fast, full } = readBoth(readFileSync(`${root}${file}`, 'utf8'));
    expect(fast).toBe(full);
  });

  it('takes the block YAML kubectl prints (and gives up on flow collections over several lines)', () => {
    const yaml = asBlockDocuments(readFileSync(`${root}scenarios/default.yaml`, 'utf8'));
    expect(readBlockYaml(yaml)?.length).toBe(parseAllDocuments(yaml).length);
    expect(readBlockYaml('a: {b: 1}\n')?.[0]?.value).toEqual({ a: { b: 1 } });
    expect(readBlockYaml('a: {b: 1,\n  c: 2}\n')).toBeNull();
    expect(readBlockYaml('a: &x 1\nb: *x\n')).toBeNull();
    expect(readBlockYaml('a: 1\na: 2\n')).toBeNull(); // a duplicate key: the full parser reports it
    const text =
      "---\nitems:\n- a: 'it''s'\n  b: \"\\u00e9\\n\"\n  c: |\n    x\n\n    y\n  d: yes\n  e: 010\n- []\n---\n";
    const docs = readBlockYaml(text);
    expect(docs?.map((d) => d.value)).toEqual([
      { items: [{ a: "it's", b: 'é\n', c: 'x\n\ny\n', d: true, e: 8 }, []] },
      null,
    ]);
    expect(docs?.[0]?.items?.offsets).toEqual([text.indexOf('- a'), text.indexOf('- []')]);
  });

  describe('managedFields, checked but not made', () => {
    const service = (managed: string) =>
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  managedFields:',
        managed,
        '  name: web',
        'spec:',
        '  ports:',
        '  - port: 80',
        '',
      ].join('\n');
    const fine = [
      '  - apiVersion: v1',
      '    fieldsType: FieldsV1',
      '    fieldsV1:',
      '      f:metadata:',
      '        f:annotations:',
      '          .: {}',
      '          f:note: {}',
      '    manager: "kubectl-client-side-apply\\u0021"',
      '    operation: Update',
    ].join('\n');

    it('gives an empty list for it and reads the rest of the object', () => {
      const docs = readBlockYaml(service(fine));
      expect(docs?.map((d) => d.value)).toEqual([
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { managedFields: [], name: 'web' },
          spec: { ports: [{ port: 80 }] },
        },
      ]);
    });

    it.each([
      ['a flow mapping over two lines', fine.replace('.: {}', '.: {a: 1,\n            b: 2}')],
      ['an unclosed flow mapping', fine.replace('.: {}', '.: {a: 1')],
      ['a duplicate key', fine.replace('f:note: {}', 'f:note: {}\n          f:note: {}')],
      ['an escape YAML does not have', fine.replace('\\u0021', '\\q')],
      ['a hex escape without its digits', fine.replace('\\u0021', '\\x2')],
      ['a tab in indentation', fine.replace('    operation', '\toperation')],
      ['an alias', fine.replace('operation: Update', 'operation: *x')],
      ['a value over two lines', fine.replace('operation: Update', 'operation: Up\n      date')],
    ])('sends a file with %s in it to the full parser, which places the problem', (_, broken) => {
      const text = service(broken);
      expect(readBlockYaml(text)).toBeNull();
      const { fast, full } = readBoth(text);
      expect(fast).toBe(full);
    });

    it('places a problem in the object beside it where the full parser does', () => {
      const text = service(fine).replace('  - port: 80', '  - port: yes');
      expect(readBlockYaml(text)).not.toBeNull();
      const { fast, full } = readBoth(text);
      expect(fast).toBe(full);
      expect(full).toContain('"severity":"error"');
    });
  });

  it('reads a key seen before as it read it the first time (typed keys too)', () => {
    const text = 'a:\n  1: x\n  y: 2\nb:\n  1: z\n  y: 3\n  0x1: w\n';
    // The second mapping has two keys of the value 1 (`1` and `0x1`): the full parser's to report.
    expect(readBlockYaml(text)).toBeNull();
    // Typed keys are kept under their text, their values beside (as the first reading of each gave them).
    const value = readBlockYaml(text.replace('  0x1: w\n', '  .: w\n'))?.[0]?.value as Record<
      string,
      Record<string | symbol, unknown>
    >;
    expect(value).toEqual({
      a: { '1': 'x', y: 2, [TYPED_KEYS]: { '1': 1, y: true } },
      b: { '1': 'z', y: 3, '.': 'w', [TYPED_KEYS]: { '1': 1, y: true, '.': NaN } },
    });
  });

  it.each([
    ['the default scenario', asBlockDocuments],
    ['the default scenario as a kubectl List', asKubectlList],
  ])('places each problem of a broken file where the full parser does: %s', (_, shape) => {
    const text = shape(readFileSync(`${root}scenarios/default.yaml`, 'utf8'));
    expect(readBlockYaml(text)).not.toBeNull();
    const variants = brokenVariants(text);
    expect(variants.length).toBeGreaterThanOrEqual(30);
    let withErrors = 0;
    for (const variant of variants) {
      const { fast, full } = readBoth(variant);
      expect(fast).toBe(full);
      if (full.includes('"severity":"error"')) withErrors++;
    }
    expect(withErrors).toBeGreaterThan(5);
  });

  it('reads plain scalars as the full parser does (YAML 1.1: yes, 010, 0x1f, 1_000, .5, ~)', () => {
    const samples = [
      ...'y Y yes Yes YES n no NO true False on OFF null Null NULL ~ nan NaN .nan .inf -.Inf'.split(' '),
      ...'0 010 019 0x1f 0b101 1_000 -7 +3 1.5 .5 5. 1e3 1.5e-3 190:20:30 1:20 2026-11-02 10.96.0.1'.split(
        ' ',
      ),
      ...'. .. -a f:spec k:{"a":1} nginx yesno Yess team-1 8080/TCP'.split(' '),
    ];
    for (const s of samples)
      expect([s, resolvePlain(s)]).toEqual([s, parse(`${s}\n`, COMPOSE_OPTIONS) as unknown]);
  });
});
