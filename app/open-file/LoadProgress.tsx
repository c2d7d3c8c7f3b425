// While the engine loads a scenario that takes a while (an opened file at once, anything else after a
// second), the stage says so and offers Cancel: the load is stopped and the scenario loaded before stays
// (engine-client/restarting-engine.ts). The time limit stops it anyway; this is for not waiting that long.
import { useEffect, useState } from 'react';
import { useApp, useSession } from '../app-context';
import { selectLoading, selectOpenedFile } from '../store/selectors';
import { sizeText } from '../file-size';

/** How long a load of typed text runs before Cancel is offered (edits load in well under this). */
export const OFFER_CANCEL_AFTER_MS = 1_000;

export function LoadProgress() {
  const session = useSession();
  const loading = useApp(selectLoading);
  const opened = useApp(selectOpenedFile);
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!loading) return;
    const timer = setTimeout(() => setSlow(true), OFFER_CANCEL_AFTER_MS);
    return () => {
      clearTimeout(timer);
      setSlow(false);
    };
  }, [loading]);
  if (!loading || (!opened && !slow)) return null;
  return (
    <div className="load-progress" role="status" data-testid="load-progress">
      <span>{opened ? `Loading ${opened.name} (${sizeText(opened.bytes)})…` : 'Loading the scenario…'}</span>
      <button type="button" onClick={() => session.cancelLoad()}>
        Cancel loading
      </button>
    </div>
  );
}
