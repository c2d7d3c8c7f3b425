// The toolbar's "Export picture" menu: the current view as a PNG at 2× (for slides) or as an SVG, each
// with the hop's caption. A failure (a browser without canvas) becomes the page's notice, never a crash.
import { useRef, type RefObject } from 'react';
import { useSession } from '../app-context';
import { patchView } from '../store/store';
import { downloadBlob, pictureToPng, stagePicture } from './export-picture';
import { pictureCaption } from './picture-caption';

/** Slides want more pixels than the screen has: twice the view's size. */
export const PNG_SCALE = 2;

export function ExportPicture({
  svgRef,
  scenarioTitle,
}: {
  svgRef: RefObject<SVGSVGElement | null>;
  /** The open scenario's title, for the caption. */
  scenarioTitle: string;
}) {
  const session = useSession();
  const menu = useRef<HTMLDetailsElement>(null);
  const save = async (format: 'png' | 'svg') => {
    const svg = svgRef.current;
    if (!svg) return;
    menu.current?.removeAttribute('open');
    const caption = pictureCaption(session.store.getState(), scenarioTitle);
    try {
      const picture = stagePicture(svg, caption);
      const blob =
        format === 'svg'
          ? new Blob([picture.svg], { type: 'image/svg+xml' })
          : await pictureToPng(picture, PNG_SCALE);
      downloadBlob(blob, `${caption.fileName}.${format}`);
    } catch (e) {
      patchView(session.store, {
        notice: `The picture could not be made: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  };
  return (
    <details className="export-picture" ref={menu}>
      <summary title="Download the current view with the hop's caption">Export picture</summary>
      <div className="export-menu">
        <button type="button" onClick={() => void save('png')}>
          PNG (2×, for slides)
        </button>
        <button type="button" onClick={() => void save('svg')}>
          SVG
        </button>
      </div>
    </details>
  );
}
