// The lesson on the stage: step counter, narration, the question (predict, then the packet plays and the
// choice is marked with the trace's reason), and Back / Next / Exit. It sits with the diagram, so it stays
// on screen in presenter mode and on a phone.
import { useEffect, useId, useRef, useState } from 'react';
import { useApp } from '../app-context';
import { selectExpandedNodes, selectSummary, selectTrace } from '../store/selectors';
import { highlightDevices } from './highlight';
import { useLessonUi, useLessons } from './lesson-context';
import { Narration } from './Narration';
import './lessons.css';

function Question() {
  const lessons = useLessons();
  const step = useLessonUi((s) => s.step);
  const picked = useLessonUi((s) => s.picks[s.step]);
  const revealed = useLessonUi((s) => s.revealed[s.step] === true);
  const revealing = useLessonUi((s) => s.revealing);
  useApp(selectTrace); // re-render when the trace (and so the computed answer) changes
  const [choice, setChoice] = useState<number | null>(null);
  const name = useId();
  useEffect(() => setChoice(null), [step]);
  const q = lessons.question();
  if (!q) return null;
  const chosen = picked ?? choice;
  const right = picked !== undefined && q.choices[picked]?.correct === true;
  return (
    <form
      className="lesson-question"
      onSubmit={(e) => {
        e.preventDefault();
        if (choice !== null) lessons.check(choice);
      }}
    >
      <fieldset disabled={revealed || revealing}>
        <legend>Predict: {q.prompt}</legend>
        {q.choices.map((c, i) => (
          <label
            key={i}
            className={`choice${revealed && c.correct ? ' right' : ''}${revealed && picked === i && !c.correct ? ' wrong' : ''}`}
          >
            <input type="radio" name={name} checked={chosen === i} onChange={() => setChoice(i)} />
            {c.label}
            {revealed && c.correct && <span className="mark"> ✓ the trace's answer</span>}
            {revealed && picked === i && !c.correct && <span className="mark"> ✗ your choice</span>}
          </label>
        ))}
      </fieldset>
      {!revealed && (
        <button type="submit" disabled={choice === null || revealing}>
          {revealing ? 'Playing the packet…' : 'Check my answer'}
        </button>
      )}
      {revealed && (
        <p className={`verdict ${right ? 'right' : 'wrong'}`} role="status">
          <strong>{right ? 'Right.' : 'Not quite.'}</strong> {q.answer.evidence}
        </p>
      )}
    </form>
  );
}

export function LessonPanel() {
  const lessons = useLessons();
  const lesson = useLessonUi((s) => s.lesson);
  const step = useLessonUi((s) => s.step);
  const status = useLessonUi((s) => s.status);
  const error = useLessonUi((s) => s.error);
  const highlight = useLessonUi((s) => s.highlight);
  const revealed = useLessonUi((s) => s.revealed[s.step] === true);
  const summary = useApp(selectSummary);
  const expanded = useApp(selectExpandedNodes);
  const headingId = useId();
  const panelRef = useRef<HTMLElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  // Keyboard focus follows the lesson: Next into a question disables Next, and checking an answer
  // removes "Check my answer"; either would drop focus to the page's start, 30 Tabs from the lesson.
  const hasQuestion = lesson?.steps[step]?.question !== undefined;
  const drivenFromPanel = useRef(false);
  const panelHasFocus = () => {
    const a = document.activeElement;
    return a === null || a === document.body || (panelRef.current?.contains(a) ?? false);
  };
  useEffect(() => {
    if (!drivenFromPanel.current || status !== 'ready') return;
    const radio = panelRef.current?.querySelector<HTMLInputElement>('.lesson-question input[type=radio]');
    if (hasQuestion && !radio && lessons.question() !== null) return; // not drawn yet
    drivenFromPanel.current = false;
    if (!panelHasFocus()) return;
    // Without scrolling: on a phone that would push the stage, and its highlighted device, off screen.
    if (radio && !radio.disabled) radio.focus({ preventScroll: true });
    else if (nextRef.current && !nextRef.current.disabled) nextRef.current.focus();
  }, [step, status, hasQuestion]);
  useEffect(() => {
    if (revealed && panelHasFocus() && nextRef.current && !nextRef.current.disabled) nextRef.current.focus();
  }, [revealed]);

  // After React has drawn the cluster, mark the step's devices.
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const scene = document.querySelector('.scene');
      if (scene) highlightDevices(scene, highlight);
    });
    return () => cancelAnimationFrame(frame);
  }, [highlight, summary, expanded]);
  useEffect(
    () => () => {
      const scene = document.querySelector('.scene');
      if (scene) highlightDevices(scene, []);
    },
    [],
  );

  if (!lesson) {
    if (status === 'error' && error)
      return (
        <p className="lesson-panel" role="alert">
          {error}
        </p>
      );
    return null;
  }
  const current = lesson.steps[step]!;
  const last = step === lesson.steps.length - 1;
  const mustAnswer = current.question !== undefined && !revealed && lessons.question() !== null;
  const move = (to: () => void) => {
    drivenFromPanel.current = true;
    to();
  };
  return (
    <section className="lesson-panel" aria-labelledby={headingId} data-testid="lesson" ref={panelRef}>
      <header>
        <h2 id={headingId}>{lesson.title}</h2>
        <span className="lesson-progress" aria-live="polite">
          Step {step + 1} of {lesson.steps.length}
        </span>
      </header>
      {status === 'loading' && <p>Opening the lesson's cluster…</p>}
      {status === 'error' && <p role="alert">The lesson's flow could not be traced: {error}</p>}
      <Narration text={current.text} />
      {status === 'ready' && current.question && <Question />}
      <div className="lesson-nav">
        <button type="button" onClick={() => move(() => lessons.back())} disabled={step === 0}>
          Back
        </button>
        <button
          type="button"
          ref={nextRef}
          onClick={() => (last ? lessons.exit() : move(() => lessons.next()))}
          // While the lesson's cluster loads its question cannot be shown yet, so it cannot be skipped.
          disabled={!last && (mustAnswer || status === 'loading')}
          title={mustAnswer ? 'Answer the question first' : undefined}
        >
          {last ? 'Finish lesson' : `Next step (${step + 2} of ${lesson.steps.length})`}
        </button>
        <button type="button" onClick={() => lessons.exit()}>
          Exit lesson
        </button>
      </div>
    </section>
  );
}
