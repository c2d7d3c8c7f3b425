import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { wcagViolations } from './pages/axe';
import { PodpathPage } from './pages/podpath-page';

const DEFAULT_YAML = readFileSync(new URL('../scenarios/default.yaml', import.meta.url), 'utf8');

test.use({ reducedMotion: 'reduce' });

test('a Service with no endpoints rejects, and the ICMP error travels back to the client', async ({
  page,
}, testInfo) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  // The Service selects pods that do not exist: kube-proxy writes a REJECT rule for it.
  const noEndpoints = DEFAULT_YAML.replace(
    '  selector:\n    app: web\n  ports:',
    '  selector:\n    app: nobody\n  ports:',
  );
  expect(noEndpoints).not.toBe(DEFAULT_YAML);
  await app.loadScenario(noEndpoints);
  await app.tab('Hop').click();
  await expect.poll(async () => (await app.trace()).verdict).toBe('rejected');
  const trace = await app.trace();
  expect(trace.reply?.kind).toBe('icmp-error');
  expect(trace.reply?.deliveredTo?.pod).toBe('default/client');

  // The request stops at the REJECT…
  const rejected = PodpathPage.lastRequestHop(trace);
  await app.timeline.fill(String(rejected));
  await expect(app.status).toHaveAttribute('data-kind', 'reject');
  await expect(app.status).toHaveAttribute('data-verdict', 'rejected');
  await expect(page.getByTestId('packet')).toContainText('REJECTED');

  // …and the reply leg, an ICMP port unreachable, is drawn back to the client.
  await app.button('Step forward').click();
  await expect(app.status).toHaveAttribute('data-direction', 'reply');
  await expect(page.getByTestId('packet')).toContainText('ICMP port unreachable');
  await expect(page.getByTestId('reply-leg')).toHaveAttribute('data-kind', 'icmp-error');
  await expect(page.getByTestId('reply-leg')).toContainText('ICMP port unreachable');
  await expect(page.getByRole('table').filter({ hasText: 'about' }).first()).toBeVisible();

  await app.timeline.fill(String(trace.hops.length - 1));
  await expect(app.status).toHaveAttribute('data-state', 'finished');
  await expect(app.status).toHaveAttribute('data-kind', 'deliver');
  await expect(app.status).toHaveAttribute('data-verdict', 'rejected');
  await expect(app.status).toHaveAttribute('data-reply-kind', 'icmp-error');
  await expect(app.status).toContainText('The ICMP error is back at the client');
  const last = trace.hops[trace.hops.length - 1]!;
  expect(last).toMatchObject({ direction: 'reply', kind: 'deliver', netns: 'pod/default/client' });
  expect(last.packet.proto).toBe('icmp');
  await page.screenshot({ path: testInfo.outputPath('icmp-error-back.png') });
  expect(await wcagViolations(page)).toEqual([]);

  await app.tab('Events').click();
  await expect(page.getByTestId('event-verdict')).toContainText('Request rejected');
  await expect(page.getByTestId('event-reply-leg')).toContainText('reaches default/client');
  await expect(page.getByRole('table', { name: 'Events' }).locator('tr.refusal').first()).toContainText(
    'ICMP port unreachable',
  );
  expect(await wcagViolations(page)).toEqual([]);
});
