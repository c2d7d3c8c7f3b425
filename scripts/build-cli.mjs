#!/usr/bin/env node
// Bundles the CLI into one ESM file that plain node runs: no TypeScript compiled at start-up (tsx took
// ~0.7 s of every run). `npm install` and `npm ci` run it through the `prepare` script, so a fresh clone's
// `npx podpath` works after the README's `npm install`. tsx stays outside the bundle: only `podpath lab`
// loads it, to run the kernel lab's TypeScript.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = performance.now();
await build({
  absWorkingDir: root,
  entryPoints: ['engine/cli/podpath.ts'],
  // dist/cli/ sits as deep as engine/cli/, so paths relative to the CLI's own file (the lab) hold in both.
  outfile: 'dist/cli/podpath.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['tsx', 'tsx/*'],
  // yaml's ES module build (the one browsers get) rather than its CommonJS one: an ES module's exports are
  // plain bindings, while a bundled CommonJS module is reached through one getter per exported name on every
  // call (isScalar, isMap… ran through that getter ~0.6 s in a 10,000-Service dump's validate).
  alias: { yaml: './node_modules/yaml/browser/index.js' },
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  // The yaml package's node build is CommonJS and requires node's built-ins; an ES module has no require.
  banner: {
    js: "import { createRequire as __podpathRequire } from 'node:module'; const require = __podpathRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
process.stdout.write(
  `podpath CLI bundled to dist/cli/podpath.mjs in ${Math.round(performance.now() - started)} ms\n`,
);
