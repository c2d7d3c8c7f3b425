// `npm run screenshots`: regenerates docs/screenshots/{projector,laptop,phone,presenter}.png from the built
// app in Debian's chromium (the e2e tests' browser and flags). It builds into a temporary directory, serves
// it with `vite preview` (port SCREENSHOT_PORT, default 4191), steps the default flow to a hop worth
// showing (the VXLAN envelope between nodes) and takes each picture. `--url URL` skips the build and
// photographs a server that is already running (a dev server while working on the stage).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, devices, type Page } from '@playwright/test';
import config from '../playwright.config';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'docs', 'screenshots');
const PORT = Number(process.env.SCREENSHOT_PORT ?? 4191);

interface Shot {
  readonly name: string;
  readonly viewport: { width: number; height: number };
  readonly mobile?: boolean;
  readonly presenter?: boolean;
}

const SHOTS: readonly Shot[] = [
  { name: 'projector', viewport: { width: 1920, height: 1080 } },
  { name: 'laptop', viewport: { width: 1366, height: 768 } },
  { name: 'phone', viewport: { width: 390, height: 844 }, mobile: true },
  { name: 'presenter', viewport: { width: 1920, height: 1080 }, presenter: true },
];

/** The hop the pictures show: the first one inside the VXLAN envelope, else the fifth. */
const SHOW_HOP = `(() => {
  const hops = window.__podpath.getTrace().hops;
  const i = hops.findIndex((h) => h.kind === 'vxlan-encap');
  return i >= 0 ? i + 1 : Math.min(4, hops.length - 1);
})()`;

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}

async function serveBuild(): Promise<{ url: string; stop: () => void }> {
  const outDir = mkdtempSync(join(tmpdir(), 'podpath-shots-'));
  const built = spawnSync(
    'npx',
    ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (built.status !== 0) throw new Error(`vite build failed (exit ${built.status})`);
  const server: ChildProcess = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort', '--outDir', outDir],
    { cwd: ROOT, detached: true, stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${PORT}/`;
  const stop = () => {
    try {
      if (server.pid) process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    rmSync(outDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  while (!(await answers(url))) {
    if (Date.now() > deadline || server.exitCode !== null) {
      stop();
      throw new Error(`vite preview did not answer on ${url}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, stop };
}

async function stepTo(page: Page, hop: number): Promise<void> {
  const timeline = page.getByRole('slider', { name: 'Timeline' });
  await timeline.fill(String(hop));
  await page.waitForFunction((h) => window.__podpath?.getPlayback().hop === h, hop);
  // Let the packet and the camera settle.
  await page.waitForTimeout(1200);
}

async function main(): Promise<void> {
  const urlArg = process.argv.indexOf('--url');
  const served = urlArg > 0 ? { url: process.argv[urlArg + 1]!, stop: () => {} } : await serveBuild();
  const launch = config.projects?.[0]?.use?.launchOptions ?? {};
  const browser = await chromium.launch(launch);
  mkdirSync(OUT, { recursive: true });
  try {
    for (const shot of SHOTS) {
      const context = await browser.newContext({
        ...(shot.mobile ? devices['iPhone 13'] : {}),
        // One CSS pixel per image pixel: the pictures stay small enough to commit.
        deviceScaleFactor: 1,
        viewport: shot.viewport,
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      await page.goto(served.url);
      await page.waitForFunction(() => (window.__podpath?.getTrace()?.hops.length ?? 0) > 0, null, {
        timeout: 20_000,
      });
      if (shot.presenter) await page.keyboard.press('p');
      await stepTo(page, await page.evaluate(SHOW_HOP));
      await page.screenshot({ path: join(OUT, `${shot.name}.png`) });
      console.log(`docs/screenshots/${shot.name}.png (${shot.viewport.width}×${shot.viewport.height})`);
      await context.close();
    }
  } finally {
    await browser.close();
    served.stop();
  }
}

await main();
