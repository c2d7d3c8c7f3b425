// "How it got its network" (issue 12): clicking a pod offers its CNI ADD as an animated sequence of the
// engine's steps, and the DEL that releases its address.
import { expect, test } from '@playwright/test';
import { wcagViolations as violations } from './pages/axe';
import { PodpathPage } from './pages/podpath-page';

test.describe('a pod’s CNI ADD and DEL', () => {
  test.use({ reducedMotion: 'reduce' });

  test('clicking a pod offers how it got its network, step by step', async ({ page }) => {
    test.setTimeout(90_000); // axe on a loaded machine
    const app = new PodpathPage(page);
    await app.open();
    await app.expectReady();
    // The pod's name (a packet's label may sit over the middle of its box).
    await page.locator('[data-pod="default/client"] .pod-name').click();
    await page.getByRole('button', { name: 'How default/client got its network' }).click();
    const dialog = page.getByRole('dialog', { name: 'How default/client got its network' });
    await expect(dialog).toBeVisible();
    const steps = dialog.getByRole('listitem');
    await expect(steps).toHaveCount(12);
    await expect(steps.first()).toHaveText('runtime: netns');
    await expect(dialog.locator('.cni-current')).toContainText('ip netns add cni-');
    // Reduced motion: paused; step through with the buttons up to host-local's reservation.
    for (let i = 0; i < 7; i++) await dialog.getByRole('button', { name: 'Next' }).click();
    await expect(dialog.locator('li[aria-current="step"]')).toHaveText('host-local: ipam');
    await expect(dialog.locator('.cni-current')).toContainText(
      '/var/lib/cni/networks/cbr0/last_reserved_ip.0',
    );
    await expect(dialog.getByText('step 8 of 12')).toBeVisible();
    expect(await violations(page)).toEqual([]);

    await dialog.getByRole('tab', { name: /CNI DEL/ }).click();
    await expect(steps).toHaveCount(6);
    await dialog.getByRole('button', { name: 'host-local: release' }).click();
    await expect(dialog.locator('.cni-current')).toContainText('delete /var/lib/cni/networks/cbr0/10.244.');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('a pod is reached by keyboard: Enter or Space on it offers the story, Enter opens it', async ({
    page,
  }) => {
    const app = new PodpathPage(page);
    await app.open();
    await app.expectReady();
    const pod = page.getByRole('button', {
      name: /^client 10\.244\.0\.2: pod default\/client, how it got its network/,
    });
    await expect(pod).toHaveAttribute('tabindex', '0');
    await pod.focus();
    const before = await app.playback();
    await page.keyboard.press('Space');
    const offer = page.getByRole('button', { name: 'How default/client got its network' });
    await expect(offer).toBeFocused();
    // Space went to the pod, not to the page's play/pause shortcut.
    expect((await app.playback()).state).toBe(before.state);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'How default/client got its network' })).toBeVisible();
    await page.keyboard.press('Escape');
    await pod.focus();
    await page.keyboard.press('Enter');
    await expect(offer).toBeFocused();
  });
});
