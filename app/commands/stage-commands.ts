// The stage's commands, declared like the playback ones (Excalidraw's action registry): zoom, fit,
// fullscreen, presenter mode, playback speed and the keyboard help. The keyboard handler and the help
// overlay read this list; the toolbar buttons run the same store actions.
import { SPEEDS } from '../machines/playback';
import type { Session } from '../session/session';
import { fitStage, setHelp, setPresenter, zoomStage } from '../store/stage-actions';

export interface StageCommand {
  readonly id: string;
  readonly label: string;
  /** `KeyboardEvent.key` values that run it. */
  readonly keys: readonly string[];
  readonly shortcutLabel: string;
  run(session: Session): void;
}

/** Fullscreen on or off; a refused request (an iframe without allowfullscreen) changes nothing. */
export function toggleFullscreen(doc: Document = document): void {
  if (doc.fullscreenElement) void doc.exitFullscreen?.().catch(() => {});
  else void doc.documentElement.requestFullscreen?.().catch(() => {});
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
    run: (s) => {
      const on = !s.store.getState().stage.presenter;
      setPresenter(s.store, on);
      // Presenter mode is fullscreen; leaving it leaves fullscreen too.
      if (on !== Boolean(document.fullscreenElement)) toggleFullscreen();
    },
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
