// Reading `lessons/*.yaml` from disk (Node only: the build's check and the unit tests). The app gets the
// same files through Vite's glob import in catalog.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkLessonYaml, type LessonCheck } from './schema';

export function readLessonFiles(dir: string): { file: string; text: string; check: LessonCheck }[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      const file = `lessons/${name}`;
      return { file, text, check: checkLessonYaml(text, file) };
    });
}
