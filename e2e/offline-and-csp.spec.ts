// Taking it to class (issue 10): the built app works offline after one visit, and it runs under a strict
// Content-Security-Policy with Trusted Types enforced, without a single violation while it is used.
import { expect, test, type Page } from '@playwright/test';
import { PodpathPage } from './pages/podpath-page';

test.use({ reducedMotion: 'reduce' });

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Records every CSP violation the page reports, from before its first script runs. */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolations!.push(`${e.effectiveDirective}: ${e.blockedURI} ${e.sample}`),
    );
  });
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Trusted Type/i.test(m.text())) console.push(m.text());
  });
  return async () => [...(await page.evaluate(() => window.__cspViolations ?? [])), ...console];
}

test('the page sends a strict CSP with Trusted Types, and using the app violates none of it', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const violations = await recordViolations(page);
  const app = new PodpathPage(page);
  const response = await page.goto('/');
  const header = response?.headers()['content-security-policy'] ?? '';
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const policy of [header, meta ?? '']) {
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("require-trusted-types-for 'script'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
  }
  await app.expectReady();

  // The engine's worker, D3's drawing, playback, every tab, a YAML edit and a what-if.
  await app.button('Play').click();
  await expect.poll(() => app.hop(), { timeout: 15_000 }).toBeGreaterThan(2);
  await app.timeline.fill('6');
  for (const tab of ['Events', 'DNS', 'Node', 'Connections', 'Compare modes']) {
    await app.tab(new RegExp(`^${tab}`)).click();
    if (tab === 'Connections') {
      await app.button('Send 100 connections').click();
      await expect(page.getByTestId('connection-verdicts')).toBeVisible();
    }
  }
  await expect(page.getByRole('table', { name: 'Modes side by side' })).toBeVisible({ timeout: 20_000 });
  await app.tab(/^Scenario/).click();
  await page.getByRole('button', { name: 'Scale default/web up' }).click();
  await expect(page.getByRole('status', { name: 'Replicas of default/web' })).toHaveText('4');
  await expect.poll(async () => (await app.trace()).hops.length).toBeGreaterThan(5);
  expect(await violations()).toEqual([]);

  // The tripwire holds: a string into an HTML sink is refused, whatever put it there.
  const sink = await page.evaluate(() => {
    try {
      document.createElement('div').innerHTML = '<img src=x onerror=alert(1)>';
      return 'assigned';
    } catch (e) {
      return (e as Error).name;
    }
  });
  expect(sink).toBe('TypeError');
});

test('after one visit the app reloads and traces offline', async ({ page, context }) => {
  test.setTimeout(60_000);
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  // The service worker has precached the build.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect
    .poll(() =>
      page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('podpath-')).length),
    )
    .toBe(1);

  await context.setOffline(true);
  await page.reload();
  await app.expectReady();
  expect((await app.trace()).verdict).toBe('delivered');
  // The network really is gone: what the worker did not precache cannot be fetched.
  const uncached = await page.evaluate(() =>
    fetch('/not-precached.txt').then(
      () => 'fetched',
      () => 'failed',
    ),
  );
  expect(uncached).toBe('failed');
  // And the engine (its worker came from the cache) traces a new flow.
  await page.getByRole('spinbutton', { name: 'Seed' }).fill('7');
  await app.button('Send packet').click();
  await expect.poll(async () => (await app.trace()).request.seed).toBe(7);
  await context.setOffline(false);
});
