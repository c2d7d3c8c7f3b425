import { expect, test } from '@playwright/test';
import { PodpathPage } from './pages/podpath-page';

test('send 100 connections: all delivered, each endpoint counted next to its rule probability', async ({
  page,
}) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await app.tab('Connections').click();
  await app.button('Send 100 connections').click();
  await expect(page.getByTestId('connection-verdicts')).toHaveText('100 delivered');
  const rows = page.getByRole('table', { name: 'Connections per endpoint' }).locator('tbody tr');
  await expect(rows).toHaveCount(3);
  const counts = (await page.getByTestId('endpoint-count').allTextContents()).map(Number);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(100);
  for (const n of counts) expect(n).toBeGreaterThan(0);
  // kube-proxy's rules read 1/3, 1/2 and 1: a third each.
  await expect(page.getByTestId('endpoint-odds')).toHaveText([
    '0.3333 → 33.3%',
    '0.5000 → 33.3%',
    '1.0000 → 33.3%',
  ]);
});

test('what-ifs on a Deployment replica: mark not ready splits it off as a Pod; scale down instead of delete', async ({
  page,
}) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await app.tab('Scenario').click();
  const group = page.getByRole('group', { name: 'Pod what-ifs' });
  const pods = await group.getByRole('combobox', { name: 'Pod' }).locator('option').allTextContents();
  const web = pods.filter((p) => p.startsWith('default/web-'));
  expect(web).toHaveLength(3);

  // A middle replica cannot be split off without moving the others: the button says so.
  await group.getByRole('combobox', { name: 'Pod' }).selectOption(web[1]!);
  await expect(group.getByRole('button', { name: 'Mark not ready' })).toBeDisabled();
  await expect(group).toContainText('first or last replica');
  await expect(group.getByRole('button', { name: 'Delete pod' })).toHaveCount(0);

  await group.getByRole('combobox', { name: 'Pod' }).selectOption(web[0]!);
  await group.getByRole('button', { name: 'Mark not ready' }).click();
  await expect(page.getByRole('status', { name: 'Replicas of default/web' })).toHaveText('2');
  await expect(group.getByRole('combobox', { name: 'Pod' })).toContainText(`${web[0]} (not ready)`);
  const text = await page.evaluate(() => window.__podpath!.getScenarioText());
  expect(text).toContain(`kind: Pod\nmetadata:\n  name: ${web[0]!.split('/')[1]}`);
  // The not-ready pod gets no connections.
  await app.tab('Connections').click();
  await app.button('Send 100 connections').click();
  await expect(page.getByTestId('connection-verdicts')).toHaveText('100 delivered');
  await expect(page.getByRole('table', { name: 'Connections per endpoint' }).locator('tbody tr')).toHaveCount(
    2,
  );

  // Scale down, the Deployment way of deleting a replica.
  await app.tab('Scenario').click();
  await group.getByRole('combobox', { name: 'Pod' }).selectOption(web[2]!);
  await group.getByRole('button', { name: 'Scale down instead of deleting' }).click();
  await expect(page.getByRole('status', { name: 'Replicas of default/web' })).toHaveText('1');
});
