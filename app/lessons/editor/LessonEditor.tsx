// The lesson editor (Packet Tracer's Activity Wizard is the model): from the scenario and flow on screen,
// add steps (the hop on the timeline now, a panel, the narration, what to highlight), add a question from
// the templates (its answer still comes from the trace), then preview it as a student, share it as a link
// or download it as a lesson file for lessons/.
import { useId, useState } from 'react';
import { useStore } from 'zustand';
import { useApp, useSession } from '../../app-context';
import { selectHopIndex, selectPlayedHops, selectSummary, selectTrace } from '../../store/selectors';
import { describeSelector } from '../hop-select';
import { PANELS, TOPICS, type Lesson, type Topic } from '../lesson';
import { useLessons } from '../lesson-context';
import { encodeLessonLink } from '../lesson-link';
import { MAX_SENTENCE_WORDS, sentences, wordCount } from '../narration';
import { TEMPLATE_LIST } from '../templates';
import { checkDraft, lessonYaml, selectorFor } from './draft';
import { editorDraft, EMPTY_STEP, type EditorDraft, type StepDraft } from './editor-draft';

export function LessonEditor({ onClose }: { onClose: () => void }) {
  const session = useSession();
  const lessons = useLessons();
  const trace = useApp(selectTrace);
  const summary = useApp(selectSummary);
  const hops = useApp(selectPlayedHops);
  const hop = useApp(selectHopIndex);
  const { title, topics, steps } = useStore(editorDraft);
  const setTitle = (t: string) => editorDraft.setState({ title: t });
  const setTopics = (f: (all: EditorDraft['topics']) => Topic[]) =>
    editorDraft.setState((d) => ({ topics: f(d.topics) }));
  const setSteps = (f: (all: EditorDraft['steps']) => StepDraft[]) =>
    editorDraft.setState((d) => ({ steps: f(d.steps) }));
  const [link, setLink] = useState<string | null>(null);
  const base = useId();

  const s = session.store.getState();
  const id =
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'lesson';
  const value = {
    id,
    title,
    summary: `A lesson on ${topics.join(', ') || 'Kubernetes networking'}, written in Podpath.`,
    topics: [...topics],
    scenario: { text: s.scenario.text },
    flow: s.trace.flow,
    seed: s.trace.seed,
    steps: steps.map((st) => ({
      text: st.text,
      highlight: [...st.highlight],
      ...(st.at && { at: st.at }),
      ...(st.panel && { panel: st.panel }),
      ...(st.template && {
        question: {
          prompt: st.prompt,
          template: st.template,
          ...(st.at && { at: st.at }),
          ...(st.field && { field: st.field }),
          choices:
            st.choices.trim() === 'auto'
              ? 'auto'
              : st.choices
                  .split('\n')
                  .map((c) => c.trim())
                  .filter(Boolean),
        },
      }),
    })),
  };
  const check = checkDraft(value, trace, summary);
  const update = (i: number, patch: Partial<StepDraft>) =>
    setSteps((all) => all.map((st, j) => (j === i ? { ...st, ...patch } : st)));
  const lesson: Lesson | null = check.lesson;

  return (
    <section className="lesson-editor" aria-label="Lesson editor">
      <h2>Write a lesson</h2>
      <p>
        The lesson uses the scenario and flow on screen ({s.trace.flow.from} → {s.trace.flow.to}, seed{' '}
        {s.trace.seed}). Move the timeline to a hop, then take it for a step.
      </p>
      <label>
        Title <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={120} />
      </label>
      <fieldset>
        <legend>Topics</legend>
        {TOPICS.map((t) => (
          <label key={t} className="inline">
            <input
              type="checkbox"
              checked={topics.includes(t)}
              onChange={(e) =>
                setTopics((all) => (e.target.checked ? [...all, t] : all.filter((x) => x !== t)))
              }
            />
            {t}
          </label>
        ))}
      </fieldset>
      <ol className="editor-steps">
        {steps.map((st, i) => {
          const long = sentences(st.text).filter((x) => wordCount(x) > MAX_SENTENCE_WORDS);
          const tpl = TEMPLATE_LIST.find((t) => t.id === st.template);
          return (
            <li key={i}>
              <fieldset>
                <legend>Step {i + 1}</legend>
                <p>
                  Hop: {st.at ? describeSelector(st.at) : 'stays where the previous step left it'}{' '}
                  <button
                    type="button"
                    onClick={() => update(i, { at: selectorFor(hops, hop) })}
                    disabled={hops.length === 0}
                  >
                    Use hop {hop + 1} on the timeline
                  </button>{' '}
                  {st.at && (
                    <button type="button" onClick={() => update(i, { at: null })}>
                      No hop
                    </button>
                  )}
                </p>
                <label>
                  Narration (mark a kernel term **like this** the first time)
                  <textarea
                    value={st.text}
                    rows={3}
                    onChange={(e) => update(i, { text: e.target.value })}
                    aria-describedby={long.length ? `${base}-long-${i}` : undefined}
                  />
                </label>
                {long.length > 0 && (
                  <p id={`${base}-long-${i}`} className="editor-warning">
                    A sentence is longer than {MAX_SENTENCE_WORDS} words: split it.
                  </p>
                )}
                <label>
                  Open panel{' '}
                  <select value={st.panel} onChange={(e) => update(i, { panel: e.target.value })}>
                    <option value="">none</option>
                    {PANELS.map((p) => (
                      <option key={p}>{p}</option>
                    ))}
                  </select>
                </label>
                <fieldset>
                  <legend>Highlight</legend>
                  {['hop', 'underlay', 'external', ...(summary?.nodes.map((n) => n.name) ?? [])].map((h) => (
                    <label key={h} className="inline">
                      <input
                        type="checkbox"
                        checked={st.highlight.includes(h)}
                        onChange={(e) =>
                          update(i, {
                            highlight: e.target.checked
                              ? [...st.highlight, h]
                              : st.highlight.filter((x) => x !== h),
                          })
                        }
                      />
                      {h === 'hop' ? "this step's hop" : h}
                    </label>
                  ))}
                </fieldset>
                <label>
                  Question{' '}
                  <select value={st.template} onChange={(e) => update(i, { template: e.target.value })}>
                    <option value="">none</option>
                    {TEMPLATE_LIST.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.label}
                      </option>
                    ))}
                  </select>
                </label>
                {tpl && (
                  <>
                    <label>
                      Prompt{' '}
                      <input value={st.prompt} onChange={(e) => update(i, { prompt: e.target.value })} />
                    </label>
                    {tpl.needsField && (
                      <label>
                        Field at the step's hop (for example packet.outer.dport){' '}
                        <input value={st.field} onChange={(e) => update(i, { field: e.target.value })} />
                      </label>
                    )}
                    <label>
                      Choices, one per line, or auto (the answer is computed from the trace, never typed)
                      <textarea
                        value={st.choices}
                        rows={4}
                        onChange={(e) => update(i, { choices: e.target.value })}
                      />
                    </label>
                  </>
                )}
                <button
                  type="button"
                  onClick={() => setSteps((all) => all.filter((_, j) => j !== i))}
                  disabled={steps.length === 1}
                >
                  Remove step {i + 1}
                </button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={() => setSteps((all) => [...all, { ...EMPTY_STEP }])}>
        Add a step
      </button>
      <div role="status" className="editor-check">
        {check.problems.length === 0 ? (
          'The lesson is valid and every step and question works on this trace.'
        ) : (
          <ul aria-label="Problems in the lesson">
            {check.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
      </div>
      <div className="editor-actions">
        <button
          type="button"
          disabled={!lesson}
          onClick={() => lesson && void lessons.start(lesson, 0, 'link')}
        >
          Preview as a student
        </button>
        <button
          type="button"
          disabled={!lesson}
          onClick={async () => {
            if (!lesson) return;
            const url = `${location.origin}${location.pathname}${await encodeLessonLink(lesson, 0)}`;
            setLink(url);
            try {
              await navigator.clipboard.writeText(url);
            } catch {
              // The link is shown anyway.
            }
          }}
        >
          Share as a link
        </button>
        <button
          type="button"
          disabled={!lesson}
          onClick={() => {
            if (!lesson) return;
            const a = document.createElement('a');
            a.href = URL.createObjectURL(new Blob([lessonYaml(lesson)], { type: 'application/yaml' }));
            a.download = `${lesson.id}.yaml`;
            a.click();
            setTimeout(() => URL.revokeObjectURL(a.href), 1000);
          }}
        >
          Download the lesson file
        </button>
        <button type="button" onClick={onClose}>
          Close the editor
        </button>
      </div>
      {link && (
        <label>
          Lesson link
          <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        </label>
      )}
    </section>
  );
}
