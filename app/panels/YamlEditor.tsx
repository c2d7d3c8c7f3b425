// The scenario's manifests, editable. Every keystroke becomes a new revision in the store; the session
// debounces and re-simulates. Diagnostics are listed with their line and column and marked in the gutter;
// choosing one selects that line in the editor. Above it, "Open file…"; a file dropped on it opens too. An
// opened file too big for the textarea (open-file/too-big-to-edit.ts) is named instead of shown.
import { useMemo, useRef } from 'react';
import { useApp, useSession } from '../app-context';
import { FileDropTarget } from '../open-file/FileDropTarget';
import { OpenFileButton } from '../open-file/OpenFileButton';
import { sizeText } from '../file-size';
import { tooBigToEdit } from '../open-file/too-big-to-edit';
import type { OpenedFile } from '../store/state';
import { selectDiagnostics, selectLoading, selectOpenedFile, selectScenarioText } from '../store/selectors';
import { editScenario } from '../store/store';

function lineStart(text: string, line: number): number {
  let at = 0;
  for (let i = 1; i < line; i++) {
    const next = text.indexOf('\n', at);
    if (next < 0) return text.length;
    at = next + 1;
  }
  return at;
}

function OpenedFileNotice({ opened }: { opened: OpenedFile }) {
  return (
    <div className="opened-file-notice" data-testid="opened-file-notice">
      <p>
        <strong>{opened.name}</strong> ({sizeText(opened.bytes)}) is open. It is too big to edit here without
        freezing the page, so it is not shown: edit it in your own editor and open it again.
      </p>
      <p className="muted">Its problems are listed below by line and column.</p>
    </div>
  );
}

export function YamlEditor() {
  const session = useSession();
  const text = useApp(selectScenarioText);
  const opened = useApp(selectOpenedFile);
  const big = tooBigToEdit(opened);
  const diagnostics = useApp(selectDiagnostics);
  const loading = useApp(selectLoading);
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  // Not counted for a file the editor does not show: splitting 38 MB would itself be a long task.
  const lines = useMemo(() => (big ? 0 : text.split('\n').length), [text, big]);
  const errorLines = useMemo(() => new Map(diagnostics.map((d) => [d.line, d.severity])), [diagnostics]);

  const goTo = (line: number) => {
    const el = area.current;
    if (!el || line < 1) return;
    const start = lineStart(text, line);
    const end = text.indexOf('\n', start);
    el.focus();
    el.setSelectionRange(start, end < 0 ? text.length : end);
    el.scrollTop = (line - 3) * 18;
  };

  return (
    <div className="yaml-editor">
      <OpenFileButton />
      <FileDropTarget className="editor-drop" where="on the editor">
        {big && opened ? (
          <OpenedFileNotice opened={opened} />
        ) : (
          <div className="editor-body">
            <div className="gutter" ref={gutter} aria-hidden="true">
              {Array.from({ length: lines }, (_, i) => (
                <div
                  key={i}
                  className={errorLines.has(i + 1) ? `gutter-line ${errorLines.get(i + 1)}` : 'gutter-line'}
                >
                  {i + 1}
                </div>
              ))}
            </div>
            <textarea
              ref={area}
              aria-label="Scenario YAML"
              spellCheck={false}
              value={text}
              aria-invalid={diagnostics.some((d) => d.severity === 'error')}
              aria-describedby="yaml-diagnostics"
              onScroll={(e) => {
                if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
              }}
              onChange={(e) => editScenario(session.store, e.target.value)}
            />
          </div>
        )}
      </FileDropTarget>
      <div id="yaml-diagnostics" role="region" aria-label="Scenario problems" aria-live="polite">
        {loading && <p className="muted">Simulating…</p>}
        {!loading && diagnostics.length === 0 && <p className="muted">No problems.</p>}
        <ul>
          {diagnostics.map((d, i) => (
            <li key={i} className={`diagnostic ${d.severity}`}>
              {big ? (
                <span>
                  {d.file} line {d.line}, column {d.column}
                </span>
              ) : (
                <button type="button" className="linklike" onClick={() => goTo(d.line)}>
                  line {d.line}, column {d.column}
                </button>
              )}{' '}
              <span>
                {d.severity}: {d.message}
                {d.field && <code> ({d.field})</code>}
              </span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
