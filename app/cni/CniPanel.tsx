// The CNI tab: a pod's CNI ADD as the engine lays it out (engine/cni/add-steps.ts), step by step, with the
// picture of what each step left behind. It opens on the flow's source pod at the last step (the result);
// a lesson step opens it on the pod it talks about, at the step it names, and highlights that step.
import { useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { CniProcess } from '../../engine';
import { useApp, useSession } from '../app-context';
import { Term } from '../glossary/Term';
import { useOptionalLessons } from '../lessons/lesson-context';
import { createLessonUiStore } from '../lessons/lesson-store';
import { selectFlow, selectSummary } from '../store/selectors';
import { CniDiagram } from './CniDiagram';
import { CniStepDetail, CniStepList } from './CniSteps';
import './pod-network-story.css';
import './cni-panel.css';

/** Panels mounted without a lesson player (unit tests) have no lesson step to follow. */
const NO_LESSON = createLessonUiStore('hop');

export function CniPanel() {
  const session = useSession();
  const summary = useApp(selectSummary);
  const flow = useApp(selectFlow);
  const revision = useApp((s) => s.scenario.revision);
  const focus = useStore(useOptionalLessons()?.ui ?? NO_LESSON, (s) => s.cni);
  // Pods the CNI plugins gave a network (hostNetwork pods and pods without an address had no CNI ADD).
  const pods = useMemo(() => summary?.pods.filter((p) => p.hostVeth !== null) ?? [], [summary]);
  const fromPod = flow?.from.startsWith('pod/') ? flow.from.slice(4) : null;
  const [chosen, setChosen] = useState<string | null>(null);
  const [picked, setPicked] = useState<number | null>(null);
  // A new lesson step decides again: its pod and its step win over what the student clicked before.
  useEffect(() => {
    setChosen(null);
    setPicked(null);
  }, [focus]);
  const wanted = chosen ?? focus?.pod ?? fromPod ?? pods[0]?.key ?? null;
  const pod = pods.some((p) => p.key === wanted) ? wanted : (pods[0]?.key ?? null);

  const [process, setProcess] = useState<CniProcess | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!pod) return;
    let live = true;
    setProcess(null);
    setError(null);
    session.cniProcess(pod, 'ADD').then(
      (p) => live && setProcess(p),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [session, pod, revision]);

  const lessonStep =
    process && focus?.step && focus.pod === process.pod
      ? process.steps.findIndex((s) => s.kind === focus.step)
      : -1;
  const count = process?.steps.length ?? 0;
  const step = Math.min(picked ?? (lessonStep >= 0 ? lessonStep : count - 1), Math.max(0, count - 1));

  return (
    <section className="cni-panel" aria-label="CNI ADD of a pod">
      <h2>
        <Term>CNI ADD</Term>
      </h2>
      <p className="cni-intro">
        What the container runtime and the CNI plugins did on the node when the pod started, in order.
      </p>
      {pods.length === 0 ? (
        <p className="empty">No pod in this scenario got its network from the CNI plugins.</p>
      ) : (
        <label className="cni-pod">
          Pod{' '}
          <select
            value={pod ?? ''}
            onChange={(e) => {
              setChosen(e.target.value);
              setPicked(null);
            }}
          >
            {pods.map((p) => (
              <option key={p.key} value={p.key}>
                {p.key} on {p.node}
              </option>
            ))}
          </select>
        </label>
      )}
      {error && <p role="alert">{error}</p>}
      {pod && !process && !error && <p>loading…</p>}
      {process && count > 0 && (
        <>
          <p className="cni-position" aria-live="polite">
            Step {step + 1} of {count}: {process.steps[step]!.plugin} {process.steps[step]!.kind}
          </p>
          <CniDiagram process={process} step={step} />
          <CniStepDetail process={process} step={step} />
          <CniStepList
            process={process}
            step={step}
            onStep={setPicked}
            highlighted={lessonStep >= 0 ? lessonStep : null}
            label={`The steps of ${process.pod}'s CNI ADD`}
          />
        </>
      )}
    </section>
  );
}
