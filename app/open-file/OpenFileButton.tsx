// "Open file…": a real button (keyboard, screen readers) that opens the browser's file chooser through a
// hidden file input. A kubectl dump or a folder of manifests joined into one file opens here as well as
// by dropping it on the stage or the editor.
import { useRef } from 'react';
import { OPENED_FILE_MAX_BYTES } from '../../engine';
import { capText } from '../file-size';
import { useOpenFile } from './FileDropTarget';
import './open-file.css';

export function OpenFileButton() {
  const open = useOpenFile();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="open-file">
      <button type="button" aria-describedby="open-file-hint" onClick={() => input.current?.click()}>
        Open file…
      </button>
      <span id="open-file-hint" className="muted">
        or drop one on the editor or the stage: YAML or JSON, up to {capText(OPENED_FILE_MAX_BYTES)}
      </span>
      <input
        ref={input}
        type="file"
        accept=".yaml,.yml,.json,.txt,application/json,application/yaml,text/yaml,text/plain"
        hidden
        tabIndex={-1}
        data-testid="open-file-input"
        onChange={(e) => {
          open(e.currentTarget.files);
          // The same file chosen again (after editing it on disk) must fire change again.
          e.currentTarget.value = '';
        }}
      />
    </div>
  );
}
