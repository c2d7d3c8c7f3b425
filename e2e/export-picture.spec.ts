// Export picture (issue 10): under the built page's CSP and Trusted Types, the toolbar downloads the
// current view as a PNG twice the view's size and as an SVG that stands alone, both captioned with the
// scenario, the hop counter and the hop's sentence.
import { readFile } from 'node:fs/promises';
import { expect, test, type Download } from '@playwright/test';
import { PodpathPage } from './pages/podpath-page';

test.use({ reducedMotion: 'reduce', viewport: { width: 1366, height: 768 } });

async function bytes(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFile(path);
}

test('Export picture downloads a 2× PNG and a captioned SVG of the current view', async ({
  page,
  context,
}) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await app.timeline.fill('4');
  await expect(app.status).toHaveAttribute('data-hop', '4');
  const viewWidth = await page
    .locator('.scene-svg')
    .evaluate((el) => Math.round(el.getBoundingClientRect().width));
  const menu = page.getByText('Export picture', { exact: true });

  await menu.click();
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /^PNG/ }).click(),
  ]);
  expect(png.suggestedFilename()).toMatch(/^podpath-hop-5-of-\d+\.png$/);
  const data = await bytes(png);
  expect([...data.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // IHDR is the first chunk: width and height are big-endian at bytes 16 and 20.
  expect(data.toString('latin1', 12, 16)).toBe('IHDR');
  expect(data.readUInt32BE(16)).toBe(2 * viewWidth);
  expect(data.readUInt32BE(20)).toBeGreaterThan(0);

  await menu.click();
  const [svg] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'SVG', exact: true }).click(),
  ]);
  expect(svg.suggestedFilename()).toMatch(/\.svg$/);
  const text = (await bytes(svg)).toString('utf8');
  // Parsed where no CSP applies (a blank page), as a viewer would open the file.
  const blank = await context.newPage();
  const parsed = await blank.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    const root = doc.documentElement;
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: root.localName,
      width: Number(root.getAttribute('width')),
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
      styled: doc.querySelectorAll('[style]').length,
    };
  }, text);
  await blank.close();
  expect(parsed.error).toBeNull();
  expect(parsed.root).toBe('svg');
  expect(parsed.width).toBe(viewWidth);
  expect(parsed.styled).toBe(0);
  const all = parsed.texts.join('\n');
  const status = (await app.status.textContent()) ?? '';
  expect(status).toMatch(/^Hop 5 of (\d+)/);
  expect(all).toContain("Podpath's default scenario");
  expect(all).toMatch(/Hop 5 of \d+ \(request, iptables \/ vxlan\)/);
  // Device labels of the drawing, as the engine's namespace model names them.
  for (const label of ['node-1', 'node-2', 'cni0', 'eth0']) expect(all).toContain(label);
  expect(errors.filter((e) => /Content Security Policy|TrustedHTML|Trusted Type/i.test(e))).toEqual([]);
});
