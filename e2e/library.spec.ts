// The landing and the scenario library (issue 11 items 1, 7 and 9): a first visit's welcome with the lesson
// list (dismissed, not shown again, the lessons still one click away), the default flow crossing nodes over
// VXLAN, every file in scenarios/ listed and opened with one click with its own Flow objects as ready flows,
// and the way back to the default scenario. Expected values come from the files, not from the app.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parseAllDocuments } from 'yaml';
import { readLessonFiles } from '../app/lessons/lesson-files';
import { wcagViolations } from './pages/axe';
import { PodpathPage } from './pages/podpath-page';

test.use({ reducedMotion: 'reduce' });

const scenarioFiles = [
  ...readdirSync('scenarios').filter((f) => f.endsWith('.yaml')),
  ...readdirSync('scenarios/conformance')
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `conformance/${f}`),
];

/** The Flow objects a scenario file holds, read as YAML. */
function flowsOf(text: string): { name: string; from: string; to: string }[] {
  return parseAllDocuments(text).flatMap((d) => {
    const v = ('toJS' in d ? d.toJS() : null) as {
      kind?: string;
      metadata?: { name?: string };
      spec?: { from?: string; to?: string };
    } | null;
    return v?.kind === 'Flow' ? [{ name: v.metadata!.name!, from: v.spec!.from!, to: v.spec!.to! }] : [];
  });
}

const lessonTitles = readLessonFiles('lessons').flatMap((f) => (f.check.ok ? [f.check.lesson.title] : []));

async function scenarioText(page: Page) {
  return page.evaluate(() => window.__podpath!.getScenarioText());
}

test('a first visit: the welcome lists every lesson in whole columns, closes for good, and the default flow crosses nodes', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  const welcome = page.getByRole('region', { name: 'Welcome to Podpath' });
  await expect(welcome).toBeVisible();
  await expect(welcome.getByRole('list', { name: 'Lessons' }).getByRole('link')).toHaveText(lessonTitles);
  await page.screenshot({ path: test.info().outputPath('welcome-1920.png') });

  // Each title sits whole in one column, with its bullet on its first line: an inline probe at the start of
  // the item lands where the list marker does.
  const layout = await welcome.locator('li').evaluateAll((items) =>
    items.map((li) => {
      const link = li.querySelector('a')!;
      const probe = document.createElement('span');
      probe.textContent = '\u200b';
      li.insertBefore(probe, link);
      const marker = probe.getBoundingClientRect();
      probe.remove();
      const firstLine = link.getClientRects()[0]!;
      return {
        title: link.textContent,
        fragments: li.getClientRects().length,
        markerOnFirstLine: marker.top < firstLine.top + firstLine.height / 2,
      };
    }),
  );
  for (const item of layout)
    expect(item, item.title ?? '').toMatchObject({ fragments: 1, markerOnFirstLine: true });
  expect(await wcagViolations(page, '.welcome')).toEqual([]);

  // The default scenario's flow leaves node-1 through the VXLAN tunnel and is delivered on node-2.
  const trace = await app.trace();
  expect(trace.hops.some((h) => h.kind === 'vxlan-encap' && h.node === 'node-1')).toBe(true);
  const delivered = trace.hops.find((h) => h.kind === 'deliver' && h.direction === 'request');
  expect(delivered?.node).toBe('node-2');

  await welcome.getByRole('button', { name: 'Close the welcome' }).click();
  await expect(welcome).toHaveCount(0);
  await page.reload();
  await app.expectReady();
  await expect(page.getByRole('region', { name: 'Welcome to Podpath' })).toHaveCount(0);
  // Still reachable: the header's Lessons button opens the Learn tab with the same list.
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  const learn = page.getByRole('region', { name: 'Lessons and scenarios' });
  await expect(learn.locator('.lesson-list > li > a')).toHaveText(lessonTitles);
});

test('the scenario library lists every scenario file, opens one with its own flows, and resets to the default', async ({
  page,
}) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  const learn = page.getByRole('region', { name: 'Lessons and scenarios' });
  // Both groups unfolded, every file is one Open button with a one-line description.
  for (const summary of await learn.locator('details.scenario-group > summary').all()) {
    if ((await summary.locator('..').getAttribute('open')) === null) await summary.click();
  }
  const items = learn.locator('.scenario-list > li');
  await expect(items).toHaveCount(scenarioFiles.length);
  for (const item of await items.all()) {
    await expect(item.getByRole('button', { name: /^Open \S/ })).toBeVisible();
    expect((await item.locator('p').innerText()).trim().length).toBeGreaterThan(10);
  }

  // One click opens the Ingress scenario: its text, its first Flow traced, all its Flows offered.
  const ingress = readFileSync('scenarios/ingress.yaml', 'utf8');
  const flows = flowsOf(ingress);
  expect(flows.length).toBeGreaterThan(3);
  const title = (
    await items.nth(scenarioFiles.indexOf('ingress.yaml')).getByRole('button').innerText()
  ).trim();
  expect(title).toMatch(/ingress/i);
  await learn.getByRole('button', { name: title }).click();
  await expect.poll(() => scenarioText(page)).toBe(ingress);
  await expect.poll(async () => (await app.trace()).request.to, { timeout: 15_000 }).toBe(flows[0]!.to);
  const ready = learn.locator('.flow-list > li > button');
  await expect(ready).toHaveText(flows.map((f) => f.name));
  // A ready flow is one click too.
  await ready.nth(2).click();
  await expect.poll(async () => (await app.trace()).request.to, { timeout: 15_000 }).toBe(flows[2]!.to);

  await learn.getByRole('button', { name: 'Reset to the default scenario' }).click();
  await expect.poll(() => scenarioText(page)).toBe(readFileSync('scenarios/default.yaml', 'utf8'));
  const [defaultFlow] = flowsOf(readFileSync('scenarios/default.yaml', 'utf8'));
  await expect.poll(async () => (await app.trace()).request.to, { timeout: 15_000 }).toBe(defaultFlow!.to);
  await expect(ready).toHaveText([defaultFlow!.name]);
});
