// The stage draws the scenario's real devices (issue 10), as the engine's namespace model lists them for
// the flannel backend and kube-proxy mode: vxlan draws flannel.1; host-gw no tunnel device at all; udp
// the TUN device flannel0 and flanneld reading it; IPVS kube-ipvs0 holding every Service address;
// userspace kube-proxy's own process. Each scenario is loaded through the YAML editor, as a user pastes it.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { PodpathPage } from './pages/podpath-page';

test.use({ reducedMotion: 'reduce', viewport: { width: 1366, height: 768 } });

const scenario = (name: string) =>
  readFileSync(new URL(`../scenarios/${name}.yaml`, import.meta.url), 'utf8');

test('each backend and mode draws its own devices and processes, and only those', async ({ page }) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  const device = (name: string) => page.locator(`.cluster [data-device="${name}"]`);
  const process = (name: string) => page.locator(`.cluster [data-process="${name}"]`);
  // The default: VXLAN, one flannel.1 per node, no TUN device, no proxy process.
  await expect(device('flannel.1')).toHaveCount(2);
  await expect(device('flannel.1').first()).toHaveAttribute('data-kind', 'vxlan');
  await expect(device('flannel0')).toHaveCount(0);

  // host-gw: routes via the NIC, so flannel.1 goes away and no other tunnel takes its place.
  await app.loadScenario(scenario('host-gw'));
  await expect(device('flannel.1')).toHaveCount(0);
  await expect(page.locator('.cluster [data-kind="vxlan"], .cluster [data-kind="tun"]')).toHaveCount(0);
  await expect(page.locator('.cluster .node-device .nic')).toHaveCount(2);

  // IPVS: kube-ipvs0, a dummy device holding every Service's ClusterIP as a /32.
  const ipvs = scenario('ipvs-mode');
  await app.loadScenario(ipvs);
  await expect(device('kube-ipvs0')).toHaveCount(2);
  await expect(device('kube-ipvs0').first()).toHaveAttribute('data-kind', 'dummy');
  const tooltip = (await device('kube-ipvs0').first().locator('title').textContent()) ?? '';
  const clusterIPs = [...ipvs.matchAll(/^\s*clusterIP: (\d+\.\d+\.\d+\.\d+)/gm)].map((m) => m[1]!);
  expect(clusterIPs.length).toBeGreaterThan(1);
  for (const ip of clusterIPs) expect(tooltip).toContain(`${ip}/32`);
  await expect(device('kube-ipvs0').first().locator('.device-detail')).toContainText(
    /\d+\.\d+\.\d+\.\d+\/32/,
  );

  // userspace: kube-proxy is a process packets pass through, drawn on every node.
  await app.loadScenario(scenario('userspace-mode'));
  await expect(process('kube-proxy')).toHaveCount(2);
  await expect(device('kube-ipvs0')).toHaveCount(0);

  // udp: flannel0, a TUN device, and flanneld, which reads it and sends UDP to the other node's flanneld.
  await app.loadScenario(scenario('flannel-udp'));
  await expect(device('flannel0')).toHaveCount(2);
  await expect(device('flannel0').first()).toHaveAttribute('data-kind', 'tun');
  await expect(process('flanneld')).toHaveCount(2);
  await expect(device('flannel.1')).toHaveCount(0);
});

test("a proxy's own connection plays as a second leg: kube-proxy in userspace mode, then the ingress controller", async ({
  page,
}) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  for (const [file, by, flow] of [
    ['userspace-mode', "kube-proxy's own connection to the backend", null],
    ['ingress', "The ingress controller's own connection to the backend", 'http-prefix-to-pod'],
  ] as const) {
    await app.loadScenario(scenario(file));
    if (flow) {
      await app.tab('Learn').click();
      await page.getByRole('button', { name: flow, exact: true }).click();
    }
    await expect.poll(async () => Boolean((await app.trace()).proxy ?? (await app.trace()).http)).toBe(true);
    const trace = await app.trace();
    const second = (trace.proxy?.upstreamTrace ?? trace.http?.upstreamTrace)!;
    // A name is resolved first: its DNS exchanges play before the connection.
    const dns = (trace.dns?.queries ?? []).reduce((n, q) => n + (q.trace?.hops.length ?? 0), 0);
    const requests = dns + trace.hops.filter((h) => h.direction === 'request').length;
    // The timeline walks both legs.
    await expect(app.timeline).toHaveAttribute(
      'max',
      String(dns + trace.hops.length + second.hops.length - 1),
    );
    // Just after the request reaches the proxy, the proxy's own connection sets off.
    await app.timeline.fill(String(requests));
    await expect(app.status).toHaveAttribute('data-phase', 'upstream');
    await expect(app.status).toContainText(by);
    // Its delivery is into the backend pod, and the packet is drawn there.
    const deliver =
      requests + second.hops.findIndex((h) => h.direction === 'request' && h.kind === 'deliver');
    await app.timeline.fill(String(deliver));
    const pod = second.deliveredTo!.pod!;
    await expect(app.status).toContainText(`Delivered to ${pod}`);
    await app.viewTransform();
    const marker = (await page.locator('.packet-marker').boundingBox())!;
    const box = (await page.locator(`[data-pod="${pod}"] .pod-box`).boundingBox())!;
    const cx = marker.x + marker.width / 2;
    const cy = marker.y + marker.height / 2;
    expect(cx).toBeGreaterThan(box.x);
    expect(cx).toBeLessThan(box.x + box.width);
    expect(cy).toBeGreaterThan(box.y);
    expect(cy).toBeLessThan(box.y + box.height);
    // Then the connection's answer to the client.
    await app.timeline.fill(String(requests + second.hops.length));
    await expect(app.status).toHaveAttribute('data-phase', 'connection');
    await expect(app.status).toHaveAttribute('data-direction', 'reply');
  }
});
