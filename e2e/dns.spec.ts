import { expect, test } from '@playwright/test';
import { wcagViolations } from './pages/axe';
import { DnsPanel } from './pages/dns-panel';
import { PodpathPage } from './pages/podpath-page';

test.describe('a destination given by name', () => {
  test.use({ reducedMotion: 'reduce' });

  test('web:80 from the client: the query for web.default.svc.cluster.local, then the delivered connection', async ({
    page,
  }) => {
    const app = new PodpathPage(page);
    const dns = new DnsPanel(page, app);
    await app.open();
    await app.expectReady();
    await dns.sendTo('web:80');

    // Playback starts with the resolver's first question, a UDP datagram to kube-dns.
    await expect(app.status).toHaveAttribute('data-hop', '0');
    await expect(app.status).toHaveAttribute('data-phase', 'dns');
    await expect(app.status).toContainText('DNS query 1 of 2: web.default.svc.cluster.local. A');

    await dns.open();
    await expect(dns.resolvConf).toContainText(
      'search default.svc.cluster.local svc.cluster.local cluster.local',
    );
    await expect(dns.resolvConf).toContainText('options ndots:5');
    const trace = await app.trace();
    const address = trace.dns!.addresses[0]!;
    expect(await dns.rows()).toEqual([
      ['web.default.svc.cluster.local.', 'A', 'NOERROR', `web.default.svc.cluster.local. 30 IN A ${address}`],
      ['web.default.svc.cluster.local.', 'AAAA', 'NOERROR (NODATA)', 'none'],
    ]);
    await expect(dns.outcome).toContainText(`resolved as web.default.svc.cluster.local. to ${address}`);
    expect(await wcagViolations(page)).toEqual([]);

    // The AAAA query's packets start after the A exchange; its button seeks there.
    await page.getByRole('button', { name: 'Show packets of query 2' }).click();
    const aHops = trace.dns!.queries[0]!.trace!.hops.length;
    await expect(app.status).toHaveAttribute('data-hop', String(aHops));
    await expect(app.status).toContainText('DNS query 2 of 2');

    // Then the connection to the address the name resolved to, delivered to a web pod.
    const dnsHops = trace.dns!.queries.reduce((n, q) => n + (q.trace?.hops.length ?? 0), 0);
    const delivered = dnsHops + PodpathPage.lastRequestHop(trace);
    await app.timeline.fill(String(delivered));
    await expect(app.status).toHaveAttribute('data-hop', String(delivered));
    await expect(app.status).toHaveAttribute('data-phase', 'connection');
    await expect(app.status).toHaveAttribute('data-verdict', 'delivered');
    await expect(app.status).toHaveAttribute('data-delivered', trace.deliveredTo!.pod!);
    expect(trace.hops[0]!.packet.dst).toBe(`${address}:80`);

    // The event list names each part: the queries' packets first, then the connection.
    await app.tab('Events').click();
    const parts = await page
      .getByRole('table', { name: 'Events' })
      .locator('tbody tr td:nth-child(2)')
      .allInnerTexts();
    expect(parts[0]).toBe('DNS query 1 of 2: web.default.svc.cluster.local. A');
    expect(parts.at(-1)).toBe('connection');
    expect(parts.indexOf('connection')).toBe(dnsHops);
  });

  test('a bare name gets port 80, and a name that does not exist fails with EAI_NONAME after the search list', async ({
    page,
  }) => {
    const app = new PodpathPage(page);
    const dns = new DnsPanel(page, app);
    await app.open();
    await app.expectReady();
    await dns.sendTo('nothere');
    await dns.open();
    await expect(dns.outcome).toContainText('nothere did not resolve: EAI_NONAME');
    const names = (await dns.rows()).map((r) => `${r[0]} ${r[1]} ${r[2]}`);
    expect(names[0]).toBe('nothere.default.svc.cluster.local. A NXDOMAIN');
    expect(names.every((n) => n.includes('NXDOMAIN'))).toBe(true);
    expect((await app.trace()).verdict).not.toBe('delivered');
  });
});
