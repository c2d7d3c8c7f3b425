// Highlighting devices on the drawing, kept behind this one function so the stage's own highlight API can
// replace it in one place. A lesson names devices by key (`node:node-1`, `device:node-1/cni0`,
// `pod:default/client`, `underlay`, `external`); each key maps to the attributes the stage already draws
// (`data-node`, `data-device` inside it, `data-pod`, the underlay and external classes). Highlighted
// elements get `data-highlighted`, an attribute React never rewrites. A device the drawing does not show
// falls back to its node's frame.
export interface HighlightResult {
  /** The keys actually marked on the drawing (a fallback's key in place of a missing device). */
  readonly drawn: readonly string[];
  /** Keys with nothing to mark, not even a fallback. */
  readonly missing: readonly string[];
}

const quote = (v: string) => `"${v.replace(/["\\]/g, '\\$&')}"`;

/** The CSS selector of the drawn elements a key stands for (shared with the e2e tests). */
export function highlightSelector(key: string): string | null {
  if (key === 'underlay') return '.underlay';
  if (key === 'external') return '.external';
  const m = /^(node|device|pod):(.+)$/.exec(key);
  if (!m) return null;
  const [, kind, rest] = m;
  if (kind === 'node') return `[data-node=${quote(rest!)}]`;
  if (kind === 'pod') return `[data-pod=${quote(rest!)}]`;
  const slash = rest!.indexOf('/');
  return `[data-node=${quote(rest!.slice(0, slash))}] [data-device=${quote(rest!.slice(slash + 1))}]`;
}

/** The last result, for `window.__podpath.getLesson()`. */
export let lastHighlight: HighlightResult = { drawn: [], missing: [] };

export function highlightDevices(root: ParentNode, keys: readonly string[]): HighlightResult {
  for (const el of root.querySelectorAll('[data-highlighted]')) el.removeAttribute('data-highlighted');
  const drawn: string[] = [];
  const missing: string[] = [];
  const find = (key: string) => {
    const selector = highlightSelector(key);
    return selector ? [...root.querySelectorAll(selector)] : [];
  };
  for (const key of keys) {
    let target = key;
    let els = find(key);
    const onNode = /^device:([^/]+)\//.exec(key);
    if (els.length === 0 && onNode) {
      target = `node:${onNode[1]}`;
      els = find(target);
    }
    if (els.length === 0) {
      missing.push(key);
      continue;
    }
    for (const el of els) el.setAttribute('data-highlighted', '');
    if (!drawn.includes(target)) drawn.push(target);
  }
  lastHighlight = { drawn, missing };
  return lastHighlight;
}
