// The glossary covers every term in a panel heading: each inspection tab is opened on a trace that fills it,
// every heading (h2–h4, th, caption, dt, legend) is split into words, and each word that is not plain
// English must have a glossary entry. Terms show their sentence on hover and on keyboard focus.
import { expect, test } from '@playwright/test';
import { GLOSSARY, lookupTerm } from '../app/glossary/terms';
import { PodpathPage } from './pages/podpath-page';

/** Ordinary words a heading may use without a glossary entry. */
const PLAIN = new Set(
  `# a an and at by each every first for from in of on or per the this to with your
  name type answers packets part dir kind where packet host path result reached endpoint connections rule
  probability share inbound outbound hop lessons ready flows scenario scenarios library kernel lab checks
  welcome podpath outcome hops rules walked differences highlighted evaluated number predict which what
  does source destination address addresses see how many set lookups total mode modes side both nodes
  network between checked against request server location queries order resolver sent them serves headers
  added towards show kinds inner`.split(/\s+/),
);

/** Glossary entries of several words ("nginx location"), longest first, taken out before splitting. */
const PHRASES = GLOSSARY.flatMap((t) => [t.term, ...(t.aliases ?? [])])
  .filter((p) => p.includes(' '))
  .sort((a, b) => b.length - a.length);

function words(heading: string): string[] {
  let text = heading;
  for (const p of PHRASES)
    text = text.replace(new RegExp(p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), ' ');
  return text
    .replace(/\([^)]*\)/g, ' ')
    .split(/[\s,:;?→]+/)
    .map((w) => w.replace(/^[^\w/#.-]+|[^\w.]+$/g, '').replace(/\.$/, ''))
    .filter((w) => w && !/^\d+$/.test(w));
}

test.describe('glossary', () => {
  test.use({ reducedMotion: 'reduce' });

  test('covers every term in a panel heading', async ({ page }) => {
    test.setTimeout(120_000);
    const app = new PodpathPage(page);
    const missing = new Set<string>();
    const collect = async () => {
      const headings = await page
        .locator('[role=tabpanel]:not([hidden])')
        .locator('h2, h3, h4, th, caption, dt, legend')
        // A term's own tooltip (shown while the pointer rests on it) is its explanation, not heading words.
        .evaluateAll((els) =>
          els.map((el) => {
            const copy = el.cloneNode(true) as HTMLElement;
            copy.querySelectorAll('[role=tooltip]').forEach((t) => t.remove());
            return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
          }),
        );
      for (const h of headings)
        for (const w of words(h))
          if (!PLAIN.has(w.toLowerCase()) && !lookupTerm(w)) missing.add(`${w} (in "${h}")`);
    };
    // A name to resolve (DNS tab), then an HTTP request through the ingress (HTTP tab), then a lesson.
    for (const fragment of ['', '#lesson/dns/4', '#lesson/ingress/3', '#lesson/vxlan/4']) {
      await page.goto(`/${fragment}`);
      await app.expectReady(
        fragment ? Number(await page.evaluate(() => window.__podpath!.getPlayback().hop)) : 0,
      );
      await app.timeline.fill('9');
      for (const tab of ['Learn', 'Hop', 'Events', 'DNS', 'HTTP', 'Node', 'CNI', 'Connections']) {
        await app.tab(new RegExp(`^${tab}`)).click();
        await collect();
      }
    }
    expect([...missing]).toEqual([]);
  });

  test('a term shows its sentence on keyboard focus and on hover', async ({ page }) => {
    const app = new PodpathPage(page);
    await page.goto('/#lesson/iptables-clusterip/2');
    await expect
      .poll(() => page.evaluate(() => window.__podpath!.getLesson()?.status), { timeout: 20_000 })
      .toBe('ready');
    void app;
    const term = page.getByTestId('lesson').getByRole('button', { name: 'PREROUTING' });
    const tip = page.locator(`[id="${await term.getAttribute('aria-describedby')}"]`);
    await expect(tip).toHaveAttribute('role', 'tooltip');
    await term.focus();
    await expect(tip).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(tip).toBeHidden();
    await page.mouse.move(0, 0);
    await term.hover();
    await expect(tip).toBeVisible();
  });
});
