import { expect, test } from '@playwright/test';
import { PodpathPage } from './pages/podpath-page';

test.use({ reducedMotion: 'reduce' });

test('a share link restores scenario, flow, seed and step', async ({ page, context }) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  // A what-if (scale to 4), another seed, and step 5.
  await app.tab('Scenario').click();
  await page.getByRole('button', { name: 'Scale default/web up' }).click();
  await expect(page.getByRole('status', { name: 'Replicas of default/web' })).toHaveText('4');
  await page.getByRole('spinbutton', { name: 'Seed' }).fill('7');
  await app.button('Send packet').click();
  await expect.poll(async () => (await app.trace()).request.seed).toBe(7);
  await expect.poll(async () => (await app.trace()).hops.length).toBeGreaterThan(5);
  await app.timeline.fill('5');
  await expect(app.status).toHaveAttribute('data-hop', '5');
  const text = await page.evaluate(() => window.__podpath!.getScenarioText());
  expect(text).toContain('replicas: 4');

  await app.button('Share').click();
  const link = await page.getByRole('textbox', { name: /Share link/ }).inputValue();
  expect(link).toMatch(/#v1:[A-Za-z0-9_-]+$/);

  const other = new PodpathPage(await context.newPage());
  await other.page.goto(link);
  await other.expectReady(5);
  const trace = await other.trace();
  expect(trace.request.seed).toBe(7);
  expect(await other.page.evaluate(() => window.__podpath!.getScenarioText())).toBe(text);
  expect(trace).toEqual(await app.trace());
});

test('a broken link opens the default scenario with a friendly message', async ({ page }) => {
  const app = new PodpathPage(page);
  await app.open('#v1:this-is-not-a-real-link');
  await expect(app.notice).toContainText('damaged');
  await app.expectReady();
  expect((await app.trace()).request.to).toBe('svc/default/web:http');
});

test('a link from a newer version says so and still opens', async ({ page }) => {
  const app = new PodpathPage(page);
  await app.open('#v9:AAAA');
  await expect(app.notice).toContainText('newer version');
  await app.expectReady();
});

test('work in progress survives a reload', async ({ page }) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await app.tab('Scenario').click();
  await page.getByRole('button', { name: 'Scale default/web up' }).click();
  await expect(page.getByRole('status', { name: 'Replicas of default/web' })).toHaveText('4');
  await page.waitForTimeout(800); // autosave is debounced
  await page.reload();
  await app.expectReady();
  expect(await page.evaluate(() => window.__podpath!.getScenarioText())).toContain('replicas: 4');
});
