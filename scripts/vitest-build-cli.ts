// Vitest global setup: the CLI tests run the bundled CLI, as users do, so the bundle is rebuilt first when
// any engine source is newer than it (a fresh `npm ci` has just built it; an edit makes it stale).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'dist/cli/podpath.mjs');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export default function setup(): void {
  let built = 0;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    built = 0;
  }
  const sources = Math.max(
    newestSource(join(root, 'engine')),
    statSync(join(root, 'scripts/build-cli.mjs')).mtimeMs,
  );
  if (built >= sources) return;
  const r = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not bundle the CLI (scripts/build-cli.mjs)');
}
