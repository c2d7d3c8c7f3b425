// The lesson editor (issue 11 item 8), used as a teacher would: from the default scenario and flow, a step on
// a hop picked on the timeline with narration, a panel and a highlighted node, a second step with a question
// from the templates; then preview as a student, share as a link opened in a fresh page, and download a
// lesson file that the lesson schema accepts and whose question the trace answers.
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { createRequestHandler as createEngineService } from '../engine/request-handler';
import { checkLessonYaml, formatProblem } from '../app/lessons/schema';
import { walkLesson } from '../app/lessons/walk';
import { wcagViolations } from './pages/axe';
import { PodpathPage } from './pages/podpath-page';

test.use({ reducedMotion: 'reduce' });

const lessonState = (page: Page) => page.evaluate(() => window.__podpath!.getLesson());

function step(editor: Locator, n: number): Locator {
  return editor.getByRole('group', { name: `Step ${n}`, exact: true });
}

test('a teacher writes a two-step lesson, previews it, shares it as a link and downloads it', async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  const app = new PodpathPage(page);
  await app.open();
  await app.expectReady();
  const trace = await app.trace();
  const encap = trace.hops.findIndex((h) => h.kind === 'vxlan-encap');
  expect(encap).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await page.getByRole('button', { name: 'Write a lesson from this scenario' }).click();
  const editor = page.getByRole('region', { name: 'Lesson editor' });
  await editor.getByRole('textbox', { name: 'Title' }).fill('Where the tunnel starts');

  // Step 1: the encapsulation hop, picked on the timeline.
  await app.timeline.fill(String(encap));
  await expect(app.status).toHaveAttribute('data-hop', String(encap));
  const first = step(editor, 1);
  await first.getByRole('button', { name: `Use hop ${encap + 1} on the timeline` }).click();
  await expect(first).toContainText('vxlan-encap');
  await first.getByRole('textbox', { name: /^Narration/ }).fill('Here **flannel.1** wraps the frame in UDP.');
  await first.getByRole('combobox', { name: 'Open panel' }).selectOption('hop');
  await first.getByRole('checkbox', { name: 'node-1' }).check();

  // Step 2: a question from the templates, its choices computed from the trace.
  await editor.getByRole('button', { name: 'Add a step' }).click();
  const second = step(editor, 2);
  await second.getByRole('textbox', { name: /^Narration/ }).fill('The packet is about to arrive.');
  await second.getByRole('combobox', { name: 'Question' }).selectOption('delivered-node');
  await second.getByRole('textbox', { name: 'Prompt' }).fill('On which node does the web pod answer?');
  await second.getByRole('textbox', { name: /^Choices/ }).fill('auto');
  await expect(editor.getByRole('status')).toHaveText(
    'The lesson is valid and every step and question works on this trace.',
  );
  expect(await wcagViolations(page, '.lesson-editor')).toEqual([]);

  // Share as a link: a fresh page opens the lesson from the link alone.
  await editor.getByRole('button', { name: 'Share as a link' }).click();
  const link = await editor.getByRole('textbox', { name: 'Lesson link' }).inputValue();
  expect(link).toMatch(/#draft\/v1:[A-Za-z0-9_-]+\/1$/);
  const fresh = await context.newPage();
  await fresh.goto(link);
  await expect.poll(async () => (await lessonState(fresh))?.status, { timeout: 20_000 }).toBe('ready');
  expect(await lessonState(fresh)).toMatchObject({ id: 'where-the-tunnel-starts', step: 1, steps: 2 });
  await expect(fresh.getByTestId('lesson')).toContainText('wraps the frame in UDP');
  await fresh.close();

  // Download the lesson file: the schema accepts it, and the engine's trace answers its question.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    editor.getByRole('button', { name: 'Download the lesson file' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('where-the-tunnel-starts.yaml');
  const text = readFileSync(await download.path(), 'utf8');
  const check = checkLessonYaml(text, 'where-the-tunnel-starts.yaml');
  expect(check.ok ? [] : check.problems.map(formatProblem)).toEqual([]);
  if (!check.ok) return;
  const lesson = check.lesson;
  expect([lesson.flow.from, lesson.flow.to, lesson.seed]).toEqual([
    trace.request.from,
    trace.request.to,
    trace.request.seed,
  ]);
  expect(lesson.steps.map((s) => s.text)).toEqual([
    'Here **flannel.1** wraps the frame in UDP.',
    'The packet is about to arrive.',
  ]);
  const loaded = createEngineService().handle({
    kind: 'load',
    text: readFileSync('scenarios/default.yaml', 'utf8'),
  });
  if (loaded.kind !== 'loaded' || !loaded.summary) throw new Error('the default scenario did not load');
  const walked = walkLesson(lesson, trace, loaded.summary);
  expect(walked.flatMap((w) => w.problems)).toEqual([]);
  const rightNode = walked[1]!.choices.find((c) => c.correct)?.label ?? 'no right choice';
  expect(rightNode).toBe(trace.hops.find((h) => h.kind === 'deliver' && h.direction === 'request')!.node);

  // Preview as a student: the stage goes to the picked hop with node-1 marked, then the question.
  await editor.getByRole('button', { name: 'Preview as a student' }).click();
  const panel = page.getByTestId('lesson');
  await expect.poll(async () => (await lessonState(page))?.status).toBe('ready');
  expect(await lessonState(page)).toMatchObject({
    id: 'where-the-tunnel-starts',
    step: 1,
    steps: 2,
    question: null,
  });
  // The hop itself (flannel.1, the editor's default highlight) and the node the teacher ticked.
  expect([...(await lessonState(page))!.drawn].sort()).toEqual(['device:node-1/flannel.1', 'node:node-1']);
  await expect.poll(async () => (await app.playback()).hop).toBe(encap);
  await panel.getByRole('button', { name: /^Next/ }).click();
  const state = (await lessonState(page))!;
  expect(state.question).toEqual({
    prompt: 'On which node does the web pod answer?',
    choices: walked[1]!.choices.map((c) => c.label),
  });
  await panel.getByRole('radio', { name: rightNode, exact: true }).check();
  await panel.getByRole('button', { name: 'Check my answer' }).click();
  await expect(panel.getByRole('status')).toContainText('Right.');
  await panel.getByRole('button', { name: 'Finish lesson' }).click();
  expect(await lessonState(page)).toBeNull();

  // The draft survived the preview: reopening the editor carries on where the teacher left it.
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await page.getByRole('button', { name: 'Write a lesson from this scenario' }).click();
  await expect(editor.getByRole('textbox', { name: 'Title' })).toHaveValue('Where the tunnel starts');
  await expect(step(editor, 2).getByRole('textbox', { name: 'Prompt' })).toHaveValue(
    'On which node does the web pod answer?',
  );
});
