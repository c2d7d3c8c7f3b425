// The node inspector shows what the scenario's kube-proxy mode adds to a node, beside the kernel's own
// views: IPVS mode its virtual servers (`ipvsadm -Ln`) and ip sets, nftables mode kube-proxy's table, and
// iptables mode nothing more than iptables-save. The tabs come from the engine's mode registry.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { PodpathPage } from './pages/podpath-page';

const scenario = (name: string) =>
  readFileSync(new URL(`../scenarios/${name}.yaml`, import.meta.url), 'utf8');

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
];

test.use({ reducedMotion: 'reduce' });

test("each kube-proxy mode's own views are tabs of the node inspector", async ({ page }) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  const commands = page.getByRole('tablist', { name: 'Node command' }).getByRole('tab');
  const openNode = async () => {
    await app.tab(/^Node/).click();
    await page.getByRole('combobox', { name: 'Node' }).selectOption('node-1');
    await expect(page.getByRole('tabpanel', { name: /on node-1/ })).toContainText('$ ');
  };

  // iptables (the default scenario): the kernel's five views only.
  await openNode();
  await expect(commands).toHaveText(['ip addr', 'ip route', 'ip neigh', 'bridge fdb', 'iptables-save']);

  await app.loadScenario(scenario('ipvs-mode'));
  await openNode();
  await expect(commands).toHaveText([
    'ip addr',
    'ip route',
    'ip neigh',
    'bridge fdb',
    'iptables-save',
    'ipvsadm -Ln',
    'ipset list -sorted',
  ]);
  await commands.filter({ hasText: 'ipvsadm -Ln' }).click();
  const panel = page.getByRole('tabpanel', { name: 'ipvsadm -Ln on node-1' });
  await expect(panel).toContainText('IP Virtual Server version');
  await expect(panel).toContainText(/TCP {2}\d+\.\d+\.\d+\.\d+:\d+ rr/);
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: test.info().outputPath(`node-inspector-ipvs-${size.width}.png`) });
  }
  await page.setViewportSize(SIZES[1]!);

  await app.loadScenario(scenario('nftables-mode'));
  await openNode();
  await commands.filter({ hasText: 'nft list table ip kube-proxy' }).click();
  await expect(page.getByRole('tabpanel', { name: 'nft list table ip kube-proxy on node-1' })).toContainText(
    'table ip kube-proxy {',
  );
});
