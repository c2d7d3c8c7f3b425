import { describe, expect, it } from 'vitest';
import { checkLessonValue, checkLessonYaml, formatProblem } from './schema';

const GOOD = `id: demo
title: A demo
summary: One line.
topics: [vxlan]
scenario: default
flow: {from: pod/default/client, to: svc/default/web:http}
steps:
  - text: Hello.
    question:
      prompt: Which node?
      template: delivered-node
      choices: auto
`;

describe('lesson schema', () => {
  it('reads a well-formed lesson', () => {
    const r = checkLessonYaml(GOOD, 'demo.yaml');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.lesson.steps[0]!.question?.template).toBe('delivered-node');
  });

  it('refuses a typed answer, naming the file, line, column and field', () => {
    const r = checkLessonYaml(
      GOOD.replace('      choices: auto', '      choices: auto\n      answer: node-2'),
      'demo.yaml',
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({ file: 'demo.yaml', line: 13, field: 'steps[0].question.answer' });
    expect(formatProblem(r.problems[0]!)).toMatch(/^demo\.yaml:13:\d+: error: unknown field "answer"/);
  });

  it('refuses unknown templates, topics and panels', () => {
    const r = checkLessonYaml(
      GOOD.replace('[vxlan]', '[vxlan, magic]')
        .replace('delivered-node', 'guess')
        .replace('  - text: Hello.', '  - text: Hello.\n    panel: movies'),
      'demo.yaml',
    );
    expect(r.ok ? [] : r.problems.map((p) => p.field).sort()).toEqual([
      'steps[0].panel',
      'steps[0].question.template',
      'topics[1]',
    ]);
  });

  it('reads a step that opens the CNI tab at a step of the CNI ADD, and refuses one elsewhere', () => {
    const cni = (extra: string) =>
      checkLessonYaml(GOOD.replace('  - text: Hello.', `  - text: Hello.\n${extra}`), 'demo.yaml');
    const r = cni('    panel: cni\n    cniStep: ipam');
    expect(r.ok && r.lesson.steps[0]).toMatchObject({ panel: 'cni', cniStep: 'ipam' });
    const problems = (x: ReturnType<typeof cni>) => (x.ok ? [] : x.problems.map((p) => p.message));
    expect(problems(cni('    panel: cni\n    cniStep: magic'))).toEqual([
      expect.stringMatching(/^expected one of: netns, exec, .*result$/),
    ]);
    expect(problems(cni('    panel: node\n    cniStep: ipam'))).toEqual([
      expect.stringMatching(/needs panel: cni/),
    ]);
  });

  it('treats a decoded value as untrusted: wrong types, huge text and prototype keys are refused', () => {
    expect(checkLessonValue(null).lesson).toBeNull();
    expect(checkLessonValue({ id: 'x', title: 'x'.repeat(10_000) }).problems.length).toBeGreaterThan(0);
    const proto = JSON.parse('{"__proto__": {"polluted": true}, "id": "a"}');
    expect(checkLessonValue(proto).lesson).toBeNull();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reports YAML syntax errors with their place', () => {
    const r = checkLessonYaml('id: [unclosed', 'bad.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.line).toBe(1);
  });
});
