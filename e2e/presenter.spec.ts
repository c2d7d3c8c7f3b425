// Presenter mode and the page's keys (issue 10): P, F, +, −, 0, 1–4, ?; labels of 20 px and more; the two
// keyboard bugs (Space after Send, arrows after clicking a tab); no WCAG violations in presenter or embed.
import { expect, test } from '@playwright/test';
import { wcagViolations } from './pages/axe';
import { PodpathPage } from './pages/podpath-page';
import { overlapping, stageLabels } from './pages/stage-labels';

test.use({ reducedMotion: 'reduce', viewport: { width: 1920, height: 1080 } });

test('after clicking Send packet, Space plays the new trace instead of sending it again', async ({
  page,
}) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await app.button('Send packet').click();
  await app.expectReady();
  await page.keyboard.press('Space');
  await expect(app.status).toHaveAttribute('data-state', /playing|finished/);
});

test('after clicking a tab, the arrow keys step the packet; reached by Tab, they move between tabs', async ({
  page,
}) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await app.tab('Events').click();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(app.status).toHaveAttribute('data-hop', '2');
  await expect(app.tab('Events')).toHaveAttribute('aria-selected', 'true');
  // Keyboard users keep the tab pattern: focus the tab list with Tab, then ← → move between tabs.
  await app.tab('Hop').focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  await expect(app.tab('DNS')).toHaveAttribute('aria-selected', 'true');
  await expect(app.status).toHaveAttribute('data-hop', '2');
});

test('presenter mode: P, large labels, the reduced panel, and every key', async ({ page }) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('p');
  const panel = page.getByTestId('presenter-panel');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('Hop 1 of');
  await expect(page.getByRole('tablist')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Presenter' })).toHaveAttribute('aria-pressed', 'true');
  // Following is on by default here; fit the whole cluster and measure.
  await page.keyboard.press('0');
  await app.viewTransform();
  const sizes = (await stageLabels(page)).map((l) => l.px);
  expect(sizes.length).toBeGreaterThan(5);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(20);
  // → steps, and the panel follows with the hop's changes.
  await page.keyboard.press('ArrowRight');
  await expect(panel).toContainText('Hop 2 of');
  // ← steps back.
  await page.keyboard.press('ArrowLeft');
  await expect(panel).toContainText('Hop 1 of');
  await page.keyboard.press('ArrowRight');
  await expect(panel).toContainText('Hop 2 of');
  // + and − zoom, 0 fits again.
  await page.keyboard.press('0');
  const fitted = await app.viewTransform();
  await page.keyboard.press('+');
  expect(await app.viewTransform()).not.toBe(fitted);
  await page.keyboard.press('-');
  await page.keyboard.press('0');
  expect(await app.viewTransform()).toBe(fitted);
  // 1–4 set the speed.
  const speed = page.getByRole('combobox', { name: 'Speed' });
  for (const [key, value] of [
    ['4', '4'],
    ['3', '2'],
    ['2', '1'],
    ['1', '0.5'],
  ] as const) {
    await page.keyboard.press(key);
    await expect(speed, `key ${key}`).toHaveValue(value);
  }
  // ? opens the help, Escape closes it.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Presenter mode');
  expect(await wcagViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  // Space plays, and the panel is clean for axe.
  await page.keyboard.press('Space');
  await expect(app.status).toHaveAttribute('data-state', /playing|finished/);
  expect(await wcagViolations(page)).toEqual([]);
  // P again leaves presenter mode.
  await page.keyboard.press('p');
  await expect(page.getByRole('tablist')).toBeVisible();
});

test('F toggles fullscreen', async ({ page }) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
  await page.keyboard.press('f');
  await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(false);
});

test('?embed shows only the stage and the playback bar, and has no WCAG violations', async ({ page }) => {
  const app = new PodpathPage(page);
  await page.goto('/?embed');
  await app.expectReady();
  await expect(page.getByRole('form', { name: 'Flow' })).toHaveCount(0);
  await expect(page.getByRole('tablist')).toHaveCount(0);
  await expect(page.getByRole('toolbar', { name: 'Playback' })).toBeVisible();
  await expect(page.locator('[data-node]')).toHaveCount(2);
  expect(await wcagViolations(page)).toEqual([]);
});

test('presenter camera: following the packet, no node is cut at the stage edge', async ({ page }) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('p');
  await expect(page.getByTestId('presenter-panel')).toBeVisible();
  for (const hop of ['10', '30']) {
    await app.timeline.fill(hop);
    await expect(app.status).toHaveAttribute('data-hop', hop);
    await app.viewTransform();
    const stage = (await page.locator('.scene-svg').boundingBox())!;
    for (const frame of await page.locator('.cluster .node-frame').all()) {
      const b = (await frame.boundingBox())!;
      const inX = Math.min(b.x + b.width, stage.x + stage.width) - Math.max(b.x, stage.x);
      const inside = inX >= b.width - 1 && b.y >= stage.y - 1 && b.y + b.height <= stage.y + stage.height + 1;
      expect(inside || inX <= 0, `node frame at x ${b.x}, width ${b.width}, hop ${hop}`).toBe(true);
    }
  }
});

test("presenter camera: the whole-node framing names the veths and pods' addresses, at 20 px, apart, inside their frames", async ({
  page,
}) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('p');
  await expect(page.getByTestId('presenter-panel')).toBeVisible();
  await app.timeline.fill('10');
  await expect(app.status).toHaveAttribute('data-hop', '10');
  await app.viewTransform();
  const labels = await stageLabels(page);
  const veths = labels.filter((l) => /^veth[0-9a-f]+$/.test(l.text));
  expect(veths.length, labels.map((l) => l.text).join(', ')).toBeGreaterThanOrEqual(4);
  expect(labels.some((l) => /^10\.244\.\d+\.\d+$/.test(l.text))).toBe(true);
  expect(Math.min(...labels.map((l) => l.px))).toBeGreaterThanOrEqual(20);
  expect(overlapping(labels)).toEqual([]);
  const frames = await Promise.all(
    (await page.locator('.cluster .node-frame').all()).map(async (f) => (await f.boundingBox())!),
  );
  for (const l of labels.filter((x) => x.text.startsWith('veth') || x.text === 'eth0')) {
    const inFrame = frames.some(
      (f) =>
        l.box.x >= f.x &&
        l.box.x + l.box.w <= f.x + f.width &&
        l.box.y >= f.y &&
        l.box.y + l.box.h <= f.y + f.height,
    );
    expect(inFrame, `${l.text} at ${JSON.stringify(l.box)}`).toBe(true);
  }
});
