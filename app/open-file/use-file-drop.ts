// Drag and drop of a scenario file onto a drop target (the stage, the editor): while a file is dragged over
// it the target shows its hint, and a drop opens the file. Only drags that carry files count, so dragging
// text inside the editor behaves as before. Enter and leave fire for every child the pointer crosses, so
// the hint follows a depth count rather than the last event.
import { useCallback, useRef, useState, type DragEvent } from 'react';

export interface FileDrop {
  readonly over: boolean;
  readonly handlers: {
    onDragEnter(e: DragEvent): void;
    onDragOver(e: DragEvent): void;
    onDragLeave(e: DragEvent): void;
    onDrop(e: DragEvent): void;
  };
}

function carriesFiles(e: DragEvent): boolean {
  return Array.from(e.dataTransfer.types).includes('Files');
}

export function useFileDrop(onFiles: (files: FileList) => void): FileDrop {
  const [over, setOver] = useState(false);
  const depth = useRef(0);
  const onDragEnter = useCallback((e: DragEvent) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    depth.current++;
    setOver(true);
  }, []);
  const onDragOver = useCallback((e: DragEvent) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);
  const onDragLeave = useCallback((e: DragEvent) => {
    if (!carriesFiles(e)) return;
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setOver(false);
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setOver(false);
      onFiles(e.dataTransfer.files);
    },
    [onFiles],
  );
  return { over, handlers: { onDragEnter, onDragOver, onDragLeave, onDrop } };
}

/**
 * A file dropped outside every target would make the browser navigate to it, leaving the app and the
 * user's work: the window refuses such drops instead.
 */
export function refuseStrayFileDrops(target: Window): void {
  const refuse = (e: globalThis.DragEvent) => {
    if (e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files')) e.preventDefault();
  };
  target.addEventListener('dragover', refuse);
  target.addEventListener('drop', refuse);
}
