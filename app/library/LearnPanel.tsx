// The Learn tab: a short welcome on the first visit, the lessons, the scenario library (every file in
// scenarios/ with its title and one line, opened with one click), the open scenario's own Flow objects as
// ready flows, and the way back to the default scenario.
import { useApp, useSession } from '../app-context';
import { LESSONS } from '../lessons/catalog';
import { useLessonUi, useLessons } from '../lessons/lesson-context';
import { LessonEditor } from '../lessons/editor/LessonEditor';
import { selectSummary } from '../store/selectors';
import { DEFAULT_FLOW, DEFAULT_SEED, patchTrace, replaceScenario } from '../store/store';
import { firstFlow } from './first-flow';
import { loadScenarioByName, SCENARIOS } from './scenario-files';

export function LearnPanel() {
  const session = useSession();
  const lessons = useLessons();
  const summary = useApp(selectSummary);
  const editing = useLessonUi((s) => s.editing);
  if (editing) return <LessonEditor onClose={() => lessons.ui.setState({ editing: false })} />;

  const open = async (name: string) => {
    const text = await loadScenarioByName(name);
    if (text === null) return;
    lessons.exit();
    // Open with the file's first Flow when it has one; all of them are offered as ready flows.
    replaceScenario(session.store, text, firstFlow(text) ?? session.store.getState().trace.flow, 1);
  };

  const groups = ['Scenarios', 'Kernel lab checks'] as const;
  return (
    <section className="learn" aria-label="Lessons and scenarios">
      <h2>Lessons</h2>
      <ol className="lesson-list">
        {LESSONS.map((l) => (
          <li key={l.id}>
            <a href={`#lesson/${l.id}`}>{l.title}</a>
            <span className="topics"> · {l.topics.join(', ')}</span>
            <p>{l.summary}</p>
          </li>
        ))}
      </ol>
      <p>
        <button type="button" onClick={() => lessons.ui.setState({ editing: true })}>
          Write a lesson from this scenario
        </button>
      </p>
      {summary && summary.flows.length > 0 && (
        <>
          <h2>Ready flows in this scenario</h2>
          <ul className="flow-list">
            {summary.flows.map((f) => (
              <li key={f.name}>
                <button
                  type="button"
                  onClick={() =>
                    patchTrace(session.store, {
                      flow: { from: f.from, to: f.to, ...(f.protocol === 'UDP' && { protocol: 'UDP' }) },
                    })
                  }
                >
                  {f.name}
                </button>{' '}
                <span className="flow-route">
                  {f.from} → {f.to}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Scenario library</h2>
      <p>Open any built-in scenario with one click; its own flows then appear above.</p>
      <p>
        <button
          type="button"
          onClick={async () => {
            const text = await loadScenarioByName('default');
            lessons.exit();
            if (text !== null) replaceScenario(session.store, text, DEFAULT_FLOW, DEFAULT_SEED);
          }}
        >
          Reset to the default scenario
        </button>
      </p>
      {groups.map((g) => (
        <details key={g} className="scenario-group" open={g === 'Scenarios'}>
          <summary>
            {g} ({SCENARIOS.filter((s) => s.group === g).length})
          </summary>
          <ul className="scenario-list">
            {SCENARIOS.filter((s) => s.group === g).map((s) => (
              <li key={s.name}>
                <button type="button" onClick={() => void open(s.name)} aria-label={`Open ${s.title}`}>
                  Open {s.title}
                </button>
                <p>{s.description}</p>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </section>
  );
}
