// The built-in lessons, read from `lessons/*.yaml` at build time (the build refuses an invalid one, so a
// problem here is a development mistake: it is logged and the lesson left out rather than crashing the app).
import type { Lesson } from './lesson';
import { checkLessonYaml, formatProblem } from './schema';

const files = import.meta.glob('../../lessons/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

export const LESSONS: readonly Lesson[] = Object.keys(files)
  .sort()
  .flatMap((path) => {
    const check = checkLessonYaml(files[path]!, path.replace('../../', ''));
    if (check.ok) return [check.lesson];
    console.error(check.problems.map(formatProblem).join('\n'));
    return [];
  });

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
