import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { PodpathPage } from './pages/podpath-page';

const DEFAULT_YAML = readFileSync(new URL('../scenarios/default.yaml', import.meta.url), 'utf8');

test('a YAML error is shown at its line', async ({ page }) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await app.tab('Scenario').click();
  await app.yaml.fill(DEFAULT_YAML.replace('replicas: 3', 'replicas: three'));
  const line = DEFAULT_YAML.split('\n').findIndex((l) => l.includes('replicas: 3')) + 1;
  const problems = page.getByRole('region', { name: 'Scenario problems' });
  await expect(problems.getByRole('button', { name: new RegExp(`^line ${line},`) })).toBeVisible();
  await expect(app.tab(/Scenario \(\d+ errors?\)/)).toBeVisible();
  await expect(app.yaml).toHaveAttribute('aria-invalid', 'true');
});

test('editing the YAML changes the trace', async ({ page }) => {
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  const before = await app.trace();
  expect(before.hops[0]!.packet.dst).toMatch(/:80$/);
  await app.tab('Scenario').click();
  await app.yaml.fill(DEFAULT_YAML.replace('      port: 80\n', '      port: 8081\n'));
  await expect.poll(async () => (await app.trace()).hops[0]!.packet.dst).toMatch(/:8081$/);
  await expect(app.status).toHaveAttribute('data-hop', '0');
});
