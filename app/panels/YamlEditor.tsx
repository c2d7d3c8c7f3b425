// The scenario's manifests, editable. Every keystroke becomes a new revision in the store; the session
// debounces and re-simulates. Diagnostics are listed with their line and column and marked in the gutter;
// choosing one selects that line in the editor.
import { useMemo, useRef } from 'react';
import { useApp, useSession } from '../app-context';
import { selectDiagnostics, selectLoading, selectScenarioText } from '../store/selectors';
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

export function YamlEditor() {
  const session = useSession();
  const text = useApp(selectScenarioText);
  const diagnostics = useApp(selectDiagnostics);
  const loading = useApp(selectLoading);
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const lines = useMemo(() => text.split('\n').length, [text]);
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
      <div id="yaml-diagnostics" role="region" aria-label="Scenario problems" aria-live="polite">
        {loading && <p className="muted">Simulating…</p>}
        {!loading && diagnostics.length === 0 && <p className="muted">No problems.</p>}
        <ul>
          {diagnostics.map((d, i) => (
            <li key={i} className={`diagnostic ${d.severity}`}>
              <button type="button" className="linklike" onClick={() => goTo(d.line)}>
                line {d.line}, column {d.column}
              </button>{' '}
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
