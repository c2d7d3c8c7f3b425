// The layer rule (eslint/layers.js) as the project's own lint runs it: an import planted upward, across to
// a sibling of the same layer, or from the app past engine/index.ts fails lint; the same import pointing
// down passes. Files are linted as text under a path that does not exist, so nothing is written.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../eslint/layers.js';

const cwd = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'podpath/layers').map((m) => m.message);
}

describe('podpath/layers: imports go one way', () => {
  // The first lint loads typescript-eslint's parser and the config: seconds on a busy machine, not a test.
  beforeAll(() => layerErrors('engine/net/warm-up.ts', ''), 120_000);

  it('fails on engine/net importing engine/datapath (an upward import)', async () => {
    const errors = await layerErrors(
      'engine/net/planted.ts',
      "import { HOP_KINDS } from '../datapath/hop';\nexport const kinds = HOP_KINDS;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/upward import: engine\/net \(layer 0\) may not import engine\/datapath/);
  });

  it('counts type-only imports too', async () => {
    const errors = await layerErrors(
      'engine/netfilter/nft/planted.ts',
      "import type { Hop } from '../../datapath/hop';\nexport type H = Hop;\n",
    );
    expect(errors).toHaveLength(1);
  });

  it('fails on a re-export and on a dynamic import going up', async () => {
    const errors = await layerErrors(
      'engine/model/planted.ts',
      "export { traceToJson } from '../trace/json';\nexport const later = () => import('../cluster/cluster');\n",
    );
    expect(errors).toHaveLength(2);
  });

  it('keeps folders of one layer apart (dns and ingress)', async () => {
    const errors = await layerErrors(
      'engine/dns/planted.ts',
      "import type { MatchRow } from '../ingress/route';\nexport type R = MatchRow;\n",
    );
    expect(errors).toHaveLength(1);
  });

  it('passes the same kind of import pointing down', async () => {
    const errors = await layerErrors(
      'engine/datapath/planted.ts',
      "import type { Packet } from '../net/packet';\nimport type { Ruleset } from '../netfilter/ruleset';\nexport type P = [Packet, Ruleset];\n",
    );
    expect(errors).toEqual([]);
  });

  it('sends the app through engine/index.ts', async () => {
    expect(
      await layerErrors(
        'app/panels/Planted.tsx',
        "import type { TraceJson } from '../../engine/trace/json';\nexport type T = TraceJson;\n",
      ),
    ).toHaveLength(1);
    expect(
      await layerErrors(
        'app/panels/Planted.tsx',
        "import type { TraceJson } from '../../engine';\nexport type T = TraceJson;\n",
      ),
    ).toEqual([]);
  });

  it('fails on app/scene importing app/panels', async () => {
    const errors = await layerErrors(
      'app/scene/planted.ts',
      "import { formatRule } from '../panels/RuleWalk';\nexport const f = formatRule;\n",
    );
    expect(errors).toHaveLength(1);
  });

  it('names a folder missing from the table', async () => {
    const errors = await layerErrors(
      'engine/newthing/planted.ts',
      "import type { Ipv4 } from '../net/ipv4';\nexport type I = Ipv4;\n",
    );
    expect(errors[0]).toMatch(/engine\/newthing is not in the layer table/);
  });
});

/** The rows of docs/architecture.md's layer table under `### ROOT/`, lowest first, as the names they list. */
function documentedLayers(root: string): string[][] {
  const page = readFileSync(new URL('../docs/architecture.md', import.meta.url), 'utf8');
  const section = page.split(`### ${root}/\n`)[1]?.split(/\n#{2,3} /)[0] ?? '';
  const rows = [...section.matchAll(/^\| (\d+) \| ([^|]+) \|/gm)].map((m) => ({
    row: Number(m[1]),
    names: [...m[2]!.matchAll(/`([^`]+)`/g)].map((n) => n[1]!.replace(/\/$/, '')).sort(),
  }));
  return rows.sort((a, b) => a.row - b.row).map((r) => r.names);
}

describe('docs/architecture.md draws the layer table lint enforces', () => {
  for (const root of ['engine', 'app'] as const) {
    it(`lists ${root}/'s rows as eslint/layers.js does, row for row`, () => {
      const documented = documentedLayers(root);
      expect(documented.length).toBeGreaterThan(5);
      expect(documented).toEqual(LAYERS[root].map((layer) => [...layer].sort()));
    });
  }
});
