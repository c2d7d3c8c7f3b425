import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { encodeShare } from '../engine/share/link-codec';
import { wcagViolations } from './pages/axe';
import { PodpathPage } from './pages/podpath-page';

test.use({ reducedMotion: 'reduce' });

const ingressYaml = readFileSync(new URL('../scenarios/ingress.yaml', import.meta.url), 'utf8');

test('an HTTP request through the ingress shows the request, the matching table and the winning rule', async ({
  page,
}) => {
  const link = await encodeShare({
    scenario: ingressYaml,
    flow: { from: 'external/203.0.113.10', to: 'http://shop.example.com/api/orders', protocol: 'TCP' },
    seed: 1,
    step: 0,
  });
  const app = new PodpathPage(page);
  await app.open(link);
  await expect
    .poll(
      async () =>
        page.evaluate(
          () => (window.__podpath?.getTrace() as { http?: { status: number } } | null)?.http?.status ?? null,
        ),
      { timeout: 15_000 },
    )
    .toBe(200);
  await app.tab('HTTP').click();
  await expect(page.getByTestId('http-status')).toContainText('shop.example.com/api/orders');
  await expect(page.getByTestId('http-status')).toContainText('200');
  const table = page.getByRole('table', { name: 'Ingress matching table' });
  await expect(table).toBeVisible();
  const winner = table.locator('tr[aria-current="true"]');
  await expect(winner).toHaveCount(1);
  await expect(winner).toContainText('/api');
  expect(await wcagViolations(page)).toEqual([]);
});

test('the HTTP tab fits the side panel: no sideways scrolling at laptop size', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const link = await encodeShare({
    scenario: ingressYaml,
    flow: { from: 'external/203.0.113.10', to: 'http://shop.example.com/api/orders', protocol: 'TCP' },
    seed: 1,
    step: 0,
  });
  const app = new PodpathPage(page);
  await app.open(link);
  await app.expectReady();
  await app.tab('HTTP').click();
  const table = page.getByRole('table', { name: 'Ingress matching table' });
  await expect(table).toBeVisible();
  const side = page.getByRole('complementary', { name: 'Inspection' });
  const { scroll, client } = await side.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
});

test('the rewrite example of the ingress-nginx docs: the backend is asked for the rewritten path', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const rewriteYaml = readFileSync(new URL('../scenarios/ingress-rewrite.yaml', import.meta.url), 'utf8');
  const link = await encodeShare({
    scenario: rewriteYaml,
    flow: { from: 'external/203.0.113.10', to: 'http://rewrite.bar.com/something/new', protocol: 'TCP' },
    seed: 1,
    step: 0,
  });
  const app = new PodpathPage(page);
  await app.open(link);
  await app.expectReady();
  await app.tab('HTTP').click();
  await expect(page.getByTestId('http-status')).toContainText('200');
  await expect(page.getByTestId('http-upstream-request')).toContainText('GET /new');
  await expect(page.getByTestId('http-upstream-request')).toContainText(
    'rewrite "(?i)/something(/|$)(.*)" /$2 break;',
  );
  const winner = page
    .getByRole('table', { name: 'Ingress matching table' })
    .locator('tr[aria-current="true"]');
  await expect(winner).toContainText('location ~* "^/something(/|$)(.*)"');
  const side = page.getByRole('complementary', { name: 'Inspection' });
  const { scroll, client } = await side.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
  await page.screenshot({ path: test.info().outputPath('http-rewrite-1366.png') });
  expect(await wcagViolations(page)).toEqual([]);
});
