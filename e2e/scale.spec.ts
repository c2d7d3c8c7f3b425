import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { grownScenario } from '../engine/scenario/synthetic-scenario';
import { wcagViolations } from './pages/axe';
import { PodpathPage } from './pages/podpath-page';

const DEFAULT_YAML = readFileSync(new URL('../scenarios/default.yaml', import.meta.url), 'utf8');

/** The default scenario on 10 nodes with 99 web replicas: about 100 pods. */
function tenNodes(): string {
  return grownScenario(DEFAULT_YAML, { nodes: 10, replicas: 99 });
}

test.use({ reducedMotion: 'reduce' });

test('10 nodes and 100 pods: pods fold into groups that expand by mouse or keyboard; zoom, pan and fit', async ({
  page,
}, testInfo) => {
  // axe over a hundred pods takes most of 30 s on a loaded two-core machine.
  test.setTimeout(90_000);
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  const fitted = await app.viewTransform();
  await app.loadScenario(tenNodes());
  await expect(page.locator('[data-node]')).toHaveCount(10);
  const groups = page.locator('[data-group]');
  await expect(groups).toHaveCount(10);
  // A new cluster is fitted into view.
  expect(await app.viewTransform()).not.toBe(fitted);
  await page.screenshot({ path: testInfo.outputPath('ten-nodes.png') });

  const node6 = page.locator('[data-node="node-6"]');
  const drawnOn6 = () => node6.locator('[data-pod]').count();
  const folded = await drawnOn6();
  const expand = page.getByRole('button', { name: /^\+\d+ pods on node-6/ });
  const hidden = Number((await expand.getAttribute('aria-label'))!.match(/\d+/)![0]);
  await expect(expand).toHaveAttribute('aria-expanded', 'false');

  // Keyboard: focus the group and press Enter; Space must not start playback.
  await expand.focus();
  await page.keyboard.press('Enter');
  await expect(node6.locator('[data-pod]')).toHaveCount(folded + hidden);
  const collapse = page.getByRole('button', { name: 'Collapse pods of node-6' });
  await expect(collapse).toHaveAttribute('aria-expanded', 'true');
  const state = await app.playback();
  await collapse.focus();
  await page.keyboard.press('Space');
  await expect(node6.locator('[data-pod]')).toHaveCount(folded);
  expect((await app.playback()).state).toBe(state.state);
  // Mouse: a click expands it again.
  await expand.click();
  await expect(node6.locator('[data-pod]')).toHaveCount(folded + hidden);
  expect(await wcagViolations(page)).toEqual([]);

  // Zoom in and out with the buttons, pan by dragging, fit brings back the fitted view.
  // Expanding kept the user's zoom; Fit takes in the taller cluster.
  await page.getByRole('button', { name: 'Fit to view' }).click();
  const whole = await app.viewTransform();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  const zoomed = await app.viewTransform();
  expect(zoomed).not.toBe(whole);
  const box = (await page.getByRole('group', { name: /The cluster drawn/ }).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 60, { steps: 5 });
  await page.mouse.up();
  expect(await app.viewTransform()).not.toBe(zoomed);
  await page.getByRole('button', { name: 'Fit to view' }).click();
  expect(await app.viewTransform()).toBe(whole);

  // The packet still has somewhere to be on every hop.
  const trace = await app.trace();
  expect(trace.verdict).toBe('delivered');
  await app.timeline.fill(String(trace.hops.length - 1));
  await expect(page.getByTestId('packet')).toBeVisible();
});

test('at 1366×768, 10 nodes fitted whole (overview): the active hop names its device, its hook and its pod', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  await app.loadScenario(tenNodes());
  await expect(page.locator('[data-node]')).toHaveCount(10);
  await page.getByRole('button', { name: 'Fit to view' }).click();
  await app.viewTransform();
  await expect(page.locator('.scene-svg')).toHaveAttribute('data-lod', 'overview');
  const hops = (await app.trace()).hops;
  const at = async (i: number) => {
    await app.timeline.fill(String(i));
    await expect(app.status).toHaveAttribute('data-hop', String(i));
  };
  // The client pod sending: its name shows, other pods' names do not.
  await at(0);
  const client = page.locator(`[data-pod="default/client"] .pod-name`);
  await expect(client).toBeVisible();
  await expect(page.locator('[data-pod]:not([data-active]) .pod-name').first()).toBeHidden();
  // A hook on the client's node: its short name.
  const hook = hops.findIndex((h) => h.kind === 'prerouting' && h.netns.startsWith('node/'));
  await at(hook);
  const node = hops[hook]!.netns.slice('node/'.length);
  await expect(
    page.locator(`[data-node="${node}"] .hook-prerouting .hook-label`).filter({ hasText: /^PRE$/ }),
  ).toBeVisible();
  await expect(client).toBeHidden();
  // Encapsulation: the tunnel device on that node, and no other node's.
  const encap = hops.findIndex((h) => h.kind === 'vxlan-encap');
  if (encap >= 0) {
    await at(encap);
    const on = hops[encap]!.netns.slice('node/'.length);
    await expect(page.locator(`[data-node="${on}"] [data-device="flannel.1"] .device-label`)).toBeVisible();
    await expect(
      page.locator(`[data-node]:not([data-node="${on}"]) [data-device="flannel.1"] .device-label`).first(),
    ).toBeHidden();
  }
});
