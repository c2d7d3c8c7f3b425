// flannel's udp backend on the stage (issue 12): every node draws flannel0 and the flanneld process and no
// flannel.1, the trace crosses into flanneld and out in UDP 8285 with no VXLAN hop, and the packet is drawn
// at flanneld on the hops where flanneld holds it.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { PodpathPage } from './pages/podpath-page';

const UDP_SCENARIO = readFileSync('scenarios/flannel-udp.yaml', 'utf8');

test.use({ reducedMotion: 'reduce' });

test('the udp backend draws flannel0 and flanneld, and the packet passes through flanneld', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await app.loadScenario(UDP_SCENARIO);
  for (const node of ['node-1', 'node-2']) {
    const frame = page.locator(`[data-node="${node}"]`);
    await expect(frame.locator('[data-device="flannel0"]')).toBeVisible();
    await expect(frame.locator('[data-process="flanneld"]')).toBeVisible();
    await expect(frame.locator('[data-device="flannel.1"]')).toHaveCount(0);
  }

  const trace = await app.trace();
  expect(trace.verdict).toBe('delivered');
  expect(trace.hops.some((h) => h.kind.startsWith('vxlan'))).toBe(false);
  const encap = trace.hops.find((h) => h.kind === 'udp-encap')!;
  expect(encap.packet.outer).toMatchObject({ sport: 8285, dport: 8285 });
  const read = trace.hops.findIndex(
    (h) => h.kind === 'user-space' && h.process?.crossing === 'kernel-to-user',
  );
  expect(read).toBeGreaterThan(0);

  await app.timeline.fill(String(read));
  await expect(app.status).toHaveAttribute('data-hop', String(read));
  await expect(app.status).toContainText('user-space at flannel0');
  // The packet sits on node-1's flanneld, not on its NIC.
  const flanneld = (await page.locator('[data-node="node-1"] [data-process="flanneld"] rect').boundingBox())!;
  await expect
    .poll(async () => {
      const marker = (await page.locator('.packet-marker').boundingBox())!;
      const cx = marker.x + marker.width / 2;
      const cy = marker.y + marker.height / 2;
      return Math.hypot(cx - (flanneld.x + flanneld.width / 2), cy - (flanneld.y + flanneld.height / 2));
    })
    .toBeLessThan(Math.max(flanneld.width, flanneld.height));
  await page.screenshot({ path: test.info().outputPath('udp-1920.png') });
  for (const [w, h] of [
    [1366, 768],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(400);
    await page.screenshot({ path: test.info().outputPath(`udp-${w}.png`) });
  }
});
