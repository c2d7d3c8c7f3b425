// Space, ←, →, Home drive playback from anywhere on the page, except where those keys already mean
// something: typing in a field, or Space on a focused button (which presses the button itself).
import type { Session } from './session/session';
import { commandForKey } from './commands/commands';

export function installPlaybackKeys(session: Session, target: Window = window): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const el = e.target as HTMLElement | null;
    const tag = el?.tagName ?? '';
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el?.isContentEditable) return;
    if (e.key === ' ' && (tag === 'BUTTON' || tag === 'SUMMARY')) return;
    if (el?.getAttribute('role') === 'tab' && (e.key === 'ArrowLeft' || e.key === 'ArrowRight')) return;
    const command = commandForKey(e.key);
    if (!command) return;
    e.preventDefault();
    const snapshot = session.playback.getSnapshot();
    const event = command.event(snapshot);
    if (snapshot.can(event)) session.playback.send(event);
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
