// The stage's own controls, over its top right corner: zoom, fit, follow the packet, presenter mode, the
// keyboard help and picture export. Each runs the same store action or command as its key.
import { useApp, useSession } from '../app-context';
import { selectFollow, selectPresenter } from '../store/selectors';
import { fitStage, setFollow, setHelp, togglePresenter, zoomStage } from '../store/stage-actions';
import type { ReactNode } from 'react';

export function StageToolbar({ extra }: { extra?: ReactNode }) {
  const session = useSession();
  const follow = useApp(selectFollow);
  const presenter = useApp(selectPresenter);
  return (
    <div className="zoom-buttons" role="toolbar" aria-label="Stage">
      <button
        type="button"
        aria-label="Zoom in"
        title="Zoom in (+)"
        onClick={() => zoomStage(session.store, 1.3)}
      >
        +
      </button>
      <button
        type="button"
        aria-label="Zoom out"
        title="Zoom out (−)"
        onClick={() => zoomStage(session.store, 1 / 1.3)}
      >
        −
      </button>
      <button
        type="button"
        aria-label="Fit to view"
        title="Fit to view (0)"
        onClick={() => fitStage(session.store)}
      >
        ⤢
      </button>
      <button
        type="button"
        aria-pressed={follow}
        title="The camera follows the packet"
        onClick={() => setFollow(session.store, !follow)}
      >
        Follow packet
      </button>
      <button
        type="button"
        aria-pressed={presenter}
        title="Presenter mode (P)"
        onClick={() => togglePresenter(session.store)}
      >
        Presenter
      </button>
      {extra}
      <button
        type="button"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        onClick={() => setHelp(session.store, true)}
      >
        ?
      </button>
    </div>
  );
}
