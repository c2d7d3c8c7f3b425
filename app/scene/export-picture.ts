// "Export picture": the stage as it is on screen, as a standalone SVG file and as a PNG at twice the
// size (for slides), with the caption under it. The page runs under a strict CSP with Trusted Types, so
// nothing here parses markup: the SVG is a DOM clone serialised with XMLSerializer, the styles the page's
// stylesheet gave it are copied onto the clone as SVG presentation attributes (an SVG file, and an SVG
// drawn as an image, sees no page stylesheet; presentation attributes are not inline style, so no
// style-src question arises), and the PNG comes from drawing that SVG, loaded from a blob: URL into an
// Image, onto a canvas. The policy's img-src already allows blob: (scripts/vite/content-security-policy.ts):
// an image runs no code, so that is the narrow permission this needs.
import { wrapWords, type PictureCaption } from './picture-caption';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The computed properties that decide how SVG shapes and text look; each is also a presentation attribute. */
const PAINT_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
] as const;

const CAPTION = { title: 20, hop: 17, pad: 14, gap: 6 } as const;

export interface Picture {
  readonly svg: string;
  /** The view's size in CSS pixels; the caption band adds to the height. */
  readonly width: number;
  readonly height: number;
}

/**
 * Copies the look of `from` onto `to`, element by element (the clone has the same tree). Hidden labels
 * (the level of detail's `display: none`) are dropped rather than copied, so the file holds what was seen.
 */
function inlineStyles(from: Element, to: Element): void {
  const style = getComputedStyle(from);
  if (style.display === 'none' || style.visibility === 'hidden') {
    to.remove();
    return;
  }
  to.removeAttribute('style');
  for (const p of PAINT_PROPERTIES) {
    const v = style.getPropertyValue(p);
    if (v) to.setAttribute(p, v);
  }
  const a = [...from.children];
  const b = [...to.children];
  a.forEach((child, i) => inlineStyles(child, b[i]!));
}

function textLine(x: number, y: number, size: number, weight: number, words: string): SVGTextElement {
  const t = document.createElementNS(SVG_NS, 'text');
  t.setAttribute('x', String(x));
  t.setAttribute('y', String(y));
  t.setAttribute('font-size', `${size}px`);
  t.setAttribute('font-weight', String(weight));
  t.setAttribute('font-family', 'system-ui, sans-serif');
  t.setAttribute('fill', '#1d2430');
  t.textContent = words;
  return t;
}

/** The caption band: the title line, then the hop's sentence wrapped to the picture's width. */
function captionBand(caption: PictureCaption, width: number, top: number): { g: SVGGElement; h: number } {
  const g = document.createElementNS(SVG_NS, 'g');
  g.setAttribute('class', 'picture-caption');
  const lines: { size: number; weight: number; text: string }[] = [
    ...wrapWords(caption.title, Math.floor((width - 2 * CAPTION.pad) / (CAPTION.title * 0.6))).map(
      (text) => ({ size: CAPTION.title, weight: 700, text }),
    ),
    ...wrapWords(caption.hop ?? '', Math.floor((width - 2 * CAPTION.pad) / (CAPTION.hop * 0.6))).map(
      (text) => ({ size: CAPTION.hop, weight: 400, text }),
    ),
  ];
  let y = top + CAPTION.pad;
  const band = document.createElementNS(SVG_NS, 'rect');
  g.append(band);
  for (const l of lines) {
    y += l.size;
    g.append(textLine(CAPTION.pad, y, l.size, l.weight, l.text));
    y += CAPTION.gap;
  }
  const h = y - top + CAPTION.pad - CAPTION.gap;
  band.setAttribute('x', '0');
  band.setAttribute('y', String(top));
  band.setAttribute('width', String(width));
  band.setAttribute('height', String(h));
  band.setAttribute('fill', '#ffffff');
  band.setAttribute('stroke', '#c9ced6');
  return { g, h };
}

/** The stage's SVG as it is on screen (same size, same zoom), standalone, with the caption under it. */
export function stagePicture(svg: SVGSVGElement, caption: PictureCaption): Picture {
  const { width, height } = svg.getBoundingClientRect();
  const w = Math.round(width);
  const h = Math.round(height);
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, clone);
  // The stage's own background, under everything, so the picture is not transparent on a dark slide.
  const scene = svg.parentElement ? getComputedStyle(svg.parentElement).backgroundColor : '#ffffff';
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', String(w));
  background.setAttribute('height', String(h));
  background.setAttribute('fill', scene);
  clone.prepend(background);
  const band = captionBand(caption, w, h);
  clone.append(band.g);
  const total = h + band.h;
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(w));
  clone.setAttribute('height', String(total));
  clone.setAttribute('viewBox', `0 0 ${w} ${total}`);
  clone.removeAttribute('class');
  clone.removeAttribute('role');
  return { svg: new XMLSerializer().serializeToString(clone), width: w, height: total };
}

/** The picture drawn at `scale` (2 for slides) as PNG: the SVG loaded as an image from a blob: URL. */
export async function pictureToPng(picture: Picture, scale: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([picture.svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(picture.width * scale);
    canvas.height = Math.round(picture.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser gave no 2D canvas to draw the picture on');
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the canvas made no PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves a blob under `name` through a download link (a blob: URL, released once the click is handled). */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
