// A region files can be dropped on, with the hint shown over it while a file is dragged there.
import { useCallback, type ReactNode } from 'react';
import { useSession } from '../app-context';
import { useOptionalLessons } from '../lessons/lesson-context';
import { openScenarioFile, singleFile } from './open-file';
import { useFileDrop } from './use-file-drop';

export function useOpenFile(): (files: FileList | null) => void {
  const session = useSession();
  const lessons = useOptionalLessons();
  return useCallback(
    (files: FileList | null) => {
      const file = singleFile(session.store, files);
      if (!file) return;
      // The user's own file replaces whatever the lesson had loaded: the lesson ends.
      void openScenarioFile(session.store, file).then((opened) => {
        if (opened) lessons?.exit();
      });
    },
    [session, lessons],
  );
}

export function FileDropTarget({
  className,
  children,
  where,
}: {
  className: string;
  children: ReactNode;
  /** What the hint calls this place: "on the stage", "on the editor". */
  where: string;
}) {
  const open = useOpenFile();
  const drop = useFileDrop(open);
  return (
    <div className={drop.over ? `${className} file-over` : className} {...drop.handlers}>
      {children}
      {drop.over && (
        <div className="drop-hint" data-testid="drop-hint" aria-hidden="true">
          <p>
            <strong>Drop to open this file</strong>
            <span>
              Kubernetes YAML or JSON ({where}); it replaces the scenario, the file itself is not changed.
            </span>
          </p>
        </div>
      )}
    </div>
  );
}
