// One whole lesson with the keyboard only (issue 11: "the lessons work keyboard-only and on a phone"): from
// the page's start, Tab and Enter open the lesson, Enter steps, the arrow keys and Space pick a choice, Enter
// checks it, and Enter on "Finish lesson" closes it, on a desktop screen and on a phone-sized one.
import { expect, test, type Page } from '@playwright/test';
import { PodpathPage } from './pages/podpath-page';

test.use({ reducedMotion: 'reduce' });

const lessonState = (page: Page) => page.evaluate(() => window.__podpath!.getLesson());

/** Tab until the focused element satisfies `match`; fails when it never does. */
async function tabTo(page: Page, match: (name: string, type: string) => boolean, max = 150) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const [name, type] = await page.evaluate(() => {
      const a = document.activeElement;
      return [a?.textContent?.trim() ?? '', a?.getAttribute('type') ?? a?.tagName ?? ''];
    });
    if (match(name, type)) return;
  }
  throw new Error('focus never reached the control');
}

const focused = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement as HTMLInputElement | null;
    if (a?.type === 'radio') return `radio:${a.parentElement?.textContent?.trim()}`;
    return a?.textContent?.trim() ?? '';
  });

for (const [size, viewport] of [
  ['a desktop screen', { width: 1920, height: 1080 }],
  ['a phone', { width: 390, height: 844 }],
] as const) {
  test(`the nftables lesson plays start to finish with the keyboard only, on ${size}`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(viewport);
    const app = new PodpathPage(page);
    await app.open();
    await app.expectReady();
    // The header's Lessons button opens the list (on a phone, the folded panels too).
    await tabTo(page, (name) => name === 'Lessons');
    await page.keyboard.press('Enter');
    await tabTo(page, (name, type) => type === 'A' && name === 'A Service in nftables mode');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await lessonState(page))?.status, { timeout: 20_000 }).toBe('ready');
    const steps = (await lessonState(page))!.steps;
    const panel = page.getByTestId('lesson');
    await tabTo(page, (name) => name.startsWith('Next step'));

    for (let step = 1; step < steps; step++) {
      expect((await lessonState(page))!.step).toBe(step);
      if ((await lessonState(page))!.question) {
        // Focus waits on the first choice; the arrows move the choice and Space keeps it.
        await expect.poll(() => focused(page)).toMatch(/^radio:/);
        await page.keyboard.press('ArrowDown');
        const picked = await focused(page);
        await page.keyboard.press('Space');
        await expect(panel.getByRole('radio', { checked: true })).toHaveCount(1);
        expect(`radio:${(await panel.locator('label:has(input:checked)').innerText()).trim()}`).toBe(picked);
        await tabTo(page, (name) => name === 'Check my answer', 3);
        await page.keyboard.press('Enter');
        await expect(panel.getByRole('status')).toContainText(/Right\.|Not quite\./, { timeout: 30_000 });
        await expect.poll(() => focused(page)).toMatch(/^Next step/);
      }
      await expect.poll(() => focused(page)).toMatch(/^Next step/);
      await expect(panel).toBeInViewport();
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await lessonState(page))?.step).toBe(step + 1);
    }
    // The last step: focus stays on the forward control, now "Finish lesson", which closes the lesson.
    await expect.poll(() => focused(page)).toBe('Finish lesson');
    await page.keyboard.press('Enter');
    await expect.poll(() => lessonState(page)).toBeNull();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
  });
}
