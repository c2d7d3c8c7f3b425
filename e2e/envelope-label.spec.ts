// The VXLAN envelope's outer-header text sits above the inner packet's pill, never under it: the pill
// used to start on the text's last baseline and cut its letters (seen in the projector screenshot).
import { expect, test } from '@playwright/test';
import { PodpathPage } from './pages/podpath-page';

test.use({ reducedMotion: 'reduce' });

for (const viewport of [
  { width: 1920, height: 1080 },
  { width: 390, height: 844 },
]) {
  test(`at ${viewport.width}×${viewport.height} the envelope's text clears the inner packet`, async ({
    page,
  }) => {
    await page.setViewportSize(viewport);
    const app = new PodpathPage(page);
    await app.open();
    await app.expectReady();
    const hops = (await app.trace()).hops;
    const encap = hops.findIndex((h) => h.kind === 'vxlan-encap');
    expect(encap).toBeGreaterThan(0);
    for (const hop of [encap, encap + 1]) {
      await app.timeline.fill(String(hop));
      await expect(app.status).toHaveAttribute('data-hop', String(hop));
      await app.viewTransform();
      const packet = page.getByTestId('packet');
      await expect(packet.locator('.envelope')).toBeVisible();
      const text = (await packet.locator('.envelope-label').boundingBox())!;
      const pill = (await packet.locator('.packet-body').boundingBox())!;
      const envelope = (await packet.locator('.envelope').boundingBox())!;
      expect(text.y + text.height, `hop ${hop}: text bottom vs pill top`).toBeLessThanOrEqual(pill.y);
      expect(text.y, `hop ${hop}`).toBeGreaterThanOrEqual(envelope.y);
      expect(pill.y + pill.height, `hop ${hop}`).toBeLessThanOrEqual(envelope.y + envelope.height);
    }
  });
}
