// A first visit's welcome, above the inspection tabs: what Podpath is, what the packet on screen is doing,
// and the lessons. It never covers the stage or takes over a tab, and it goes away when closed.
import { LESSONS } from '../lessons/catalog';
import { useLessonUi, useLessons } from '../lessons/lesson-context';

export function Welcome() {
  const lessons = useLessons();
  const show = useLessonUi((s) => s.welcome && s.lesson === null);
  if (!show) return null;
  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <h2 id="welcome-title">Welcome to Podpath</h2>
      <p>
        Podpath sends one packet through a simulated Kubernetes cluster and shows each step the Linux kernel
        takes. This packet crosses from node-1 to node-2 through the VXLAN tunnel: press Play to watch it, or
        start a lesson.
      </p>
      <ul className="welcome-lessons" aria-label="Lessons">
        {LESSONS.map((l) => (
          <li key={l.id}>
            <a href={`#lesson/${l.id}`}>{l.title}</a>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => lessons.ui.setState({ welcome: false })}>
        Close the welcome
      </button>
    </section>
  );
}
