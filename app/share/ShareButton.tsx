// Share: the scenario, flow, seed and current step go into the URL fragment; the link is shown (and
// copied when the browser allows it) so it can be pasted anywhere. Share links keep their own caps
// (engine/share/link-codec.ts: 1 MiB of scenario, 64 KiB of link), far below what an opened file may
// be: a scenario past them gets no link that would not open, but a sentence saying so and what to do.
import { useState } from 'react';
import { useSession } from '../app-context';
import { shareableLink, type ShareableLink } from '../../engine';
import { capText, sizeText } from '../file-size';
import { useOptionalLessons } from '../lessons/lesson-context';

/** Why there is no link, in words; exported for its unit test. */
export function noLinkSentence(link: Exclude<ShareableLink, { ok: true }>): string {
  const instead = 'Share the file itself instead: it opens with Open file… in the Scenario tab.';
  if (link.cap === 'scenario')
    return `This scenario is too big for a share link: a link carries at most ${capText(link.limit)} of scenario and this one is ${sizeText(link.bytes)}. ${instead}`;
  return `This scenario is too big for a share link: its link would be ${link.chars.toLocaleString('en')} characters, more than the ${link.limit.toLocaleString('en')} a share link may carry. ${instead}`;
}

export function ShareButton() {
  const session = useSession();
  const lessons = useOptionalLessons();
  const [link, setLink] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const share = async () => {
    const s = session.store.getState();
    // Inside a lesson, the link reopens the lesson at this step.
    const lesson = await lessons?.shareFragment();
    const made: ShareableLink = lesson
      ? { ok: true, fragment: lesson }
      : await shareableLink({
          scenario: s.scenario.text,
          flow: s.trace.flow,
          seed: s.trace.seed,
          step: s.view.hop,
        });
    if (!made.ok) {
      setLink(null);
      setRefused(noLinkSentence(made));
      return;
    }
    setRefused(null);
    history.replaceState(null, '', made.fragment);
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
      <button type="button" onClick={share} aria-describedby={refused ? 'share-refused' : undefined}>
        Share
      </button>
      {link && (
        <label>
          Share link{copied ? ' (copied)' : ''}
          <input readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        </label>
      )}
      {refused && (
        <p id="share-refused" className="share-refused" role="alert">
          {refused}
          <button type="button" className="linklike" onClick={() => setRefused(null)}>
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
}
