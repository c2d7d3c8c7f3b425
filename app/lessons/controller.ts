// The lesson player: opens a lesson's scenario and flow, then, once the engine's trace is on screen, moves
// playback to each step's hop, opens its panel and highlights its devices. A question's answer is computed
// from that trace when the student checks a choice; the packet then plays to the hop that answers.
import type { TraceJson } from '../../engine';
import { selectReducedMotion } from '../machines/playback';
import type { Session } from '../session/session';
import { selectPlayedHops } from '../store/selectors';
import { patchSelection, replaceScenario } from '../store/store';
import { hopRef, parseRef, refKey } from './highlight-refs';
import { selectHop } from './hop-select';
import type { Lesson } from './lesson';
import { createLessonUiStore, type LessonSource, type LessonUiStore } from './lesson-store';
import { computeAnswer, markChoices, type Answer, type ShownChoice } from './templates';
import { encodeLessonLink } from './lesson-link';

/** Hops a reveal plays per second: quick enough for a class, slow enough to see the packet move. */
const REVEAL_SPEED = 4;

export interface LessonQuestionView {
  readonly prompt: string;
  readonly choices: readonly ShownChoice[];
  readonly answer: Answer;
}

export interface LessonController {
  readonly ui: LessonUiStore;
  start(lesson: Lesson, step?: number, source?: LessonSource): Promise<void>;
  goTo(step: number): void;
  next(): void;
  back(): void;
  exit(): void;
  /** The student's choice: played to the answering hop, then marked. */
  check(choice: number): void;
  /** The current step's question with its choices marked from the trace, or null. */
  question(): LessonQuestionView | null;
  showTab(tab: string): void;
  /** The fragment that reopens the lesson at this step. */
  shareFragment(): Promise<string | null>;
  dispose(): void;
}

export interface LessonControllerOptions {
  /** A built-in scenario's YAML by name (`default`, `conformance/01-…`), or null when there is none. */
  readonly loadScenario: (name: string) => Promise<string | null>;
  /** Called with the fragment for the current step, so the address bar follows the lesson. */
  readonly onLocation?: (fragment: string) => void;
  readonly initialTab?: string;
  readonly welcome?: boolean;
}

function traceMatches(trace: TraceJson | null, lesson: Lesson): boolean {
  return (
    trace !== null &&
    trace.request.from === lesson.flow.from &&
    trace.request.to === lesson.flow.to &&
    trace.request.seed === lesson.seed
  );
}

/** The node a step's Node tab shows: the first node its highlight names, else the node of its hop. */
export function nodeToInspect(highlight: readonly string[], hopNode: string | null): string | null {
  for (const r of highlight) {
    const ref = parseRef(r);
    if (ref === 'hop') {
      if (hopNode) return hopNode;
    } else if (ref && (ref.kind === 'node' || ref.kind === 'device')) return ref.node;
  }
  return hopNode;
}

/** The pod a step's CNI tab shows: the first pod its highlight names (or the hop's, for `hop`), else the
 * flow's source pod. */
export function podToInspect(
  highlight: readonly string[],
  from: string,
  hop: { readonly netns: string } | null,
): string {
  for (const r of highlight) {
    const ref = parseRef(r);
    if (ref === 'hop' && hop?.netns.startsWith('pod/')) return hop.netns.slice(4);
    if (ref !== 'hop' && ref?.kind === 'pod') return ref.pod;
  }
  return from.replace(/^pod\//, '');
}

export function createLessonController(session: Session, options: LessonControllerOptions): LessonController {
  const ui = createLessonUiStore(options.initialTab ?? 'hop', options.welcome ?? false);
  const store = session.store;
  let stopReveal: (() => void) | null = null;

  const context = () => {
    const s = store.getState();
    const lesson = ui.getState().lesson;
    if (!lesson || !s.scenario.summary || !traceMatches(s.trace.trace, lesson)) return null;
    return { trace: s.trace.trace!, hops: selectPlayedHops(s), summary: s.scenario.summary, lesson };
  };

  const question = (): LessonQuestionView | null => {
    const ctx = context();
    const step = ctx?.lesson.steps[ui.getState().step];
    if (!ctx || !step?.question) return null;
    const answer = computeAnswer(ctx, step.question);
    if (!answer) return null;
    return { prompt: step.question.prompt, choices: markChoices(ctx, step.question, answer), answer };
  };

  const cancelReveal = () => {
    stopReveal?.();
    stopReveal = null;
    if (ui.getState().revealing) ui.setState({ revealing: false });
  };

  /** Puts the cursor, panel and highlight where the current step wants them. */
  const apply = () => {
    const ctx = context();
    if (!ctx) return;
    const { step: index, revealed } = ui.getState();
    const step = ctx.lesson.steps[index];
    if (!step) return;
    // A step without a hop of its own shows the hop of the nearest step before it that has one, so
    // `#lesson/<id>/<step>` opens where walking there would have left the packet.
    let hop = -1;
    for (let i = index; i >= 0 && hop < 0; i--) {
      const at = ctx.lesson.steps[i]?.at;
      if (at) hop = selectHop(ctx.hops, at);
    }
    if (step.question && revealed[index]) hop = question()?.answer.hop ?? hop;
    if (hop >= 0) session.playback.send({ type: 'playback.seek', hop });
    const at = ctx.hops[hop >= 0 ? hop : session.playback.getSnapshot().context.hop];
    const highlight = step.highlight.flatMap((r) => {
      const ref = parseRef(r);
      if (ref === 'hop') return at ? [refKey(hopRef(at))] : [];
      return ref ? [refKey(ref)] : [];
    });
    // The Node tab opens on the node the step talks about, not on "choose a node…".
    if (step.panel === 'node') {
      const node = nodeToInspect(step.highlight, at?.node ?? null);
      if (node && store.getState().selection.node !== node) patchSelection(store, { node, inspection: null });
    }
    // The CNI tab opens on the pod the step talks about, at the step of its CNI ADD it names.
    const cni =
      step.panel === 'cni'
        ? { pod: podToInspect(step.highlight, ctx.lesson.flow.from, at ?? null), step: step.cniStep ?? null }
        : null;
    ui.setState({ highlight, cni, ...(step.panel && { tab: step.panel }) });
  };

  const locate = () => {
    const { lesson, step, source } = ui.getState();
    if (!lesson || !options.onLocation) return;
    if (source === 'built-in') options.onLocation(`#lesson/${lesson.id}/${step + 1}`);
  };

  // The trace for the lesson's flow arrives after the scenario is simulated: then the lesson is ready.
  const unsubscribe = store.subscribe((s, prev) => {
    const { lesson, status } = ui.getState();
    if (!lesson || s.trace.trace === prev.trace.trace) return;
    if (traceMatches(s.trace.trace, lesson)) {
      if (status !== 'ready') ui.setState({ status: 'ready', error: null });
      // The session tells playback about the new trace (cursor to hop 0) right after storing it: seek
      // after that, or a link to a later step opens with the packet back at the first hop.
      queueMicrotask(apply);
    } else if (status === 'loading' && s.trace.error) ui.setState({ status: 'error', error: s.trace.error });
  });

  const goTo = (step: number) => {
    const lesson = ui.getState().lesson;
    if (!lesson) return;
    cancelReveal();
    ui.setState({ step: Math.max(0, Math.min(lesson.steps.length - 1, step)) });
    apply();
    locate();
  };

  return {
    ui,
    async start(lesson, step = 0, source = 'built-in') {
      cancelReveal();
      const text =
        'name' in lesson.scenario ? await options.loadScenario(lesson.scenario.name) : lesson.scenario.text;
      if (text === null) {
        ui.setState({
          lesson: null,
          status: 'error',
          error: `The lesson's scenario ${lesson.id} is missing.`,
        });
        return;
      }
      ui.setState({
        lesson,
        source,
        step: Math.max(0, Math.min(lesson.steps.length - 1, step)),
        picks: {},
        revealed: {},
        status: 'loading',
        error: null,
        highlight: [],
        cni: null,
        editing: false,
      });
      locate();
      const s = store.getState();
      if (s.scenario.text === text && !s.scenario.loading && traceMatches(s.trace.trace, lesson)) {
        ui.setState({ status: 'ready' });
        apply();
      } else replaceScenario(store, text, lesson.flow, lesson.seed);
    },
    goTo,
    next: () => goTo(ui.getState().step + 1),
    back: () => goTo(ui.getState().step - 1),
    exit() {
      cancelReveal();
      ui.setState({ lesson: null, status: 'idle', highlight: [], cni: null, picks: {}, revealed: {} });
      options.onLocation?.('');
    },
    check(choice) {
      const view = question();
      const { step } = ui.getState();
      if (!view || ui.getState().revealed[step]) return;
      cancelReveal();
      ui.setState((u) => ({ picks: { ...u.picks, [step]: choice } }));
      const reveal = () => {
        stopReveal = null;
        ui.setState((u) => ({ revealing: false, revealed: { ...u.revealed, [step]: true } }));
        apply();
      };
      const target = view.answer.hop;
      const playback = session.playback;
      const from = playback.getSnapshot().context.hop;
      if (target === null || target <= from || selectReducedMotion(playback.getSnapshot())) return reveal();
      // Play the packet to the answering hop, then mark the choice.
      const speed = playback.getSnapshot().context.speed;
      playback.send({ type: 'playback.speed', speed: Math.max(speed, REVEAL_SPEED) });
      ui.setState({ revealing: true });
      const sub = playback.subscribe((snap) => {
        if (snap.context.hop < target && snap.matches('playing')) return;
        done();
      });
      const done = () => {
        sub.unsubscribe();
        playback.send({ type: 'playback.pause' });
        playback.send({ type: 'playback.speed', speed });
        reveal();
      };
      stopReveal = () => {
        sub.unsubscribe();
        playback.send({ type: 'playback.speed', speed });
      };
      playback.send({ type: 'playback.play' });
    },
    question,
    showTab: (tab) => ui.setState({ tab }),
    async shareFragment() {
      const { lesson, step, source } = ui.getState();
      if (!lesson) return null;
      if (source === 'built-in') return `#lesson/${lesson.id}/${step + 1}`;
      return encodeLessonLink(lesson, step);
    },
    dispose() {
      cancelReveal();
      unsubscribe();
    },
  };
}
