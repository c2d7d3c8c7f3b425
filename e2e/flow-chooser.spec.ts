// The flow chooser's own bugs (issue 10): a To list without duplicate entries, a Protocol field that is
// honoured, and a destination field wide enough for the URL typed into it.
import { expect, test } from '@playwright/test';
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
  const to = page.getByRole('combobox', { name: 'To', exact: true });
  const values = await to
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(values.filter((v) => /^pod\/kube-system\/coredns-.*:53$/.test(v))).toHaveLength(2);
  expect(new Set(values).size).toBe(values.length);
  expect(warnings).toEqual([]);
});

test('the Protocol field is honoured: TCP to kube-dns port 53 is traced as TCP', async ({ page }) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  const to = page.getByRole('combobox', { name: 'To', exact: true });
  const protocol = page.getByRole('combobox', { name: 'Protocol' });
  // Choosing a UDP Service port chooses UDP.
  await to.selectOption('svc/kube-system/kube-dns:dns');
  await expect(protocol).toHaveValue('UDP');
  // Asking for TCP then means the same port number over TCP: kube-dns's `dns-tcp`.
  await protocol.selectOption('TCP');
  await expect(to).toHaveValue('svc/kube-system/kube-dns:dns-tcp');
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
  await page.getByRole('combobox', { name: 'To', exact: true }).selectOption('typed');
  const field = page.getByRole('combobox', { name: 'Destination name' });
  const url = 'http://web.default.svc.cluster.local/api/orders?page=2';
  await field.fill(url);
  const { scroll, client } = await field.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
});
