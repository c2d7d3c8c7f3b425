import { expect, test } from '@playwright/test';
import { wcagViolations } from './pages/axe';
import { PodpathPage } from './pages/podpath-page';

test.describe('send 100 connections: the swarm of packets', () => {
  test('every delivered connection travels to its endpoint at once, then the counts rest on the pods', async ({
    page,
  }) => {
    const app = new PodpathPage(page);
    await app.open();
    await app.expectReady();
    const swarm = page.getByTestId('swarm');
    await expect(swarm).toHaveAttribute('data-in-flight', '0');
    await app.tab('Connections').click();
    await app.button('Send 100 connections').click();
    await expect(page.getByTestId('connection-verdicts')).toHaveText('100 delivered');
    await expect(swarm).toHaveAttribute('data-total', '100');
    // Mid-flight: dots on their way (launched 10 ms apart, so half of them soon), one path per endpoint.
    await expect
      .poll(async () => Number(await swarm.getAttribute('data-in-flight')))
      .toBeGreaterThanOrEqual(50);
    await expect(swarm.locator('path[d]')).toHaveCount(3);
    await page.screenshot({ path: test.info().outputPath('swarm-in-flight.png') });
    expect(await wcagViolations(page)).toEqual([]);
    // All arrived: nothing in flight, each endpoint pod labelled with its count, and they add up to 100.
    await expect(swarm).toHaveAttribute('data-in-flight', '0', { timeout: 15_000 });
    await expect(swarm).toHaveAttribute('data-arrived', '100');
    const arrived = (await swarm.locator('text').allTextContents()).map((l) => Number(l.replace('×', '')));
    expect(arrived).toHaveLength(3);
    expect(arrived.reduce((a, b) => a + b, 0)).toBe(100);
    const counts = (await page.getByTestId('endpoint-count').allTextContents()).map(Number);
    expect(arrived.sort((a, b) => a - b)).toEqual(counts.sort((a, b) => a - b));
  });

  test.describe('with reduced motion', () => {
    test.use({ reducedMotion: 'reduce' });

    test('the dots land at once, and the page has no WCAG 2.2 AA violations', async ({ page }) => {
      const app = new PodpathPage(page);
      await app.open();
      await app.expectReady();
      await app.tab('Connections').click();
      await app.button('Send 100 connections').click();
      const swarm = page.getByTestId('swarm');
      await expect(swarm).toHaveAttribute('data-arrived', '100');
      await expect(swarm).toHaveAttribute('data-in-flight', '0');
      expect(await wcagViolations(page)).toEqual([]);
    });
  });
});
