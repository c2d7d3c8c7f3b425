// Errors never blank the stage (issue 10): a YAML error leaves the last valid cluster drawn, dimmed, under
// the error, with playback off until the text loads; a new scenario moves the flow to choices it has.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { wcagViolations } from './pages/axe';
import { PodpathPage } from './pages/podpath-page';

test.use({ reducedMotion: 'reduce' });

const DEFAULT_YAML = readFileSync(new URL('../scenarios/default.yaml', import.meta.url), 'utf8');

test('a YAML error keeps the last cluster drawn, dimmed, with the error, and playback off', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  const viewport = page.getByTestId('viewport');
  const drawn = await viewport.locator('text').count();
  expect(drawn).toBeGreaterThan(10);
  await app.tab('Scenario').click();
  await app.yaml.fill(DEFAULT_YAML.replace('replicas: 3', 'replicas: three'));
  const error = page.getByTestId('stage-error');
  await expect(error).toContainText('The scenario has 1 error, so this is the last version that loaded.');
  const line = DEFAULT_YAML.split('\n').findIndex((l) => l.includes('replicas: 3')) + 1;
  await expect(error).toContainText(`Line ${line}, column`);
  // Still drawn, and dimmed.
  await expect(viewport.locator('text')).toHaveCount(drawn);
  await expect(viewport.getByText('node-1', { exact: false }).first()).toBeVisible();
  expect(await page.locator('.scene-svg').evaluate((e) => Number(getComputedStyle(e).opacity))).toBeLessThan(
    0.5,
  );
  // No hop counter of a trace that is gone, and nothing to play.
  await expect(app.status).toHaveText(
    'No packet: the scenario has errors. Fix them in the Scenario tab to trace again.',
  );
  await expect(app.button('Play')).toBeDisabled();
  await expect(app.button('Step forward')).toBeDisabled();
  await expect(app.timeline).toBeDisabled();
  await page.keyboard.press('Escape');
  expect(await wcagViolations(page)).toEqual([]);

  await app.yaml.fill(DEFAULT_YAML);
  await expect(error).toHaveCount(0);
  await app.expectReady();
  await expect(app.button('Play')).toBeEnabled();
});

test("a new scenario without the flow's pod moves the flow, in a plain sentence", async ({ page }) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await app.loadScenario(DEFAULT_YAML.replaceAll('client', 'shopper'));
  await expect(app.notice).toContainText('In this scenario there is no pod default/client with an address');
  await expect(app.notice).not.toContainText('--from');
  await expect(app.flowBox('From')).toHaveAttribute('data-value', 'pod/default/shopper');
  await expect(app.flowBox('From')).toHaveValue(/^pod default\/shopper \(/);
  await expect.poll(async () => (await app.trace()).request.from).toBe('pod/default/shopper');
  await expect(app.status).toHaveAttribute('data-hop', '0');
  await expect(app.status).not.toContainText('could not be traced');
});
