import { expect, test } from '@playwright/test';
import { wcagViolations } from './pages/axe';
import { CompareModesPanel } from './pages/compare-modes-panel';
import { PodpathPage } from './pages/podpath-page';

test.describe('kube-proxy modes side by side', () => {
  test.use({ reducedMotion: 'reduce' });

  test('the default flow under iptables, nftables and IPVS: outcome, rules per hook, where they differ', async ({
    page,
  }) => {
    const app = new PodpathPage(page);
    const compare = new CompareModesPanel(page, app);
    await app.open();
    await app.expectReady();
    await compare.open();
    await expect(compare.mode('iptables')).toBeChecked();
    await expect(compare.mode('nftables')).toBeChecked();
    await expect(compare.mode('IPVS')).toBeChecked();
    // Three is the most side by side: the fourth cannot be added.
    await expect(compare.mode('userspace (legacy)')).toBeDisabled();
    await expect(page.getByText('IPVS is deprecated since v1.35.')).toBeVisible();

    await expect(compare.sideBySide).toBeVisible({ timeout: 15_000 });
    const outcomes = (await compare.comparison())!;
    expect(outcomes.map((o) => o.mode)).toEqual(['iptables', 'nftables', 'ipvs']);
    const [ipt, nft] = outcomes;
    if (ipt?.kind !== 'traced' || nft?.kind !== 'traced') throw new Error('iptables and nftables must trace');
    expect(ipt.verdict).toBe('delivered');
    expect(nft.verdict).toBe('delivered');
    expect((await compare.row('outcome')).slice(0, 2)).toEqual(['delivered', 'delivered']);
    expect((await compare.row('first packet: lookups')).slice(0, 2)).toEqual([
      '0',
      String(nft.firstPacketLookups),
    ]);
    expect(nft.firstPacketLookups).toBeGreaterThan(0);
    await expect(compare.differences).toContainText('Set and map lookups');
    // The hook where kube-proxy's DNAT happens differs: a KUBE-SERVICES walk against a verdict-map lookup.
    await expect(compare.perHook.locator('tr.differs').first()).toContainText('node/node-1 prerouting');

    // Two modes: the IPVS column and its deprecation note go.
    await compare.mode('IPVS').uncheck();
    await expect(compare.sideBySide.getByRole('columnheader')).toHaveCount(2);
    await expect(page.getByText('IPVS is deprecated since v1.35.')).toHaveCount(0);
    await expect(compare.mode('nftables')).toBeDisabled();
    expect(await wcagViolations(page)).toEqual([]);
  });

  test('the scaling chart: iptables grows with the Services, nftables stays flat, the scenario marked', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const app = new PodpathPage(page);
    const compare = new CompareModesPanel(page, app);
    await app.open();
    await app.expectReady();
    await compare.open();
    await compare.mode('IPVS').uncheck();
    await expect(compare.chart).toBeVisible();
    await expect(page.getByRole('progressbar', { name: 'Measuring clusters' })).toBeVisible();
    const shown = async () => (await compare.scaling()).points.filter((p) => p.mode !== 'ipvs');
    await expect.poll(async () => (await shown()).length, { timeout: 90_000, intervals: [1000] }).toBe(10);
    await expect(page.getByRole('progressbar')).toHaveCount(0);
    const points = await shown();
    const { own } = await compare.scaling();
    const at = (mode: string, n: number) => points.find((p) => p.mode === mode && p.services === n)!;
    for (const p of points) expect(p).toMatchObject({ verdict: 'delivered', error: null });
    // 9,999 generated Services and kube-apiserver's default/kubernetes.
    expect(at('iptables', 10_000).target).toBe('svc/default/s9998:80');
    // iptables walks KUBE-SERVICES, one rule per Service port, at every nat hook the packet meets.
    expect(at('iptables', 10_000).firstPacketRules).toBeGreaterThan(
      at('iptables', 1000).firstPacketRules * 9,
    );
    expect(at('nftables', 10_000).firstPacketRules).toBe(at('nftables', 10).firstPacketRules);
    const row = compare.scalingTable.getByRole('row', { name: /^10,000/ });
    await expect(row.getByRole('cell').first()).toHaveText(
      at('iptables', 10_000).firstPacketRules.toLocaleString('en-US'),
    );
    // The user's own scenario, with the same measure, in the table and on the chart.
    expect(own?.map((p) => p.mode)).toEqual(['iptables', 'nftables']);
    await expect(
      compare.scalingTable.getByRole('row', { name: /^your scenario \(3 Services, this flow\)/ }),
    ).toBeVisible();
    await expect(page.locator('.scaling-chart .own')).toHaveCount(2);
    await expect(page.locator('.scaling-chart .series.mode-iptables circle')).toHaveCount(5);
  });
});
