// Issue 14 item 4: "in the app the main thread never blocks for more than 100 ms". A 5 MB kubectl dump
// (750 Services with their EndpointSlices and pods on 20 nodes, as `kubectl get -A -o yaml` prints them) is
// opened with Open file…, and the page's own long-task observer must see no task over 100 ms from the
// moment the file is chosen until the cluster is drawn and its trace is on screen, nor while the first
// packet plays (the camera following it). Before the flow chooser searched its options and the stage drew
// large clusters in chunks, this opening held the main thread for 1.1–1.5 s in one task.
import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { dumpYaml, type DumpShape } from '../scripts/real-dumps';
import { PodpathPage } from './pages/podpath-page';

const LONGEST_TASK_MS = 100;
const SHAPE: DumpShape = { services: 750, podsPerService: 1, full: true, nodes: 20 };

declare global {
  interface Window {
    __longTasks?: { start: number; duration: number }[];
  }
}

test('opening a 5 MB kubectl dump and playing its first packet never blocks the main thread over 100 ms', async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const text = dumpYaml(SHAPE);
  expect(text.length).toBeGreaterThan(4.5e6);
  const file = testInfo.outputPath('kubectl-dump.yaml');
  writeFileSync(file, text);

  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await app.tab(/^Scenario/).click();
  // Observed from here on: the page's start-up is not what this test measures.
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        window.__longTasks!.push({ start: Math.round(e.startTime), duration: Math.round(e.duration) });
    }).observe({ type: 'longtask' });
  });

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open file…' }).click();
  await (await chooser).setFiles(file);
  // On screen: every node drawn, the flow moved to one of the dump's pods, and its trace at hop 0.
  await expect(page.locator('[data-node]')).toHaveCount(SHAPE.nodes, { timeout: 60_000 });
  await expect.poll(async () => (await app.trace()).request.from, { timeout: 30_000 }).toMatch(/^pod\/team-/);
  await app.expectReady();
  await expect(page.locator('[data-node] [data-pod]').first()).toBeVisible();

  // The first play, at the fastest speed, with the camera following the packet.
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
  await app.button('Play').click();
  await expect(app.status).toHaveAttribute('data-state', 'finished', { timeout: 40_000 });

  const tasks = await page.evaluate(() => window.__longTasks ?? []);
  testInfo.annotations.push({
    type: 'long tasks (ms)',
    description: tasks.map((t) => t.duration).join(', ') || 'none',
  });
  const over = tasks.filter((t) => t.duration > LONGEST_TASK_MS);
  expect(over, `main-thread tasks over ${LONGEST_TASK_MS} ms (start, duration)`).toEqual([]);
});
