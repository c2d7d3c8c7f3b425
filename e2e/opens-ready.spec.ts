import { expect, test } from '@playwright/test';
import { PodpathPage } from './pages/podpath-page';

test('opens ready with the default scenario and a packet waiting to be sent', async ({ page }, testInfo) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await expect(app.status).toHaveAttribute('data-kind', 'send');
  await expect(app.status).toHaveAttribute('data-state', 'paused');
  const trace = await app.trace();
  expect(trace.request).toMatchObject({ from: 'pod/default/client', to: 'svc/default/web:http' });
  expect(trace.verdict).toBe('delivered');
  await expect(app.button('Play')).toBeEnabled();
  await expect(app.button('Step back')).toBeDisabled();
  // The drawn cluster: two node frames and the client pod with its eth0.
  await expect(page.locator('[data-node]')).toHaveCount(2);
  await expect(page.locator('[data-pod="default/client"]')).toContainText('eth0');
  await expect(page.getByTestId('packet')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('opens-ready.png') });
  expect(errors).toEqual([]);
});
