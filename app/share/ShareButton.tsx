// Share: the scenario, flow, seed and current step go into the URL fragment; the link is shown (and
// copied when the browser allows it) so it can be pasted anywhere.
import { useState } from 'react';
import { useSession } from '../app-context';
import { encodeShare } from '../../engine';
import { useOptionalLessons } from '../lessons/lesson-context';

export function ShareButton() {
  const session = useSession();
  const lessons = useOptionalLessons();
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const share = async () => {
    const s = session.store.getState();
    // Inside a lesson, the link reopens the lesson at this step.
    const fragment =
      (await lessons?.shareFragment()) ??
      (await encodeShare({
        scenario: s.scenario.text,
        flow: s.trace.flow,
        seed: s.trace.seed,
        step: s.view.hop,
      }));
    history.replaceState(null, '', fragment);
    const url = location.href;
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="share">
      <button type="button" onClick={share}>
        Share
      </button>
      {link && (
        <label>
          Share link{copied ? ' (copied)' : ''}
          <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        </label>
      )}
    </div>
  );
}
