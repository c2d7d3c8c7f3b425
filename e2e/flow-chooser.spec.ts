// The flow chooser's own bugs (issue 10): a To list without duplicate entries, a Protocol field that is
// honoured, and a destination field wide enough for the URL typed into it. And its From and To boxes
// (issue 14 item 4): searchable comboboxes that draw only the options matching what is typed, by mouse and
// by keyboard, named, and clean under axe.
import { expect, test } from '@playwright/test';
import { wcagViolations } from './pages/axe';
import { PodpathPage } from './pages/podpath-page';

test.use({ reducedMotion: 'reduce' });

test('the To list names each destination once and React reports no duplicate keys', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (/same key/i.test(m.text())) warnings.push(m.text());
  });
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await app.flowBox('To').fill('coredns');
  const list = page.getByRole('listbox', { name: 'To' });
  const values = await list
    .getByRole('option')
    .evaluateAll((os) => os.map((o) => o.getAttribute('data-value') ?? ''));
  expect(values.filter((v) => /^pod\/kube-system\/coredns-.*:53$/.test(v))).toHaveLength(2);
  expect(new Set(values).size).toBe(values.length);
  // Everything, scrolled through: still one entry per destination.
  await app.flowBox('To').fill('');
  const all = await list
    .getByRole('option')
    .evaluateAll((os) => os.map((o) => o.getAttribute('data-value') ?? ''));
  expect(all.length).toBeGreaterThan(values.length);
  expect(new Set(all).size).toBe(all.length);
  expect(warnings).toEqual([]);
});

test('the Protocol field is honoured: TCP to kube-dns port 53 is traced as TCP', async ({ page }) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  const protocol = page.getByRole('combobox', { name: 'Protocol' });
  // Choosing a UDP Service port chooses UDP.
  await app.chooseFlow('To', 'svc/kube-system/kube-dns:dns');
  await expect(protocol).toHaveValue('UDP');
  // Asking for TCP then means the same port number over TCP: kube-dns's `dns-tcp`.
  await protocol.selectOption('TCP');
  await expect(app.flowBox('To')).toHaveAttribute('data-value', 'svc/kube-system/kube-dns:dns-tcp');
  await app.button('Send packet').click();
  await expect.poll(async () => (await app.trace()).request.to).toBe('svc/kube-system/kube-dns:dns-tcp');
  const trace = await app.trace();
  expect(trace.request.protocol).toBe('tcp');
  expect(trace.verdict).toBe('delivered');
});

test('a typed URL fits in the destination field', async ({ page }) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await app.chooseFlow('To', 'typed');
  const field = page.getByRole('combobox', { name: 'Destination name' });
  const url = 'http://web.default.svc.cluster.local/api/orders?page=2';
  await field.fill(url);
  const { scroll, client } = await field.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
});

test('From and To are searchable comboboxes: typed words narrow the list, keys move and choose, Escape puts back', async ({
  page,
}, testInfo) => {
  // Three screenshots and an axe run: more than the default 30 s on a loaded two-core machine.
  test.setTimeout(60_000);
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  const to = app.flowBox('To');
  const list = page.getByRole('listbox', { name: 'To' });
  const before = await to.getAttribute('data-value');
  await expect(to).toHaveAttribute('aria-expanded', 'false');

  // Keyboard only: Tab to the box, type two words in any order, the first match is highlighted.
  await app.flowBox('From').focus();
  await page.keyboard.press('Tab');
  await expect(to).toBeFocused();
  await page.keyboard.type('dns-tcp kube');
  await expect(to).toHaveAttribute('aria-expanded', 'true');
  await expect(list.getByRole('option')).toHaveText([/kube-system\/kube-dns:dns-tcp/, 'A name or address…']);
  const first = list.getByRole('option').first();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(to).toHaveAttribute('aria-activedescendant', (await first.getAttribute('id'))!);
  for (const size of [
    { width: 1920, height: 1080 },
    { width: 1366, height: 768 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(size);
    await page.getByRole('listbox', { name: 'To' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath(`to-box-${size.width}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  expect(await wcagViolations(page)).toEqual([]);

  // Escape closes the list and puts the chosen option back; nothing changed.
  await page.keyboard.press('Escape');
  await expect(to).toHaveAttribute('aria-expanded', 'false');
  await expect(to).toHaveAttribute('data-value', before!);

  // ↓ opens the list at the chosen option; ↓ ↑ move; Enter chooses; the Protocol follows a UDP port.
  await page.keyboard.press('ArrowDown');
  await expect(list).toBeVisible();
  await expect(list.locator('[aria-selected="true"]')).toHaveAttribute('data-value', before!);
  await to.fill('kube-dns');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowDown');
  const chosen = await list.locator('[aria-selected="true"]').getAttribute('data-value');
  await page.keyboard.press('Enter');
  await expect(list).toHaveCount(0);
  await expect(to).toHaveAttribute('data-value', chosen!);
  expect(chosen).toMatch(/^svc\/kube-system\/kube-dns:/);

  // Words that match nothing say so; leaving the box changes nothing.
  await to.fill('no-such-thing');
  await expect(page.getByText('Nothing matches; try fewer or shorter words.')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(to).toHaveAttribute('data-value', chosen!);
  await expect(to).toHaveAttribute('aria-expanded', 'false');

  // Mouse: click the box, click an option; Send packet traces it.
  await app.chooseFlow('From', 'pod/default/client');
  await app.chooseFlow('To', 'svc/default/web:http');
  await app.button('Send packet').click();
  await expect.poll(async () => (await app.trace()).request.to).toBe('svc/default/web:http');
});
