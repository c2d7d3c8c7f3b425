// One-way layering of engine/ and app/, as a lint rule: each top-level folder (or file) of a root sits in a
// layer, and a file may import only from its own folder or from a lower layer. Two folders in the same
// layer are independent of each other. docs/architecture.md draws the same table; change both together.
// Tests and test helpers are left out (a test may reach across layers to set up what it checks), as
// shared/tools/import_cycles.py leaves them out.
import { statSync } from 'node:fs';
import path from 'node:path';

/** Lowest layer first. */
export const LAYERS = {
  engine: [
    ['net', 'random.ts', 'hash', 'share'],
    ['ipvs'],
    ['netfilter'],
    ['model'],
    // The kernel's datapath needs only packets, rules and namespaces; flannel's backends plug their tunnel
    // drivers into it (engine/datapath/tunnel.ts), so it sits below overlay.
    ['datapath'],
    ['dns', 'ingress', 'overlay'],
    ['cni'],
    ['topology'],
    ['inspect'],
    ['kube-proxy'],
    ['scenario'],
    ['trace'],
    ['cluster'],
    ['protocol.ts'],
    ['request-handler.ts', 'index.ts'],
    ['worker.ts', 'cli'],
  ],
  app: [
    [
      'trace-view',
      'dns',
      'machines',
      'engine-client',
      'whatif',
      'focus-origin.ts',
      'glossary',
      'offline',
      'trusted-types.ts',
      'file-size.ts',
    ],
    ['store', 'commands'],
    ['session'],
    ['app-context.ts'],
    ['lessons'],
    ['share', 'compare', 'scene', 'keyboard.ts', 'debug-handle.ts', 'open-file'],
    ['panels', 'cni', 'library'],
    ['App.tsx'],
    ['main.tsx'],
  ],
};

/** The only engine files app/ may import: the entry, the protocol (the worker is loaded by URL). */
const ENGINE_DOORS = new Set(['engine/index.ts', 'engine/protocol.ts']);

const TEST_FILE = /\.(test|spec)\.tsx?$|\/testing\/|test-helpers|test-fixture|fixtures/;
const EXTENSIONS = ['', '.ts', '.tsx', '/index.ts'];

function isFile(p) {
  return statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
}

function rankOf(root, mod) {
  const layers = LAYERS[root];
  const i = layers.findIndex((layer) => layer.includes(mod));
  return i < 0 ? null : i;
}

/** `engine/dns/resolve.ts` → { root: 'engine', mod: 'dns' }; `engine/index.ts` → mod 'index.ts'. */
function placeOf(rel) {
  const parts = rel.split('/');
  if (parts.length < 2 || !(parts[0] in LAYERS)) return null;
  return { root: parts[0], mod: parts[1] };
}

function resolveTarget(fromRel, spec, exists) {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), spec.replace(/\.js$/, '')));
  for (const ext of EXTENSIONS) if (exists(base + ext)) return base + ext;
  return base;
}

export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports go down the layer table of engine/ and app/ (eslint/layers.js).' },
    schema: [],
  },
  create(context) {
    const cwd = context.cwd;
    const fileRel = path.relative(cwd, context.filename).split(path.sep).join('/');
    const from = placeOf(fileRel);
    if (!from || TEST_FILE.test(fileRel)) return {};
    const fromRank = rankOf(from.root, from.mod);
    const exists = (rel) => isFile(path.join(cwd, rel));
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      // Stylesheets, data and `?raw` imports are not modules of the layer table.
      if (/\.(?!tsx?$|js$)[a-z]+(\?.*)?$/.test(spec)) return;
      const targetRel = resolveTarget(fileRel, spec, exists);
      const to = placeOf(targetRel);
      if (!to) return;
      if (from.root === 'app' && to.root === 'engine') {
        if (!ENGINE_DOORS.has(targetRel))
          context.report({
            node,
            message: `app/ reaches the engine through engine/index.ts (or engine/protocol.ts), not ${targetRel}: export what the app needs from engine/index.ts.`,
          });
        return;
      }
      if (to.root !== from.root) return; // engine → app is refused by no-restricted-imports
      if (to.mod === from.mod) return;
      if (fromRank === null) {
        context.report({
          node,
          message: `${from.root}/${from.mod} is not in the layer table: add it to eslint/layers.js (and docs/architecture.md).`,
        });
        return;
      }
      const toRank = rankOf(to.root, to.mod);
      if (toRank === null) {
        context.report({
          node,
          message: `${to.root}/${to.mod} is not in the layer table: add it to eslint/layers.js (and docs/architecture.md).`,
        });
        return;
      }
      if (toRank >= fromRank)
        context.report({
          node,
          message: `upward import: ${from.root}/${from.mod} (layer ${fromRank}) may not import ${to.root}/${to.mod} (layer ${toRank}). Move the shared piece down, or if the dependency is right, move the folder in eslint/layers.js and docs/architecture.md.`,
        });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export default { rules: { layers: layersRule } };
