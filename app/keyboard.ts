// The page's keys, from anywhere except where those keys already mean something: typing in a field, or a
// control the user reached with the keyboard (Space presses a focused button, arrows move between tabs).
// A control clicked with the mouse keeps focus without claiming its keys (focus-origin.ts), so after
// clicking Send, Space plays, and after clicking a tab, the arrows step. Playback keys go to the playback
// machine through its commands; the stage's keys (zoom, fit, fullscreen, presenter, speed, help) run
// theirs. Escape closes the help overlay.
import type { Session } from './session/session';
import { commandForKey } from './commands/commands';
import { focusCameFromPointer, trackFocusOrigin } from './focus-origin';
import { SPEEDS } from './machines/playback';
import { fitStage, setHelp, toggleFullscreen, togglePresenter, zoomStage } from './store/stage-actions';

// The stage's commands, declared like the playback ones (Excalidraw's action registry): zoom, fit,
// fullscreen, presenter mode, playback speed and the keyboard help. The handler below and the help overlay
// read this list; the toolbar buttons run the same store actions.
export interface StageCommand {
  readonly id: string;
  readonly label: string;
  /** `KeyboardEvent.key` values that run it. */
  readonly keys: readonly string[];
  readonly shortcutLabel: string;
  run(session: Session): void;
}

/** Keys 1–4: ½×, 1×, 2×, 4× (the playback machine's speeds above the slowest). */
const SPEED_KEYS = SPEEDS.slice(1);

export const stageCommands: readonly StageCommand[] = [
  {
    id: 'zoom-in',
    label: 'Zoom in',
    keys: ['+', '='],
    shortcutLabel: '+',
    run: (s) => zoomStage(s.store, 1.3),
  },
  {
    id: 'zoom-out',
    label: 'Zoom out',
    keys: ['-', '_'],
    shortcutLabel: '−',
    run: (s) => zoomStage(s.store, 1 / 1.3),
  },
  { id: 'fit', label: 'Fit to view', keys: ['0'], shortcutLabel: '0', run: (s) => fitStage(s.store) },
  {
    id: 'fullscreen',
    label: 'Fullscreen',
    keys: ['f', 'F'],
    shortcutLabel: 'F',
    run: () => toggleFullscreen(),
  },
  {
    id: 'presenter',
    label: 'Presenter mode',
    keys: ['p', 'P'],
    shortcutLabel: 'P',
    run: (s) => togglePresenter(s.store),
  },
  ...SPEED_KEYS.map((speed, i): StageCommand => ({
    id: `speed-${i + 1}`,
    label: `Speed ${speed}×`,
    keys: [String(i + 1)],
    shortcutLabel: String(i + 1),
    run: (s) => s.playback.send({ type: 'playback.speed', speed }),
  })),
  {
    id: 'help',
    label: 'Keyboard shortcuts',
    keys: ['?'],
    shortcutLabel: '?',
    run: (s) => setHelp(s.store, !s.store.getState().stage.help),
  },
];

export function stageCommandForKey(key: string): StageCommand | undefined {
  return stageCommands.find((c) => c.keys.includes(key));
}

export function installPlaybackKeys(session: Session, target: Window = window): () => void {
  trackFocusOrigin(target);
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const el = e.target as HTMLElement | null;
    const tag = el?.tagName ?? '';
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el?.isContentEditable) return;
    const keyboardFocus = !focusCameFromPointer();
    if (e.key === ' ' && (tag === 'BUTTON' || tag === 'SUMMARY' || el?.getAttribute('role') === 'button'))
      if (keyboardFocus) return;
    if (el?.getAttribute('role') === 'tab' && (e.key === 'ArrowLeft' || e.key === 'ArrowRight'))
      if (keyboardFocus) return;
    if (e.key === 'Escape' && session.store.getState().stage.help) {
      setHelp(session.store, false);
      return;
    }
    const command = commandForKey(e.key);
    if (command) {
      e.preventDefault();
      const snapshot = session.playback.getSnapshot();
      const event = command.event(snapshot);
      if (snapshot.can(event)) session.playback.send(event);
      return;
    }
    const stage = stageCommandForKey(e.key);
    if (stage) {
      e.preventDefault();
      stage.run(session);
    }
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
