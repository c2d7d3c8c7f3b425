import { expect, test } from '@playwright/test';
import { wcagViolations as violations } from './pages/axe';
import { PodpathPage } from './pages/podpath-page';

test.describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  test.use({ reducedMotion: 'reduce' });

  test('the opened app and every inspection tab have no violations', async ({ page }) => {
    const app = new PodpathPage(page);
    await app.open();
    await app.expectReady();
    expect(await violations(page)).toEqual([]);
    // A hop with headers and a rule walk, not only the first one.
    await app.timeline.fill('6');
    await expect(app.status).toHaveAttribute('data-hop', '6');
    expect(await violations(page)).toEqual([]);
    for (const tab of ['Events', 'Node', 'Scenario', 'Connections']) {
      await app.tab(new RegExp(`^${tab}`)).click();
      if (tab === 'Node') {
        await page.getByRole('combobox', { name: 'Node' }).selectOption('node-1');
        await expect(page.getByRole('tabpanel', { name: /on node-1/ })).toContainText('$ ip route');
      }
      if (tab === 'Connections') {
        await app.button('Send 100 connections').click();
        await expect(page.getByTestId('connection-verdicts')).toBeVisible();
      }
      expect(await violations(page), `tab ${tab}`).toEqual([]);
    }
  });

  test('keyboard focus is visible on every control it reaches', async ({ page }) => {
    const app = new PodpathPage(page);
    await app.open();
    await app.expectReady();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      const outline = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return { tag: el.tagName, width: style.outlineWidth, style: style.outlineStyle };
      });
      if (!outline) continue;
      expect(outline.style, `focus ring on ${outline.tag} #${i}`).not.toBe('none');
      expect(parseFloat(outline.width), `focus ring on ${outline.tag} #${i}`).toBeGreaterThanOrEqual(2);
    }
  });
});
