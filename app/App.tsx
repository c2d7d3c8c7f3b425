// The page: flow and share on top, the cluster with its playback in the middle, the inspection panels
// beside it. Everything reads the session from context.
import { useMemo, useState } from 'react';
import { useApp, useSession } from './app-context';
import { CniPanel } from './cni/CniPanel';
import { PodNetworkStory } from './cni/PodNetworkStory';
import { ComparePanel } from './compare/ComparePanel';
import { ConnectionsChart } from './panels/ConnectionsChart';
import { DnsPanel } from './panels/DnsPanel';
import { HttpPanel } from './panels/HttpPanel';
import { EventList } from './panels/EventList';
import { FlowChooser } from './panels/FlowChooser';
import { HeadersPanel } from './panels/HeadersPanel';
import { HelpOverlay } from './panels/HelpOverlay';
import { HopStatus } from './panels/HopStatus';
import { NodeInspector } from './panels/NodeInspector';
import { PlaybackBar } from './panels/PlaybackBar';
import { PresenterPanel } from './panels/PresenterPanel';
import { RuleWalk } from './panels/RuleWalk';
import { StageError } from './panels/StageError';
import { Tabs } from './panels/Tabs';
import { WhatIfs } from './panels/WhatIfs';
import { YamlEditor } from './panels/YamlEditor';
import { Legend } from './glossary/Legend';
import { Term } from './glossary/Term';
import { useLessonUi, useLessons } from './lessons/lesson-context';
import { LessonPanel } from './lessons/LessonPanel';
import { PhaseSteps } from './lessons/PhaseSteps';
import { HeldBack, usePredicting } from './lessons/predicting';
import { LearnPanel } from './library/LearnPanel';
import { describeScenario } from './library/describe-scenario';
import { Welcome } from './library/Welcome';
import { FileDropTarget } from './open-file/FileDropTarget';
import { LoadProgress } from './open-file/LoadProgress';
import { Scene } from './scene/Scene';
import { ShareButton } from './share/ShareButton';
import {
  selectErrorCount,
  selectNotice,
  selectPresenter,
  selectScenarioInvalid,
  selectScenarioText,
} from './store/selectors';
import { patchView } from './store/store';

function Notice() {
  const session = useSession();
  const notice = useApp(selectNotice);
  if (!notice) return null;
  return (
    <div className="notice" role="alert">
      <span>{notice}</span>
      <button type="button" onClick={() => patchView(session.store, { notice: null })}>
        Dismiss
      </button>
    </div>
  );
}

/**
 * `embed`: only the stage and the playback bar, for an iframe in slides (`?embed`). Presenter mode keeps
 * the stage and reduces the side panel to the hop's sentence and changes in large type.
 */
export function App({ embed = false }: { embed?: boolean }) {
  const errors = useApp(selectErrorCount);
  const stale = useApp(selectScenarioInvalid);
  const lessons = useLessons();
  const tab = useLessonUi((s) => s.tab);
  const presenter = useApp(selectPresenter);
  const text = useApp(selectScenarioText);
  const title = useMemo(() => describeScenario(text, 'Your scenario').title, [text]);
  // On a phone the panels are a bottom sheet under the stage (styles/phone.css): folded to its handle until a
  // tab or the handle opens it. Elsewhere the handle is not shown and the panel is always open.
  const [sheetOpen, setSheetOpen] = useState(false);
  const predicting = usePredicting();
  const mode = embed ? 'embed' : presenter ? 'presenter' : 'full';
  return (
    <div className={`app mode-${mode}`}>
      {mode === 'full' && (
        <header className="top">
          <h1>Podpath</h1>
          <FlowChooser />
          <button
            type="button"
            className="learn-button"
            onClick={() => {
              // On a phone the panels are a folded sheet: open it, or the list stays out of reach.
              setSheetOpen(true);
              lessons.showTab('learn');
            }}
          >
            Lessons
          </button>
          <ShareButton />
        </header>
      )}
      {mode !== 'full' && <h1 className="visually-hidden">Podpath</h1>}
      <Notice />
      <PodNetworkStory />
      <main className="layout">
        <FileDropTarget className={stale ? 'stage stale' : 'stage'} where="on the stage">
          <StageError />
          <LoadProgress />
          <Scene scenarioTitle={title} />
          <PlaybackBar />
          <PhaseSteps />
          <HopStatus />
          <LessonPanel />
          {mode === 'full' && <Legend />}
        </FileDropTarget>
        {mode === 'presenter' && (
          <aside className="side presenter-side" aria-label="This hop">
            <PresenterPanel />
          </aside>
        )}
        {mode === 'full' && (
          <aside className={sheetOpen ? 'side sheet-open' : 'side'} aria-label="Inspection">
            <button
              type="button"
              className="sheet-handle"
              aria-expanded={sheetOpen}
              aria-controls="inspection-panels"
              onClick={() => setSheetOpen(!sheetOpen)}
            >
              {sheetOpen ? 'Hide the panels' : 'Show the panels (hop, events, scenario…)'}
            </button>
            <div id="inspection-panels" className="sheet-body">
              <Welcome />
              <Tabs
                label="Inspection"
                active={tab}
                onActiveChange={(id) => {
                  setSheetOpen(true);
                  lessons.showTab(id);
                }}
                tabs={[
                  { id: 'learn', title: 'Learn', content: <LearnPanel /> },
                  {
                    id: 'hop',
                    title: 'Hop',
                    content: (
                      <>
                        <h2>This hop</h2>
                        <HeadersPanel />
                        <h3>
                          <Term>Rule walk</Term>
                        </h3>
                        <RuleWalk />
                      </>
                    ),
                  },
                  {
                    id: 'events',
                    title: 'Events',
                    content: predicting ? <HeldBack what="Every hop of the trace" /> : <EventList />,
                  },
                  { id: 'dns', title: 'DNS', content: <DnsPanel /> },
                  { id: 'http', title: 'HTTP', content: <HttpPanel /> },
                  { id: 'node', title: 'Node', content: <NodeInspector /> },
                  { id: 'cni', title: 'CNI', content: <CniPanel /> },
                  {
                    id: 'scenario',
                    title: errors ? `Scenario (${errors} error${errors === 1 ? '' : 's'})` : 'Scenario',
                    content: (
                      <>
                        <WhatIfs />
                        <YamlEditor />
                      </>
                    ),
                  },
                  { id: 'spread', title: 'Connections', content: <ConnectionsChart /> },
                  {
                    id: 'modes',
                    title: 'Compare modes',
                    content: predicting ? <HeldBack what="The modes side by side" /> : <ComparePanel />,
                  },
                ]}
              />
            </div>
          </aside>
        )}
      </main>
      <HelpOverlay />
    </div>
  );
}
