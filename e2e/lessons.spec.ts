// Every lesson, walked from its link to its last step: each step's hop is the one its selector finds in the
// trace, its highlighted devices are drawn, and each question's right choice is the one read out of the
// engine's trace here, on the Node side (e2e/lesson-answers.ts: the engine run on the lesson's scenario and
// flow, its JSON read with a few lines per template kind, none of the app's answer code). The page must
// mark that choice right and a wrong pick wrong, so a template computing the wrong answer fails here, and
// so does an engine change that breaks a lesson. Also: keyboard only, a phone, axe, the share link inside
// a lesson and a broken draft link.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { createRequestHandler as createEngineService } from '../engine/request-handler';
import type { TraceJson } from '../engine';
import { playedHops } from '../app/dns/played-hops';
import { highlightSelector } from '../app/lessons/highlight';
import { selectHop } from '../app/lessons/hop-select';
import type { Lesson } from '../app/lessons/lesson';
import { readLessonFiles } from '../app/lessons/lesson-files';
import { wcagViolations } from './pages/axe';
import { PodpathPage } from './pages/podpath-page';
import { expectedAnswer, expectedChoice, expectedLabels } from './lesson-answers';

const lessons = readLessonFiles('lessons').flatMap((f) => (f.check.ok ? [f.check.lesson] : []));

/** The engine run here, in Node, on the lesson's scenario and flow: the summary and the trace JSON. */
function engineRun(lesson: Lesson) {
  const text =
    'name' in lesson.scenario
      ? readFileSync(`scenarios/${lesson.scenario.name}.yaml`, 'utf8')
      : lesson.scenario.text;
  const engine = createEngineService();
  const loaded = engine.handle({ kind: 'load', text });
  if (loaded.kind !== 'loaded' || !loaded.summary) throw new Error(`${lesson.id}: scenario did not load`);
  const traced = engine.handle({ kind: 'trace', params: { ...lesson.flow, seed: lesson.seed } });
  if (traced.kind !== 'trace') throw new Error(`${lesson.id}: ${JSON.stringify(traced)}`);
  return { summary: loaded.summary, trace: traced.trace };
}

async function lessonState(page: Page) {
  return page.evaluate(() => window.__podpath!.getLesson());
}

async function openLesson(page: Page, id: string, step?: number) {
  await page.goto(`/#lesson/${id}${step ? `/${step}` : ''}`);
  await expect.poll(async () => (await lessonState(page))?.status, { timeout: 20_000 }).toBe('ready');
}

/** The hop a step shows: its own selector's, else the nearest earlier step's (as the player does). */
function expectedHop(lesson: Lesson, step: number, trace: TraceJson): number | null {
  const hops = playedHops(trace);
  for (let i = step; i >= 0; i--) {
    const at = lesson.steps[i]?.at;
    if (at) return selectHop(hops, at);
  }
  return null;
}

const nextButton = (page: Page) => page.getByTestId('lesson').getByRole('button', { name: /^Next/ });

test.describe('lessons', () => {
  test.use({ reducedMotion: 'reduce' });

  test('getLessons lists every lesson file with its topics', async ({ page }) => {
    await page.goto('/');
    const listed = await page.evaluate(() => window.__podpath!.getLessons());
    expect(listed).toEqual(
      lessons.map((l) => ({ id: l.id, title: l.title, topics: l.topics, steps: l.steps.length })),
    );
    expect(await page.evaluate(() => window.__podpath!.getLesson())).toBeNull();
  });

  for (const [n, lesson] of lessons.entries()) {
    test(`lesson ${lesson.id} walks from its link to its last step`, async ({ page }) => {
      test.setTimeout(90_000);
      const app = new PodpathPage(page);
      await openLesson(page, lesson.id);
      const { summary, trace } = engineRun(lesson);
      // The page traced the same packet in its worker.
      const shown = await app.trace();
      expect([shown.request, shown.verdict, shown.hops.length]).toEqual([
        trace.request,
        trace.verdict,
        trace.hops.length,
      ]);
      for (let i = 0; i < lesson.steps.length; i++) {
        const state = (await lessonState(page))!;
        expect(state.step).toBe(i + 1);
        const hop = expectedHop(lesson, i, trace);
        if (hop !== null) {
          expect(hop, `step ${i + 1}'s hop exists`).toBeGreaterThanOrEqual(0);
          await expect.poll(async () => (await app.playback()).hop).toBe(hop);
        }
        // Highlighted devices are drawn.
        await expect.poll(async () => (await lessonState(page))!.missing).toEqual([]);
        const drawn = (await lessonState(page))!.drawn;
        if (lesson.steps[i]!.highlight.length > 0) expect(drawn.length).toBeGreaterThan(0);
        for (const key of drawn) {
          // A drawn size, not toBeVisible: the underlay is a line, whose box has no height.
          const size = await page
            .locator(`:is(${highlightSelector(key)})[data-highlighted]`)
            .first()
            .evaluate((el) => {
              const r = el.getBoundingClientRect();
              return Math.max(r.width, r.height);
            });
          expect(size, key).toBeGreaterThan(0);
        }
        // A step that opens the CNI tab shows its pod's CNI ADD at the step it names, highlighted.
        const { panel, cniStep, highlight } = lesson.steps[i]!;
        if (panel === 'cni') {
          const cni = page.locator('.cni-panel');
          const pod = highlight.find((h) => h.startsWith('pod/')) ?? lesson.flow.from;
          await expect(cni.getByRole('combobox', { name: 'Pod' })).toHaveValue(pod.slice(4));
          if (cniStep) {
            const marked = cni.locator('.cni-steps li[data-highlighted]');
            await expect(marked).toHaveText(new RegExp(`: ${cniStep}$`));
            await expect(marked).toHaveAttribute('aria-current', 'step');
          }
        }
        const question = lesson.steps[i]!.question;
        if (question) {
          const labels = state.question?.choices ?? [];
          const listed = expectedLabels(question, summary);
          if (listed) expect(labels).toEqual(listed);
          const answer = expectedAnswer(trace, question);
          const right = expectedChoice(answer, question, labels, summary);
          expect(right.matches, `step ${i + 1}: one choice is the trace's ${JSON.stringify(answer)}`).toBe(1);
          // Every other lesson picks a wrong choice first, to see it marked wrong.
          const pick = n % 2 === 1 ? (right.index + 1) % labels.length : right.index;
          const form = page.getByTestId('lesson');
          await form.getByRole('radio', { name: labels[pick]!, exact: true }).check();
          await form.getByRole('button', { name: 'Check my answer' }).click();
          await expect(form.getByRole('status')).toContainText(
            pick === right.index ? 'Right.' : 'Not quite.',
          );
          await expect(form.locator('.choice.right')).toHaveCount(1);
          await expect(form.locator('.choice.right')).toContainText(labels[right.index]!);
        }
        if (i < lesson.steps.length - 1) await nextButton(page).click();
      }
      await expect(page.getByTestId('lesson').getByRole('button', { name: 'Finish lesson' })).toBeVisible();
    });
  }

  test('a link to a step opens there, and Share inside a lesson shares the lesson and step', async ({
    page,
  }) => {
    await openLesson(page, 'iptables-clusterip', 4);
    expect((await lessonState(page))!.step).toBe(4);
    // The packet stands where walking there would have left it, not on the first hop.
    const lesson = lessons.find((l) => l.id === 'iptables-clusterip')!;
    const app = new PodpathPage(page);
    const hop = expectedHop(lesson, 3, await app.trace());
    expect(hop).toBeGreaterThan(0);
    await expect.poll(async () => (await app.playback()).hop).toBe(hop);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await expect(page.getByRole('textbox', { name: /Share link/ })).toHaveValue(
      /#lesson\/iptables-clusterip\/4$/,
    );
  });

  test('a damaged lesson draft link says so instead of opening', async ({ page }) => {
    await page.goto('/#draft/v1:bm90IGEgbGVzc29u/1');
    await expect(page.getByRole('alert')).toContainText(/lesson link/);
    expect(await lessonState(page)).toBeNull();
  });

  test('axe reports nothing inside a lesson, with a question answered', async ({ page }) => {
    test.setTimeout(120_000);
    await openLesson(page, 'vxlan', 3);
    expect(await wcagViolations(page)).toEqual([]);
    const form = page.getByTestId('lesson');
    await form.getByRole('radio').first().check();
    await form.getByRole('button', { name: 'Check my answer' }).click();
    await expect(form.getByRole('status')).toBeVisible();
    expect(await wcagViolations(page)).toEqual([]);
  });
});

test('a lesson works keyboard-only, with the packet played to the answer', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await new PodpathPage(page).expectReady();
  // From the Learn tab's list: Tab to the lesson link, Enter.
  const focusOn = async (match: (text: string, tag: string) => boolean, max = 120) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      const [text, tag] = await page.evaluate(() => [
        document.activeElement?.textContent?.trim() ?? '',
        `${document.activeElement?.tagName ?? ''}${document.activeElement?.getAttribute('type') === 'radio' ? ':radio' : ''}`,
      ]);
      if (match(text, tag)) return;
    }
    throw new Error('focus never reached the control');
  };
  await focusOn((t, tag) => tag === 'A' && t === 'A ClusterIP Service in iptables mode');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await lessonState(page))?.status, { timeout: 20_000 }).toBe('ready');
  await focusOn((t) => t.startsWith('Next step'));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await lessonState(page))?.step).toBe(3);
  // Next into a question lands on its first choice (Next itself waits for an answer, so it is disabled).
  const focused = () =>
    page.evaluate(() => {
      const a = document.activeElement;
      return a?.getAttribute('type') === 'radio' ? 'radio' : (a?.textContent?.trim() ?? '');
    });
  await expect.poll(focused).toBe('radio');
  // Pick with the arrow keys, submit with Enter.
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await focusOn((t) => t === 'Check my answer', 2);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lesson').getByRole('status')).toContainText(/Right\.|Not quite\./, {
    timeout: 30_000,
  });
  // The answer shown, focus waits on Next instead of falling back to the top of the page.
  await expect.poll(focused).toMatch(/^Next step/);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await lessonState(page))?.step).toBe(4);
});

test.describe('predict, then reveal', () => {
  test.use({ reducedMotion: 'reduce' });

  test("the DNS queries wait for the student's choice", async ({ page }) => {
    await openLesson(page, 'dns', 3);
    const side = page.getByRole('complementary', { name: 'Inspection' });
    await expect(side.getByTestId('held-back')).toBeVisible();
    await expect(side.getByRole('table', { name: 'DNS queries' })).toHaveCount(0);
    await expect(side.getByLabel('resolv.conf used')).toContainText('ndots:5');
    await expect(page.getByRole('navigation', { name: 'Parts of this trace' })).toHaveCount(0);
    await expect(page.getByTestId('hop-status')).not.toContainText('DNS query');
    const form = page.getByTestId('lesson');
    await form.getByRole('radio').first().check();
    await form.getByRole('button', { name: 'Check my answer' }).click();
    await expect(form.getByRole('status')).toBeVisible();
    await expect(side.getByRole('table', { name: 'DNS queries' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Parts of this trace' })).toBeVisible();
  });

  test("the Ingress result waits for the student's choice", async ({ page }) => {
    await openLesson(page, 'ingress', 3);
    await expect(page.getByTestId('http-status')).toHaveCount(0);
    const form = page.getByTestId('lesson');
    await form.getByRole('radio').first().check();
    await form.getByRole('button', { name: 'Check my answer' }).click();
    await expect(form.getByRole('status')).toBeVisible();
    await expect(page.getByTestId('http-status')).toContainText('200');
  });

  test('a step that opens the Node tab shows the node it talks about', async ({ page }) => {
    const cni = lessons.find((l) => l.id === 'cni')!;
    const step = cni.steps.findIndex((s) => s.panel === 'node') + 1;
    await openLesson(page, 'cni', step);
    await expect(page.getByRole('combobox', { name: 'Node' })).toHaveValue('node-1');
    await expect(page.getByRole('tabpanel', { name: /ip route on node-1/ })).toContainText('cni0');
  });
});

test('the CNI tab a lesson step opens passes axe, and its pod can be changed', async ({ page }) => {
  test.setTimeout(90_000);
  const cni = lessons.find((l) => l.id === 'cni')!;
  const step = cni.steps.findIndex((s) => s.cniStep === 'result') + 1;
  await openLesson(page, 'cni', step);
  const panel = page.locator('.cni-panel');
  await expect(panel.locator('.cni-steps li[data-highlighted]')).toHaveText(/: result$/);
  // The result step names what the ADD made: the host veth and eth0, the address and the gateway.
  await expect(panel.locator('.cni-current')).toContainText(
    /interfaces cni0, veth[0-9a-f]{8}, eth0; ip 10\.244\.0\.2\/24 gateway 10\.244\.0\.1/,
  );
  expect(await wcagViolations(page)).toEqual([]);
  // Another pod: its own CNI ADD, opened at its result, with no lesson step highlighted any more.
  const other = await panel
    .getByRole('combobox', { name: 'Pod' })
    .locator('option')
    .nth(1)
    .getAttribute('value');
  await panel.getByRole('combobox', { name: 'Pod' }).selectOption(other!);
  await expect(panel.getByRole('list', { name: `The steps of ${other}'s CNI ADD` })).toBeVisible();
  await expect(panel.locator('.cni-steps li[data-highlighted]')).toHaveCount(0);
  await panel.getByRole('button', { name: 'host-local: ipam' }).click();
  await expect(panel.locator('.cni-position')).toHaveText(/: host-local ipam$/);
});

test.describe('on a phone', () => {
  test.use({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    reducedMotion: 'reduce',
  });

  test('a lesson reads and steps without sideways scrolling', async ({ page }) => {
    await openLesson(page, 'vxlan');
    const panel = page.getByTestId('lesson');
    await expect(panel).toBeVisible();
    for (let i = 0; i < 2; i++) await nextButton(page).tap();
    await panel.getByRole('radio').nth(1).tap();
    await panel.getByRole('button', { name: 'Check my answer' }).tap();
    await expect(panel.getByRole('status')).toBeVisible();
    await nextButton(page).tap();
    expect((await lessonState(page))!.step).toBe(4);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    const box = await panel.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
  });
});
