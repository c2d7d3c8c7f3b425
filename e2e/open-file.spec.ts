// Opening a scenario file (issue 13 item 9, issue 14 items 2 and 4): the "Open file…" button and drag and
// drop, a kubectl-shaped dump loaded in the worker without a main-thread task over 100 ms, a load stopped
// by Cancel or by the time limit with the previous scenario kept, a file over the cap refused by name,
// and a share link refused, saying why, for a scenario past the share caps.
import { truncateSync, writeFileSync } from 'node:fs';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { dumpYaml, type DumpShape } from '../scripts/real-dumps';
import { wcagViolations } from './pages/axe';
import { PodpathPage } from './pages/podpath-page';

test.use({ reducedMotion: 'reduce' });

/**
 * What `kubectl get nodes,pods,svc,endpointslices -A -o yaml` prints for a cluster of this shape, written
 * to disk: the browser then reads it as it would a user's file (a buffer would be base64-decoded by the
 * test harness inside the page, a long task of its own).
 */
function dumpFile(testInfo: TestInfo, name: string, shape: DumpShape): { path: string; bytes: number } {
  const path = testInfo.outputPath(name);
  const text = dumpYaml(shape);
  writeFileSync(path, text);
  return { path, bytes: Buffer.byteLength(text) };
}

async function chooseFile(page: Page, file: string | { name: string; buffer: Buffer }): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open file…' }).click();
  await (
    await chooser
  ).setFiles(
    typeof file === 'string' ? file : { name: file.name, mimeType: 'application/yaml', buffer: file.buffer },
  );
}

async function openScenarioTab(app: PodpathPage): Promise<void> {
  await app.tab(/^Scenario/).click();
  await expect(app.page.getByRole('button', { name: 'Open file…' })).toBeVisible();
}

const scenarioText = (page: Page) => page.evaluate(() => window.__podpath!.getScenarioText());

test('Open file… and a file dropped on the stage both open the scenario; the drop hint shows while dragging', async ({
  page,
}, testInfo) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  const before = await scenarioText(page);
  await openScenarioTab(app);
  // Keyboard: the button is reachable and named, its hint says what it takes.
  const button = page.getByRole('button', { name: 'Open file…' });
  await button.focus();
  await expect(button).toBeFocused();
  await expect(button).toHaveAccessibleDescription(
    /drop one on the editor or the stage: YAML or JSON, up to 256 MiB/,
  );

  const scaled = before.replace(/replicas: 3/, 'replicas: 5');
  expect(scaled).not.toBe(before);
  await chooseFile(page, { name: 'scaled.yaml', buffer: Buffer.from(scaled) });
  await expect.poll(() => scenarioText(page)).toBe(scaled);
  // Small enough to edit: it is in the editor, and editable.
  await expect(app.yaml).toHaveValue(scaled);
  await expect(page.locator('[data-pod^="default/web-"]')).toHaveCount(5);

  // Drag a file over the stage: the hint shows; dropping it opens it.
  const stage = page.locator('main .stage');
  const transfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped.yaml', { type: 'application/yaml' }));
    return dt;
  }, before);
  await stage.dispatchEvent('dragenter', { dataTransfer: transfer });
  await stage.dispatchEvent('dragover', { dataTransfer: transfer });
  const hint = stage.getByTestId('drop-hint');
  await expect(hint).toBeVisible();
  await expect(hint).toContainText('Drop to open this file');
  expect(await wcagViolations(page)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('drop-hint-stage.png') });
  await stage.dispatchEvent('drop', { dataTransfer: transfer });
  await expect(hint).toHaveCount(0);
  await expect.poll(() => scenarioText(page)).toBe(before);
  await expect(page.locator('[data-pod^="default/web-"]')).toHaveCount(3);

  // The editor is a drop target too.
  const editor = page.locator('.editor-drop');
  await editor.dispatchEvent('dragenter', { dataTransfer: transfer });
  await expect(editor.getByTestId('drop-hint')).toBeVisible();
  await editor.dispatchEvent('dragleave', { dataTransfer: transfer });
  await expect(editor.getByTestId('drop-hint')).toHaveCount(0);
});

test('a file over the 256 MiB cap is refused by name before it is read; the scenario stays', async ({
  page,
}, testInfo) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  const before = await scenarioText(page);
  // A sparse file: 257 MiB on paper, nothing on disk, and the browser is given its path, not its bytes.
  const path = testInfo.outputPath('huge.yaml');
  writeFileSync(path, '');
  truncateSync(path, 257 * 1024 * 1024);
  await openScenarioTab(app);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open file…' }).click();
  await (await chooser).setFiles(path);
  await expect(app.notice).toContainText(
    'huge.yaml is 269.5 MB, more than the 256 MiB Podpath opens, so it was not opened; the scenario you had is still loaded.',
  );
  expect(await scenarioText(page)).toBe(before);
});

test('Cancel stops a long load and the previous scenario stays, as does the time limit', async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  // Big enough that reading it takes well over 400 ms on an idle machine too (400 Services loaded in
  // under that once the reader got faster), so the limit and the Cancel button both meet a running load.
  const file = dumpFile(testInfo, 'slow-dump.yaml', {
    services: 1500,
    podsPerService: 1,
    full: true,
    nodes: 8,
  }).path;
  const app = new PodpathPage(page);
  // Opened files may load for 400 ms here (the test hook; typed text and the first scenario keep 10 s).
  await app.open('?file-load-limit-ms=400');
  await app.expectReady();
  const before = await scenarioText(page);
  const trace = await app.trace();
  await openScenarioTab(app);

  await chooseFile(page, file);
  await expect(app.notice).toContainText(
    /^Loading slow-dump\.yaml \(\d+\.\d MB\) took longer than 0\.4 s, so it was stopped; the previous scenario is still loaded\./,
    { timeout: 20_000 },
  );
  expect(await scenarioText(page)).toBe(before);
  await expect(app.yaml).toHaveValue(before);
  // The engine holds the previous scenario again: a packet traces as before.
  await app.button('Send packet').click();
  await expect.poll(async () => (await app.trace()).hops).toEqual(trace.hops);
  await page.getByRole('button', { name: 'Dismiss' }).click();

  // Cancel: reload without the hook (the limit is then 10 s + 2 s per MiB) and stop the load by hand.
  await app.open();
  await app.expectReady();
  await openScenarioTab(app);
  await chooseFile(page, file);
  const cancel = page.getByRole('button', { name: 'Cancel loading' });
  await cancel.click();
  await expect(app.notice).toContainText(
    /^Loading slow-dump\.yaml \(\d+\.\d MB\) was cancelled; the previous scenario is still loaded\./,
  );
  await expect(cancel).toHaveCount(0);
  expect(await scenarioText(page)).toBe(before);
  await app.button('Send packet').click();
  await expect.poll(async () => (await app.trace()).hops).toEqual(trace.hops);
});

test('a scenario too big for a share link gets no link but a sentence saying so', async ({
  page,
}, testInfo) => {
  test.setTimeout(60_000);
  const shape: DumpShape = { services: 170, podsPerService: 1, full: true, nodes: 4 };
  const file = dumpFile(testInfo, 'team-dump.yaml', shape);
  expect(file.bytes).toBeGreaterThan(1024 * 1024);
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await openScenarioTab(app);
  await chooseFile(page, file.path);
  await expect(page.locator('[data-node]')).toHaveCount(shape.nodes, { timeout: 30_000 });
  // Too big for the editor: named instead of shown; no what-ifs over it.
  await expect(page.getByTestId('opened-file-notice')).toContainText(
    `team-dump.yaml (${(file.bytes / 1e6).toFixed(1)} MB) is open`,
  );
  await expect(app.yaml).toHaveCount(0);
  await expect(page.getByText('What-ifs edit the scenario')).toBeVisible();

  await app.button('Share').click();
  await expect(page.getByRole('alert').filter({ hasText: 'share link' })).toHaveText(
    `This scenario is too big for a share link: a link carries at most 1 MiB of scenario and this one is ${(file.bytes / 1e6).toFixed(1)} MB. Share the file itself instead: it opens with Open file… in the Scenario tab.Dismiss`,
  );
  await expect(page.getByRole('textbox', { name: /Share link/ })).toHaveCount(0);
  expect(await wcagViolations(page)).toEqual([]);
});
