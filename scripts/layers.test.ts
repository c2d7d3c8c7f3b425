// The layer rule (eslint/layers.js) as the project's own lint runs it: an import planted upward, across to
// a sibling of the same layer, or from the app past engine/index.ts fails lint; the same import pointing
// down passes. Files are linted as text under a path that does not exist, so nothing is written.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

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
