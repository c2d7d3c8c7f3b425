// Boot: decide what to open (share link, autosave or the default scenario), start the engine worker and
// the session, then render. The fragment is re-read when it changes, so pasting a link into this tab works.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import defaultScenario from '../scenarios/default.yaml?raw';
import { App } from './App';
import { SessionContext } from './app-context';
import { exposeDebugHandle } from './debug-handle';
import { spawnEngineWorker } from './engine-client/browser-worker';
import { fileLoadLimitOverride, loadTimeLimit } from './engine-client/load-limit';
import { createRestartingEngine } from './engine-client/restarting-engine';
import { installPlaybackKeys } from './keyboard';
import { refuseStrayFileDrops } from './open-file/use-file-drop';
import { registerServiceWorker } from './offline/register';
import { createSession } from './session/session';
import { writeAutosave } from './share/autosave';
import { startupView, type StartupView } from './share/startup';
import { createPodpathStore, initialState, patchView, replaceScenario } from './store/store';
import { PHONE_QUERY, setFollow } from './store/stage-actions';
import { createLessonController } from './lessons/controller';
import { LessonContext } from './lessons/lesson-context';
import { parseLessonRoute } from './lessons/lesson-link';
import { openLessonRoute } from './lessons/routes';
import { loadScenarioByName } from './library/scenario-files';
import { installTrustedTypesPolicy } from './trusted-types';
import './styles.css';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

async function boot(): Promise<void> {
  // Before the engine's worker is created: its script URL goes through this policy.
  installTrustedTypesPolicy();
  // A lesson link opens the lesson's own scenario once the app is up; the rest of the fragment logic is for share links.
  const lessonLink = parseLessonRoute(location.hash) !== null;
  const start = await startupView(lessonLink ? '' : location.hash, storage(), defaultScenario);
  if (start.notice) history.replaceState(null, '', location.pathname + location.search);
  const reduced = window.matchMedia('(prefers-reduced-motion: reduce)');
  const store = createPodpathStore(initialState(start.scenario, start.flow, start.seed));
  patchView(store, { notice: start.notice });
  const fileLoadLimit = fileLoadLimitOverride(location.search);
  const engine = createRestartingEngine(spawnEngineWorker, {
    loadTimeoutMs: (request) => loadTimeLimit(request, fileLoadLimit),
    onRestart: (why) =>
      patchView(store, {
        notice: `${why[0]!.toUpperCase()}${why.slice(1)}; Podpath restarted it and restored your scenario.`,
      }),
  });
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  // The one reader of prefers-reduced-motion: the playback machine holds the answer for everyone else.
  const session = createSession(store, engine, {
    reducedMotion: reduced.matches,
    onSaved: (s) => {
      clearTimeout(saveTimer);
      saveTimer = setTimeout(
        () => writeAutosave(storage(), { scenario: s.scenario.text, flow: s.trace.flow, seed: s.trace.seed }),
        500,
      );
    },
  });
  if (start.step !== null) session.restoreStepOnce(start.step);
  reduced.addEventListener('change', (e) => {
    session.playback.send({ type: 'playback.motion', reduced: e.matches });
  });
  installPlaybackKeys(session);
  refuseStrayFileDrops(window);
  // A phone's stage is too small to show the whole cluster legibly: the camera starts by following the
  // packet, framing the active hop's node (the toolbar's Follow packet turns it off).
  if (window.matchMedia(PHONE_QUERY).matches) setFollow(store, true);
  // First visit (nothing shared, nothing saved, never welcomed): the Learn tab opens with a welcome.
  let welcomed = false;
  try {
    welcomed = storage()?.getItem('podpath.welcomed') === '1';
    storage()?.setItem('podpath.welcomed', '1');
  } catch {
    // Storage refused: the welcome shows each time, which is harmless.
  }
  const firstVisit = start.source === 'default' && !lessonLink && !welcomed;
  const lessons = createLessonController(session, {
    loadScenario: loadScenarioByName,
    onLocation: (fragment) => history.replaceState(null, '', fragment || location.pathname + location.search),
    welcome: firstVisit,
  });
  if (lessonLink) void openLessonRoute(location.hash, lessons, store);
  exposeDebugHandle(session, lessons);

  const apply = (view: StartupView) => {
    patchView(store, { notice: view.notice });
    if (view.step !== null) session.restoreStepOnce(view.step);
    replaceScenario(store, view.scenario, view.flow, view.seed);
  };
  window.addEventListener('hashchange', () => {
    if (parseLessonRoute(location.hash)) {
      void openLessonRoute(location.hash, lessons, store);
      return;
    }
    if (!location.hash.startsWith('#v')) return;
    lessons.exit();
    void startupView(location.hash, undefined, defaultScenario).then(apply);
  });

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <SessionContext.Provider value={session}>
        <LessonContext.Provider value={lessons}>
          <App embed={new URLSearchParams(location.search).has('embed')} />
        </LessonContext.Provider>
      </SessionContext.Provider>
    </StrictMode>,
  );
}

void boot();
registerServiceWorker();
