// The words under an exported picture, so a slide says what it shows without the app around it: the
// scenario's title (the page reads it from the file's opening comment, as the library does, and passes it
// in: the library sits above the scene), the flow and the cluster's mode, then the hop counter and the
// hop's own sentence. Plain data from the store; export-picture.ts draws it.
import { selectCurrentHop, selectHopCount } from '../store/selectors';
import type { PodpathState } from '../store/state';

export interface PictureCaption {
  /** `Podpath's default scenario · pod default/client → service default/web:http`. */
  readonly title: string;
  /** `Hop 11 of 60 (request), iptables / vxlan: routing at eth0 in node-1 — <why>`; null before any trace. */
  readonly hop: string | null;
  /** A file name without extension: `podpath-hop-11-of-60`. */
  readonly fileName: string;
}

export function pictureCaption(s: PodpathState, scenario: string): PictureCaption {
  const flow = `${s.trace.flow.from} → ${s.trace.flow.to}`;
  const hop = selectCurrentHop(s);
  const count = selectHopCount(s);
  const summary = s.scenario.summary ?? s.scenario.lastValid;
  const mode = summary ? `, ${summary.proxyMode} / ${summary.backend}` : '';
  if (!hop) return { title: `${scenario} · ${flow}`, hop: null, fileName: 'podpath-cluster' };
  const where = hop.node ? `${hop.node}, ${hop.netns}` : hop.netns;
  return {
    title: `${scenario} · ${flow}`,
    hop: `Hop ${s.view.hop + 1} of ${count} (${hop.direction}${mode}): ${hop.kind} at ${hop.device} in ${where}. ${hop.why}`,
    fileName: `podpath-hop-${s.view.hop + 1}-of-${count}`,
  };
}

/**
 * Words wrapped into lines of at most `width` characters (a word longer than that gets a line of its own).
 * SVG text does not wrap, and measuring needs layout, so the caption wraps by a character budget that
 * the export derives from the picture's width and a monospace-safe average glyph width.
 */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
