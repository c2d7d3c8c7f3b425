// The page's keys, from anywhere except where those keys already mean something: typing in a field, or a
// control the user reached with the keyboard (Space presses a focused button, arrows move between tabs).
// A control clicked with the mouse keeps focus without claiming its keys (focus-origin.ts), so after
// clicking Send, Space plays, and after clicking a tab, the arrows step. Playback keys go to the playback
// machine through its commands; the stage's keys (zoom, fit, fullscreen, presenter, speed, help) run
// theirs. Escape closes the help overlay.
import type { Session } from './session/session';
import { commandForKey } from './commands/commands';
import { stageCommandForKey } from './commands/stage-commands';
import { focusCameFromPointer, trackFocusOrigin } from './focus-origin';
import { setHelp } from './store/stage-actions';

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
