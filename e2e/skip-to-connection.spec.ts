// A long DNS trace read as a few parts (issue 11 item 6): a full name without its trailing dot walks the
// whole search list first, over 400 hops, yet the page lists it as two parts, one line per query; "Skip to
// the connection" lands on the connection's first hop and a query's line on that query's first packet.
// Where each part starts is counted from the trace's own query traces, not from the app's code.
import { expect, test } from '@playwright/test';
import { DnsPanel } from './pages/dns-panel';
import { PodpathPage } from './pages/podpath-page';

test.use({ reducedMotion: 'reduce' });

test('a 400-hop name lookup reads as a few steps, and skipping lands on the connection', async ({ page }) => {
  test.setTimeout(60_000);
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await new DnsPanel(page, app).sendTo('web.default.svc.cluster.local:80');
  const trace = await app.trace();
  const queries = trace.dns!.queries;
  const starts = queries.map((_, i) =>
    queries.slice(0, i).reduce((n, q) => n + (q.trace?.hops.length ?? 0), 0),
  );
  const dnsHops = queries.reduce((n, q) => n + (q.trace?.hops.length ?? 0), 0);
  expect(dnsHops + trace.hops.length).toBeGreaterThan(400);
  expect(trace.deliveredTo).not.toBeNull();

  const parts = page.getByRole('navigation', { name: 'Parts of this trace' });
  // Two parts: the name resolution (its queries one line each) and the connection.
  await expect(parts.locator(':scope > ol > li')).toHaveCount(2);
  await expect(parts.locator('summary')).toContainText(
    `Name resolution: ${queries.length} queries for web.default.svc.cluster.local (${dnsHops} hops)`,
  );
  const lines = parts.locator('.dns-query-steps > li');
  await expect(lines).toHaveCount(queries.length);
  expect(queries.length).toBeLessThan(10);
  await expect(lines.first()).toContainText('web.default.svc.cluster.local.default.svc.cluster.local. A');
  await expect(lines.first()).toContainText('NXDOMAIN');
  await expect(lines.last()).toContainText('web.default.svc.cluster.local. AAAA');

  // A query's line seeks to its first packet.
  await lines.nth(2).getByRole('button').click();
  await expect(app.status).toHaveAttribute('data-hop', String(starts[2]));
  await expect(app.status).toContainText(`DNS query 3 of ${queries.length}`);
  await expect(lines.nth(2).getByRole('button')).toHaveAttribute('aria-current', 'step');

  // Skipping lands on the connection's first hop: the client's send to the resolved address.
  await parts.getByRole('button', { name: 'Skip to the connection' }).click();
  await expect(app.status).toHaveAttribute('data-hop', String(dnsHops));
  await expect(app.status).toHaveAttribute('data-phase', 'connection');
  expect(trace.hops[0]!.kind).toBe('send');
  expect(trace.hops[0]!.packet.dst).toBe(`${trace.dns!.addresses[0]}:80`);
  await expect(parts.getByRole('button', { name: 'Skip to the connection' })).toHaveCount(0);
  await expect(parts.locator(':scope > ol > li').last()).toHaveAttribute('aria-current', 'step');
});

test('inside the DNS lesson, the parts and queries wait until its questions are asked, not only on their own step', async ({
  page,
}) => {
  await page.goto('/#lesson/dns/2');
  await expect
    .poll(() => page.evaluate(() => window.__podpath!.getLesson()?.status), { timeout: 20_000 })
    .toBe('ready');
  // Step 2 has no question, but steps 3 and 5 ask for the first query and the count: nothing lists them yet.
  expect((await page.evaluate(() => window.__podpath!.getLesson()))!.question).toBeNull();
  const side = page.getByRole('complementary', { name: 'Inspection' });
  await expect(side.getByTestId('held-back')).toBeVisible();
  await expect(side.getByRole('table', { name: 'DNS queries' })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Parts of this trace' })).toHaveCount(0);
  await expect(side.getByLabel('resolv.conf used')).toContainText('ndots:5');
});
