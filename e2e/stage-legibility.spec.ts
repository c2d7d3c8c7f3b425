// The stage read from the back row (issue 10): label sizes as drawn on screen at the default scenario's fit,
// the view kept across resizes, and labels that neither overlap nor leave the stage.
import { expect, test, type Page } from '@playwright/test';
import { PodpathPage } from './pages/podpath-page';
import {
  median,
  overlap,
  overlapping,
  packetOverLabels,
  packetShapes,
  stageLabels,
} from './pages/stage-labels';

test.use({ reducedMotion: 'reduce' });

async function openAt(page: Page, width: number, height: number): Promise<PodpathPage> {
  await page.setViewportSize({ width, height });
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await app.viewTransform();
  return app;
}

async function stageBox(page: Page) {
  return (await page.getByRole('group', { name: /The cluster drawn/ }).boundingBox())!;
}

for (const { width, height, min, med } of [
  { width: 1920, height: 1080, min: 12, med: 14 },
  { width: 1366, height: 768, min: 11, med: 11 },
]) {
  test(`at ${width}×${height} the fitted default cluster's labels are at least ${min} px (median ${med}), apart, inside the stage`, async ({
    page,
  }) => {
    await openAt(page, width, height);
    const labels = await stageLabels(page);
    const sizes = labels.map((l) => l.px);
    // Node names, pod names and the device names are among what is drawn.
    const texts = labels.map((l) => l.text);
    for (const want of ['node-1', 'node-2', 'client', 'flannel.1', 'eth0', 'cni0'])
      expect(texts.some((t) => t === want || t.startsWith(`${want} `))).toBe(true);
    expect(Math.min(...sizes), JSON.stringify(labels.filter((l) => l.px < min))).toBeGreaterThanOrEqual(min);
    expect(median(sizes)).toBeGreaterThanOrEqual(med);
    expect(overlapping(labels)).toEqual([]);
    // Not cut at the stage's edge.
    const stage = await stageBox(page);
    for (const l of labels) {
      expect(l.box.x, l.text).toBeGreaterThanOrEqual(stage.x);
      expect(l.box.x + l.box.w, l.text).toBeLessThanOrEqual(stage.x + stage.width);
      expect(l.box.y, l.text).toBeGreaterThanOrEqual(stage.y);
      expect(l.box.y + l.box.h, l.text).toBeLessThanOrEqual(stage.y + stage.height);
    }
    // The drawing fills the stage: the cluster's extent covers most of its width or its height.
    const drawn = (await page.locator('.cluster').boundingBox())!;
    expect(Math.max(drawn.width / stage.width, drawn.height / stage.height)).toBeGreaterThan(0.8);
  });
}

test('the packet label never covers a device label, on any hop of the default trace', async ({ page }) => {
  const app = await openAt(page, 1920, 1080);
  const hops = (await app.trace()).hops.length;
  for (let hop = 0; hop < hops; hop++) {
    await app.timeline.fill(String(hop));
    await expect(app.status).toHaveAttribute('data-hop', String(hop));
    const packet = (await page.getByTestId('packet').boundingBox())!;
    const marker = (await page.locator('.packet-marker').boundingBox())!;
    const covered = (await stageLabels(page)).filter((l) =>
      [packet, marker].some((p) => {
        const o = overlap(l.box, { x: p.x, y: p.y, w: p.width, h: p.height });
        return o.x > 2 && o.y > 2;
      }),
    );
    expect(covered.map((l) => `hop ${hop}: ${l.text}`)).toEqual([]);
  }
});

test('in presenter mode, on every hop, the path, the packet and its ring leave every label clear', async ({
  page,
}) => {
  // Sixty hops, each waiting for the camera to settle.
  test.setTimeout(120_000);
  const app = await openAt(page, 1920, 1080);
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('p');
  await expect(page.getByTestId('presenter-panel')).toBeVisible();
  const hops = (await app.trace()).hops.length;
  const hits: string[] = [];
  for (let hop = 0; hop < hops; hop++) {
    await app.timeline.fill(String(hop));
    await expect(app.status).toHaveAttribute('data-hop', String(hop));
    await app.viewTransform();
    const labels = await stageLabels(page);
    hits.push(...packetOverLabels(await packetShapes(page), labels).map((h) => `hop ${hop} ${h}`));
    hits.push(...overlapping(labels).map((h) => `hop ${hop} ${h}`));
  }
  expect(hits).toEqual([]);
});

test('zoom and pan survive a resize, a height-only one included', async ({ page }) => {
  const app = await openAt(page, 1920, 1080);
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  const zoomed = await app.viewTransform();
  const scale = (t: string) => Number(/scale\(([\d.]+)/.exec(t)![1]);
  const before = (await stageLabels(page)).find((l) => l.text === 'client')!.px;
  // What F11 or a phone's address bar does: only the height changes.
  await page.setViewportSize({ width: 1920, height: 980 });
  await expect.poll(() => app.viewTransform()).not.toBe('');
  expect(scale(await app.viewTransform())).toBeCloseTo(scale(zoomed), 5);
  expect((await stageLabels(page)).find((l) => l.text === 'client')!.px).toBeCloseTo(before, 1);
  await page.setViewportSize({ width: 1500, height: 900 });
  expect(scale(await app.viewTransform())).toBeCloseTo(scale(zoomed), 5);
  // Fit still fits.
  await page.getByRole('button', { name: 'Fit to view' }).click();
  expect(scale(await app.viewTransform())).not.toBeCloseTo(scale(zoomed), 2);
});
