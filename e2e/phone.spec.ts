// A phone (issue 10): the stage comes first and is legible, the camera framing the active hop's node;
// the toolbar has its own row and never covers the drawing; the panels are a bottom sheet folded to its
// handle, opened by the handle.
import { expect, test } from '@playwright/test';
import { PodpathPage } from './pages/podpath-page';
import { median, stageLabels } from './pages/stage-labels';

test.use({ reducedMotion: 'reduce', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('at 390×844 the stage is first and legible, the toolbar beside the drawing, the panels a bottom sheet', async ({
  page,
}) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await app.timeline.fill('10');
  await expect(app.status).toHaveAttribute('data-hop', '10');
  await app.viewTransform();
  const svg = (await page.locator('.scene-svg').boundingBox())!;
  const toolbar = (await page.getByRole('toolbar', { name: 'Stage' }).boundingBox())!;
  // First on the page, and most of the screen.
  expect(toolbar.y).toBeLessThan(20);
  expect(svg.height).toBeGreaterThan(844 * 0.5);
  // The toolbar is a row above the drawing, not over it.
  expect(toolbar.y + toolbar.height).toBeLessThanOrEqual(svg.y + 1);
  await expect(page.getByRole('button', { name: 'Follow packet' })).toHaveAttribute('aria-pressed', 'true');
  const inside = (await stageLabels(page)).filter(
    (l) =>
      l.box.y >= svg.y && l.box.y + l.box.h <= svg.y + svg.height && l.box.x >= 0 && l.box.x + l.box.w <= 390,
  );
  expect(inside.length).toBeGreaterThan(5);
  expect(Math.min(...inside.map((l) => l.px))).toBeGreaterThanOrEqual(11);
  expect(median(inside.map((l) => l.px))).toBeGreaterThanOrEqual(12);

  // The sheet: folded to its handle at the bottom of the screen, clear of the stage.
  const handle = page.getByRole('button', { name: /Show the panels/ });
  await expect(handle).toBeVisible();
  await expect(page.getByRole('tablist', { name: 'Inspection' })).toBeHidden();
  const folded = (await page.getByRole('complementary', { name: 'Inspection' }).boundingBox())!;
  expect(folded.y).toBeGreaterThan(svg.y + svg.height);
  expect(folded.y + folded.height).toBeCloseTo(844, 0);
  await handle.click();
  await expect(page.getByRole('tablist', { name: 'Inspection' })).toBeVisible();
  await app.tab('Events').click();
  await expect(app.tab('Events')).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Hide the panels' }).click();
  await expect(page.getByRole('tablist', { name: 'Inspection' })).toBeHidden();
});

test('at 390×844 the packet label, VXLAN envelope included, stays inside the stage', async ({ page }) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  const hops = (await app.trace()).hops;
  const encap = hops.findIndex((h) => h.kind === 'vxlan-encap');
  expect(encap).toBeGreaterThan(0);
  for (const hop of [encap, encap + 1, encap + 3]) {
    await app.timeline.fill(String(hop));
    await expect(app.status).toHaveAttribute('data-hop', String(hop));
    await app.viewTransform();
    const svg = (await page.locator('.scene-svg').boundingBox())!;
    const packet = page.getByTestId('packet');
    await expect(packet.locator('.envelope')).toBeVisible();
    for (const part of [packet, ...(await packet.locator('text').all())]) {
      const b = await part.boundingBox();
      if (!b || b.width === 0) continue;
      expect(b.x, `hop ${hop}`).toBeGreaterThanOrEqual(svg.x);
      expect(b.x + b.width, `hop ${hop}`).toBeLessThanOrEqual(svg.x + svg.width);
    }
    // The outer addresses are still all there, on their own line if need be.
    await expect(packet.locator('.envelope-label')).toContainText('192.168.56.11 → 192.168.56.12');
  }
});
