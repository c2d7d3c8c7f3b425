// What the app opens with: a share link in the fragment wins, then the autosaved work, then the built-in
// default scenario. A link that cannot be used still opens the default, with a friendly notice.
import { DEFAULT_FLOW, DEFAULT_SEED } from '../store/store';
import { readAutosave, type KeyValueStore } from './autosave';
import { decodeShare, type SharedFlow } from '../../engine';

export interface StartupView {
  readonly scenario: string;
  readonly flow: SharedFlow;
  readonly seed: number;
  readonly step: number | null;
  readonly notice: string | null;
  readonly source: 'share' | 'autosave' | 'default';
}

export async function startupView(
  fragment: string,
  storage: KeyValueStore | undefined,
  defaultScenario: string,
): Promise<StartupView> {
  const shared = await decodeShare(fragment);
  if (shared?.ok) return { ...shared.view, notice: null, source: 'share' };
  const fallback: StartupView = {
    scenario: defaultScenario,
    flow: DEFAULT_FLOW,
    seed: DEFAULT_SEED,
    step: null,
    notice: shared ? shared.message : null,
    source: 'default',
  };
  if (shared) return fallback;
  const saved = readAutosave(storage);
  return saved
    ? {
        scenario: saved.scenario,
        flow: saved.flow,
        seed: saved.seed,
        step: null,
        notice: null,
        source: 'autosave',
      }
    : fallback;
}
