// Play / pause / step / restart, speed and the scrubbable timeline. Every button is enabled by
// `snapshot.can(event)`; the keyboard handler in App dispatches the same command declarations.
import { useSelector } from '@xstate/react';
import { commandLabel, playbackCommands } from '../commands/commands';
import { SPEEDS } from '../machines/playback';
import { useApp, useSession } from '../app-context';
import { selectHopCount } from '../store/selectors';

export function PlaybackBar() {
  const { playback } = useSession();
  const snapshot = useSelector(playback, (s) => s);
  const count = useApp(selectHopCount);
  const hop = snapshot.context.hop;
  return (
    <div className="playback" role="toolbar" aria-label="Playback">
      {playbackCommands.map((command) => {
        const event = command.event(snapshot);
        const label = commandLabel(command, snapshot);
        return (
          <button
            key={command.id}
            type="button"
            aria-label={label}
            title={`${label} (${command.shortcutLabel})`}
            aria-keyshortcuts={command.keys[0] === ' ' ? 'Space' : command.keys[0]}
            disabled={!snapshot.can(event)}
            onClick={() => playback.send(event)}
          >
            <span aria-hidden="true">{label === 'Pause' ? '❚❚' : command.icon}</span>
          </button>
        );
      })}
      <label className="speed">
        Speed
        <select
          value={snapshot.context.speed}
          onChange={(e) => playback.send({ type: 'playback.speed', speed: Number(e.target.value) })}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <input
        className="timeline"
        type="range"
        aria-label="Timeline"
        min={0}
        max={Math.max(0, count - 1)}
        step={1}
        value={hop}
        disabled={count === 0}
        aria-valuetext={count ? `hop ${hop + 1} of ${count}` : 'no trace'}
        // The timeline owns its arrow keys; stop them reaching the global step shortcuts.
        onKeyDown={(e) => e.stopPropagation()}
        onChange={(e) => playback.send({ type: 'playback.seek', hop: Number(e.target.value) })}
      />
      <output className="hop-count" aria-label="Hop">
        {count ? `${hop + 1} / ${count}` : '–'}
      </output>
    </div>
  );
}
