// User commands as declarations (Excalidraw's action registry): the toolbar renders them, the keyboard
// handler dispatches them and the tests name them. A command is enabled exactly when the playback
// machine would accept its event (`snapshot.can`).
import type { SnapshotFrom } from 'xstate';
import type { PlaybackEvent, playbackMachine } from '../machines/playback';

export interface PlaybackCommand {
  readonly id: string;
  readonly label: string;
  /** `KeyboardEvent.key` values that run it. */
  readonly keys: readonly string[];
  readonly shortcutLabel: string;
  readonly icon: string;
  event(snapshot: SnapshotFrom<typeof playbackMachine>): PlaybackEvent;
}

export const playbackCommands: readonly PlaybackCommand[] = [
  {
    id: 'restart',
    label: 'Restart',
    keys: ['Home'],
    shortcutLabel: 'Home',
    icon: '|◀',
    event: () => ({ type: 'playback.restart' }),
  },
  {
    id: 'step-back',
    label: 'Step back',
    keys: ['ArrowLeft'],
    shortcutLabel: '←',
    icon: '◀',
    event: () => ({ type: 'playback.step.back' }),
  },
  {
    id: 'play-pause',
    label: 'Play',
    keys: [' '],
    shortcutLabel: 'Space',
    icon: '▶',
    // One key, two meanings: pause while the packet moves, play otherwise.
    event: (snap) => (snap.matches('playing') ? { type: 'playback.pause' } : { type: 'playback.play' }),
  },
  {
    id: 'step-forward',
    label: 'Step forward',
    keys: ['ArrowRight'],
    shortcutLabel: '→',
    icon: '▶|',
    event: () => ({ type: 'playback.step.forward' }),
  },
];

export function commandForKey(key: string): PlaybackCommand | undefined {
  return playbackCommands.find((c) => c.keys.includes(key));
}

/** Labels that follow the mode: the play button says Pause while playing and Replay at the end. */
export function commandLabel(
  command: PlaybackCommand,
  snapshot: SnapshotFrom<typeof playbackMachine>,
): string {
  if (command.id !== 'play-pause') return command.label;
  if (snapshot.matches('playing')) return 'Pause';
  if (snapshot.matches('finished')) return 'Replay';
  return 'Play';
}
