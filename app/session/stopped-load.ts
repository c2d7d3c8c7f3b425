// What the user reads when a scenario load was stopped: by the time limit or by their Cancel. It names the
// file (when one was opened) and says plainly which scenario the page now holds.
import type { LoadStopped } from '../engine-client/restarting-engine';
import type { OpenedFile } from '../store/state';
import { sizeText } from '../file-size';

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${s < 10 ? Math.round(s * 10) / 10 : Math.round(s)} s`;
}

export function stoppedLoadSentence(stopped: LoadStopped, opened: OpenedFile | null): string {
  const what = opened ? `Loading ${opened.name} (${sizeText(opened.bytes)})` : 'Loading this scenario';
  const why =
    stopped.reason === 'cancelled'
      ? `${what} was cancelled`
      : `${what} took longer than ${seconds(stopped.limitMs)}, so it was stopped`;
  const kept = stopped.previousKept
    ? 'the previous scenario is still loaded'
    : 'no scenario is loaded; open a smaller file or edit the text';
  return `${why}; ${kept}.`;
}
