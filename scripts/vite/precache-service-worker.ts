// Writes dist/sw.js after the build: the template in app/offline/ with the list of every file the build
// wrote (hashed chunks, the engine worker, CSS, public/ icons) and a version hashed from their contents.
// Reading the output folder rather than the bundle catches the worker's separate bundle and public/ too.
// (vite-plugin-pwa works with vite 8 but brings Workbox, Babel, Rollup and Terser: 310 more packages for
// what these sixty lines do.)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';

export const SERVICE_WORKER_FILE = 'sw.js';
const TEMPLATE = new URL('../../app/offline/service-worker.template.js', import.meta.url);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** The service worker's source for a build folder: what to precache and the cache's version. */
export function serviceWorkerSource(outDir: string, template: string): string {
  const files = filesUnder(outDir)
    .map((path) => relative(outDir, path).split(sep).join('/'))
    .filter((name) => name !== SERVICE_WORKER_FILE && !name.endsWith('.map'))
    .sort();
  const hash = createHash('sha256');
  for (const name of files)
    hash
      .update(name)
      .update('\0')
      .update(readFileSync(join(outDir, name)));
  // index.html is fetched as the scope's root, the URL a visit actually loads.
  const urls = files.map((name) => (name === 'index.html' ? './' : `./${name}`));
  return template
    .replace("'__PODPATH_VERSION__'", JSON.stringify(hash.digest('hex').slice(0, 16)))
    .replace('__PODPATH_PRECACHE__', JSON.stringify(urls));
}

export function precacheServiceWorker(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'podpath-precache-service-worker',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    closeBundle() {
      const outDir = resolve(config.root, config.build.outDir);
      const source = serviceWorkerSource(outDir, readFileSync(TEMPLATE, 'utf8'));
      writeFileSync(join(outDir, SERVICE_WORKER_FILE), source);
    },
  };
}
