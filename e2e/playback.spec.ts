import { expect, test } from '@playwright/test';
import { PodpathPage } from './pages/podpath-page';

test.describe('playback', () => {
  test.use({ reducedMotion: 'reduce' });

  test('steps to the delivery, back one hop, and shows the DNAT on the way', async ({ page }, testInfo) => {
    const app = new PodpathPage(page);
    await app.open();
    await app.expectReady();
    const trace = await app.trace();
    const delivered = PodpathPage.lastRequestHop(trace);
    const dnat = trace.hops.findIndex((h) => h.nat?.kind === 'DNAT');
    expect(dnat).toBeGreaterThan(0);
    for (let i = 1; i <= delivered; i++) {
      await app.button('Step forward').click();
      await expect(app.status).toHaveAttribute('data-hop', String(i));
      if (i === dnat) {
        await expect(page.getByTestId('nat')).toContainText(`${trace.hops[dnat]!.nat!.from}`);
        await page.screenshot({ path: testInfo.outputPath('dnat.png') });
      }
    }
    await expect(app.status).toHaveAttribute('data-kind', 'deliver');
    await expect(app.status).toHaveAttribute('data-verdict', 'delivered');
    await expect(app.status).toHaveAttribute('data-delivered', trace.deliveredTo!.pod!);
    await app.button('Step back').click();
    await expect(app.status).toHaveAttribute('data-hop', String(delivered - 1));
    expect((await app.playback()).hop).toBe(delivered - 1);
  });

  test('plays at 4× to the end, the reply back at the client', async ({ page }) => {
    const app = new PodpathPage(page);
    await app.open();
    await app.expectReady();
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('4');
    await app.button('Play').click();
    await expect(app.button('Pause')).toBeVisible();
    await expect(app.status).toHaveAttribute('data-state', 'finished', { timeout: 25_000 });
    const trace = await app.trace();
    await expect(app.status).toHaveAttribute('data-hop', String(trace.hops.length - 1));
    await expect(app.status).toHaveAttribute('data-direction', 'reply');
    await expect(app.status).toContainText('The reply is back at the client');
    await expect(app.button('Replay')).toBeEnabled();
  });

  test('the timeline scrubs to any hop and the event list seeks', async ({ page }) => {
    const app = new PodpathPage(page);
    await app.open();
    await app.expectReady();
    await app.timeline.fill('10');
    await expect(app.status).toHaveAttribute('data-hop', '10');
    await app.tab('Events').click();
    await page.getByRole('table', { name: 'Events' }).getByRole('button', { name: '4', exact: true }).click();
    await expect(app.status).toHaveAttribute('data-hop', '3');
  });
});
