// The editor's pure side: a hop picked on the timeline turned into a selector that names it by what it is
// (kind, device, node, direction, phase), a draft checked against the schema and against the trace, and
// the lesson file written as YAML.
import { stringify } from 'yaml';
import type { ScenarioSummary } from '../../../engine/protocol';
import type { TraceJson } from '../../../engine';
import type { PlayedHop } from '../../dns/played-hops';
import { playedHops } from '../../dns/played-hops';
import { selectHop } from '../hop-select';
import type { HopSelector, Lesson } from '../lesson';
import { checkLessonValue } from '../schema';
import { walkLesson } from '../walk';

/** A selector for hop `index` that finds exactly that hop, or null when no description singles it out. */
export function selectorFor(hops: readonly PlayedHop[], index: number): HopSelector | null {
  const h = hops[index];
  if (!h) return null;
  const base: HopSelector = {
    kind: [h.kind],
    ...(h.device !== '-' && !h.device.startsWith('veth') && { device: h.device }),
    ...(h.node ? { node: h.node } : { netns: h.netns }),
    direction: h.direction,
    phase: h.phase.kind,
    ...(h.phase.kind === 'dns' && { dnsName: h.phase.name }),
  };
  const tries: HopSelector[] = [
    base,
    { ...base, last: true },
    { ...base, netns: h.netns },
    { ...base, netns: h.netns, last: true },
  ];
  if (h.nat) tries.push({ ...base, nat: h.nat.kind });
  if (h.changed.length) tries.push({ ...base, changed: h.changed[0]! });
  return tries.find((s) => selectHop(hops, s) === index) ?? null;
}

export interface DraftCheck {
  readonly lesson: Lesson | null;
  readonly problems: readonly string[];
}

/** The draft as untrusted input would be checked, then walked against the trace on screen. */
export function checkDraft(
  value: unknown,
  trace: TraceJson | null,
  summary: ScenarioSummary | null,
): DraftCheck {
  const { lesson, problems } = checkLessonValue(value);
  if (!lesson)
    return { lesson: null, problems: problems.map((p) => `${p.path.join('.') || 'lesson'}: ${p.message}`) };
  if (!trace || !summary) return { lesson, problems: ['Waiting for the trace…'] };
  return { lesson, problems: walkLesson(lesson, trace, summary).flatMap((w) => w.problems) };
}

export function lessonYaml(lesson: Lesson): string {
  const { scenario, ...rest } = lesson;
  const body = stringify(
    { ...rest, scenario: 'name' in scenario ? scenario.name : { text: scenario.text } },
    {
      lineWidth: 110,
    },
  );
  return `# Written in Podpath's lesson editor. Put it in lessons/ as ${lesson.id}.yaml.\n${body}`;
}

export { playedHops };
