// The lesson file's schema, checked field by field. The same check reads the files in `lessons/` (in the
// build, in the unit tests and in the app) and a lesson decoded from a share link, which is untrusted: any
// field of the wrong type, any unknown key and any oversized text is refused with the field's path, and
// with the line and column when the lesson came from YAML.
import { LineCounter, parseDocument } from 'yaml';
import {
  CNI_STEPS,
  PANELS,
  TOPICS,
  type Choice,
  type CniStepName,
  type HopSelector,
  type Lesson,
  type LessonStep,
  type Panel,
  type Question,
  type Topic,
} from './lesson';
import { TEMPLATE_IDS } from './template-ids';

export interface LessonProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Path inside the lesson, e.g. `steps[2].question.choices`. */
  readonly field: string;
  readonly message: string;
}

export type LessonCheck =
  | { readonly ok: true; readonly lesson: Lesson }
  | { readonly ok: false; readonly problems: readonly LessonProblem[] };

/** Caps for untrusted input: a lesson is a page of text, not a book. */
export const LIMITS = { steps: 40, text: 2_000, title: 120, choices: 6, scenario: 256 * 1024 } as const;

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const SELECTOR_KEYS = [
  'kind',
  'node',
  'netns',
  'device',
  'direction',
  'phase',
  'dnsName',
  'changed',
  'nat',
  'outer',
  'rules',
  'last',
] as const;

type Path = readonly (string | number)[];

class Checker {
  readonly problems: { path: Path; message: string }[] = [];

  fail(path: Path, message: string): undefined {
    this.problems.push({ path, message });
    return undefined;
  }

  record(v: unknown, path: Path, allowed: readonly string[]): Record<string, unknown> | undefined {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return this.fail(path, 'expected a mapping');
    const r = v as Record<string, unknown>;
    for (const k of Object.keys(r))
      if (!allowed.includes(k))
        this.fail([...path, k], `unknown field "${k}" (expected one of: ${allowed.join(', ')})`);
    return r;
  }

  text(v: unknown, path: Path, max: number = LIMITS.text): string | undefined {
    if (typeof v !== 'string' || v.trim() === '') return this.fail(path, 'expected non-empty text');
    if (v.length > max) return this.fail(path, `text longer than ${max} characters`);
    return v.trim();
  }

  optText(v: unknown, path: Path): string | undefined {
    return v === undefined ? undefined : this.text(v, path, LIMITS.title);
  }

  oneOf<T extends string>(v: unknown, path: Path, options: readonly T[]): T | undefined {
    if (typeof v === 'string' && (options as readonly string[]).includes(v)) return v as T;
    return this.fail(path, `expected one of: ${options.join(', ')}`);
  }

  list(v: unknown, path: Path, max: number): unknown[] | undefined {
    if (!Array.isArray(v)) return this.fail(path, 'expected a list');
    if (v.length > max) return this.fail(path, `at most ${max} entries`);
    return v;
  }
}

function selector(c: Checker, v: unknown, path: Path): HopSelector | undefined {
  const r = c.record(v, path, SELECTOR_KEYS);
  if (!r) return undefined;
  const out: { -readonly [K in keyof HopSelector]: HopSelector[K] } = {};
  if (r['kind'] !== undefined) {
    const kinds = typeof r['kind'] === 'string' ? [r['kind']] : c.list(r['kind'], [...path, 'kind'], 8);
    if (kinds) out.kind = kinds.map((k, i) => c.text(k, [...path, 'kind', i], 40) ?? '');
  }
  for (const key of ['node', 'netns', 'device', 'phase', 'dnsName', 'changed', 'nat'] as const) {
    const t = c.optText(r[key], [...path, key]);
    if (t !== undefined) out[key] = t;
  }
  if (r['direction'] !== undefined) {
    const d = c.oneOf(r['direction'], [...path, 'direction'], ['request', 'reply'] as const);
    if (d) out.direction = d;
  }
  for (const key of ['outer', 'rules', 'last'] as const) {
    if (r[key] === undefined) continue;
    if (typeof r[key] !== 'boolean') c.fail([...path, key], 'expected true or false');
    else out[key] = r[key];
  }
  if (Object.keys(out).length === 0) c.fail(path, 'a hop selector needs at least one field');
  return out;
}

function choice(c: Checker, v: unknown, path: Path): Choice | undefined {
  if (typeof v === 'string') return c.text(v, path, LIMITS.title) === undefined ? undefined : { label: v };
  const r = c.record(v, path, ['label', 'value', 'min', 'max']);
  if (!r) return undefined;
  const label = c.text(r['label'], [...path, 'label'], LIMITS.title);
  const out: { label: string; value?: string; min?: number; max?: number } = { label: label ?? '' };
  if (r['value'] !== undefined) {
    const value =
      typeof r['value'] === 'number'
        ? String(r['value'])
        : c.text(r['value'], [...path, 'value'], LIMITS.title);
    if (value !== undefined) out.value = value;
  }
  for (const key of ['min', 'max'] as const) {
    if (r[key] === undefined) continue;
    if (typeof r[key] !== 'number' || !Number.isFinite(r[key])) c.fail([...path, key], 'expected a number');
    else out[key] = r[key];
  }
  return out;
}

function question(c: Checker, v: unknown, path: Path): Question | undefined {
  // No `answer` field on purpose: the answer comes from the trace (an `answer:` key is refused as unknown).
  const r = c.record(v, path, ['prompt', 'template', 'at', 'field', 'choices']);
  if (!r) return undefined;
  const prompt = c.text(r['prompt'], [...path, 'prompt'], 400);
  const template = c.oneOf(r['template'], [...path, 'template'], TEMPLATE_IDS);
  const at = r['at'] === undefined ? undefined : selector(c, r['at'], [...path, 'at']);
  const field = c.optText(r['field'], [...path, 'field']);
  let choices: Question['choices'] | undefined;
  if (r['choices'] === 'auto') choices = 'auto';
  else {
    const list = c.list(r['choices'], [...path, 'choices'], LIMITS.choices);
    if (list && list.length < 2) c.fail([...path, 'choices'], 'a question needs at least two choices');
    choices = list?.map((x, i) => choice(c, x, [...path, 'choices', i]) ?? { label: '' });
  }
  if (prompt === undefined || template === undefined || choices === undefined) return undefined;
  return {
    prompt,
    template,
    choices,
    ...(at !== undefined && { at }),
    ...(field !== undefined && { field }),
  };
}

function step(c: Checker, v: unknown, path: Path): LessonStep | undefined {
  const r = c.record(v, path, ['text', 'at', 'panel', 'cniStep', 'highlight', 'question']);
  if (!r) return undefined;
  const text = c.text(r['text'], [...path, 'text']);
  const at = r['at'] === undefined ? undefined : selector(c, r['at'], [...path, 'at']);
  const panel = r['panel'] === undefined ? undefined : c.oneOf<Panel>(r['panel'], [...path, 'panel'], PANELS);
  let cniStep: CniStepName | undefined;
  if (r['cniStep'] !== undefined) {
    cniStep = c.oneOf<CniStepName>(r['cniStep'], [...path, 'cniStep'], CNI_STEPS);
    if (panel !== 'cni')
      c.fail([...path, 'cniStep'], 'cniStep needs panel: cni (it picks a step in that panel)');
  }
  const highlight =
    r['highlight'] === undefined
      ? []
      : (c.list(r['highlight'], [...path, 'highlight'], 12) ?? []).map(
          (h, i) => c.text(h, [...path, 'highlight', i], 120) ?? '',
        );
  const q = r['question'] === undefined ? undefined : question(c, r['question'], [...path, 'question']);
  if (text === undefined) return undefined;
  return {
    text,
    highlight,
    ...(at !== undefined && { at }),
    ...(panel !== undefined && { panel }),
    ...(cniStep !== undefined && { cniStep }),
    ...(q !== undefined && { question: q }),
  };
}

/** Checks a lesson already read into plain values (from YAML, or JSON out of a link). */
export function checkLessonValue(value: unknown): {
  lesson: Lesson | null;
  problems: { path: Path; message: string }[];
} {
  const c = new Checker();
  const r = c.record(value, [], ['id', 'title', 'summary', 'topics', 'scenario', 'flow', 'seed', 'steps']);
  if (!r) return { lesson: null, problems: c.problems };
  let id: string | undefined;
  if (typeof r['id'] !== 'string' || !ID.test(r['id']))
    c.fail(['id'], 'expected an id of lower-case letters, digits and dashes');
  else id = r['id'];
  const title = c.text(r['title'], ['title'], LIMITS.title);
  const summary = c.text(r['summary'], ['summary'], 300);
  const topics = (c.list(r['topics'], ['topics'], TOPICS.length) ?? []).map((t, i) =>
    c.oneOf<Topic>(t, ['topics', i], TOPICS),
  );
  if (topics.length === 0) c.fail(['topics'], 'a lesson needs at least one topic');
  let scenario: Lesson['scenario'] | undefined;
  if (typeof r['scenario'] === 'string') {
    if (!/^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)?$/.test(r['scenario']))
      c.fail(['scenario'], 'expected a scenario name from scenarios/');
    else scenario = { name: r['scenario'] };
  } else {
    const s = c.record(r['scenario'], ['scenario'], ['text']);
    const text = s && c.text(s['text'], ['scenario', 'text'], LIMITS.scenario);
    if (text !== undefined) scenario = { text };
  }
  const f = c.record(r['flow'], ['flow'], ['from', 'to', 'protocol']);
  const from = f && c.text(f['from'], ['flow', 'from'], 300);
  const to = f && c.text(f['to'], ['flow', 'to'], 300);
  const protocol =
    f?.['protocol'] === undefined
      ? undefined
      : c.oneOf(f['protocol'], ['flow', 'protocol'], ['TCP', 'UDP'] as const);
  let seed = 1;
  if (r['seed'] !== undefined) {
    if (typeof r['seed'] !== 'number' || !Number.isInteger(r['seed']) || r['seed'] < 0)
      c.fail(['seed'], 'expected a whole number');
    else seed = r['seed'];
  }
  const rawSteps = c.list(r['steps'], ['steps'], LIMITS.steps) ?? [];
  if (rawSteps.length === 0) c.fail(['steps'], 'a lesson needs at least one step');
  const steps = rawSteps.map((s, i) => step(c, s, ['steps', i]));
  if (c.problems.length > 0) return { lesson: null, problems: c.problems };
  return {
    lesson: {
      id: id!,
      title: title!,
      summary: summary!,
      topics: topics as Topic[],
      scenario: scenario!,
      flow: { from: from!, to: to!, ...(protocol !== undefined && { protocol }) },
      seed,
      steps: steps as LessonStep[],
    },
    problems: [],
  };
}

function pathText(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Checks a lesson's YAML text; problems carry the file, line, column and field. */
export function checkLessonYaml(text: string, file: string): LessonCheck {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0)
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const at = lines.linePos(e.pos[0]);
        return { file, line: at.line, column: at.col, field: '', message: e.message.split('\n')[0]! };
      }),
    };
  const { lesson, problems } = checkLessonValue(doc.toJS());
  if (lesson) return { ok: true, lesson };
  return {
    ok: false,
    problems: problems.map(({ path, message }) => {
      // The deepest node that exists: an unknown or missing field points at its parent mapping.
      let node: unknown = null;
      for (let n = path.length; n >= 0 && !node; n--) node = doc.getIn(path.slice(0, n), true);
      const offset = (node as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
      const at = lines.linePos(offset);
      return { file, line: at.line, column: at.col, field: pathText(path), message };
    }),
  };
}

export function formatProblem(p: LessonProblem): string {
  return `${p.file}:${p.line}:${p.column}: error: ${p.message}${p.field ? ` (field ${p.field})` : ''}`;
}
