// The keyboard help (?): every shortcut from the two command registries, in a modal dialog that Escape,
// the Close button or ? again closes.
import { useEffect, useRef } from 'react';
import { useApp, useSession } from '../app-context';
import { playbackCommands } from '../commands/commands';
import { stageCommands } from '../keyboard';
import { selectHelpOpen } from '../store/selectors';
import { setHelp } from '../store/stage-actions';

export function HelpOverlay() {
  const session = useSession();
  const open = useApp(selectHelpOpen);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (open) close.current?.focus();
  }, [open]);
  if (!open) return null;
  const rows = [
    ...playbackCommands.map((c) => [c.shortcutLabel, c.id === 'play-pause' ? 'Play / pause' : c.label]),
    ...stageCommands.map((c) => [c.shortcutLabel, c.label]),
    ['Esc', 'Close this help'],
  ];
  return (
    <div className="help-backdrop" onClick={() => setHelp(session.store, false)}>
      <div
        className="help-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="help-title">Keyboard shortcuts</h2>
        <p className="muted">They work anywhere outside text fields.</p>
        <table>
          <tbody>
            {rows.map(([key, label]) => (
              <tr key={`${key}-${label}`}>
                <th scope="row">
                  <kbd>{key}</kbd>
                </th>
                <td>{label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button ref={close} type="button" onClick={() => setHelp(session.store, false)}>
          Close
        </button>
      </div>
    </div>
  );
}
