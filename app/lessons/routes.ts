// Opening lessons from the address: `#lesson/<id>[/<step>]` for a built-in lesson, `#draft/v1:…` for one
// made in the editor (decoded and validated as untrusted input). A link that cannot be used says why.
import { patchView, type PodpathStore } from '../store/store';
import { lessonById } from './catalog';
import type { LessonController } from './controller';
import { decodeLessonLink, parseLessonRoute } from './lesson-link';

export async function openLessonRoute(
  fragment: string,
  lessons: LessonController,
  store: PodpathStore,
): Promise<boolean> {
  const route = parseLessonRoute(fragment);
  if (!route) return false;
  const { lesson: open, source } = lessons.ui.getState();
  if (route.kind === 'lesson') {
    if (open?.id === route.id && source === 'built-in') {
      lessons.goTo(route.step);
      return true;
    }
    const lesson = lessonById(route.id);
    if (!lesson) {
      patchView(store, { notice: `There is no lesson called “${route.id}”. The Learn tab lists them all.` });
      lessons.showTab('learn');
      return true;
    }
    await lessons.start(lesson, route.step);
    return true;
  }
  const decoded = await decodeLessonLink(route.body);
  if (!decoded.ok) {
    patchView(store, { notice: decoded.message });
    return true;
  }
  await lessons.start(decoded.lesson, route.step, 'link');
  return true;
}
