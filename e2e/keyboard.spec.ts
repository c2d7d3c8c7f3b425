import { expect, test } from '@playwright/test';
import { PodpathPage } from './pages/podpath-page';

test.use({ reducedMotion: 'reduce' });

test('Space, arrows and Home drive playback without a mouse', async ({ page }) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(app.status).toHaveAttribute('data-hop', '3');
  await page.keyboard.press('ArrowLeft');
  await expect(app.status).toHaveAttribute('data-hop', '2');
  await page.keyboard.press('Home');
  await expect(app.status).toHaveAttribute('data-hop', '0');
  await page.keyboard.press('Space');
  await expect(app.status).toHaveAttribute('data-state', 'playing');
  await page.keyboard.press('Space');
  await expect(app.status).toHaveAttribute('data-state', 'paused');
  // Tab reaches the playback buttons, and Enter presses them.
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(app.status).toHaveAttribute('data-hop', '2');
  await app.button('Restart').focus();
  await page.keyboard.press('Tab');
  await expect(app.button('Step back')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(app.status).toHaveAttribute('data-hop', '1');
});
