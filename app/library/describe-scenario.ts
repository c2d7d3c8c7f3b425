// A scenario's title and one-line description, read from the comment that opens its file
// (`# Title: what it shows. More detail…`), so adding a scenario to scenarios/ needs no code.
export interface ScenarioDescription {
  readonly title: string;
  readonly description: string;
}

const MAX_DESCRIPTION = 160;

function firstSentence(text: string): string {
  const m = /^(.*?[.!?])(\s|$)/.exec(text);
  return (m ? m[1]! : text).trim();
}

export function describeScenario(text: string, fallbackTitle: string): ScenarioDescription {
  // Line by line from the top, stopping at the first that is not a comment: an opened 38 MB dump is not
  // split whole on the main thread for its title.
  const lines: string[] = [];
  for (let at = 0; at < text.length && text.startsWith('#', at);) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? text.length : end);
    lines.push(line.replace(/^#\s?/, ''));
    if (end < 0) break;
    at = end + 1;
  }
  const comment = lines.join(' ').replace(/\s+/g, ' ').trim();
  if (!comment) return { title: fallbackTitle, description: 'No description in the file.' };
  const colon = comment.indexOf(': ');
  const head =
    colon > 0 && colon < 90 ? comment.slice(0, colon) : firstSentence(comment).replace(/[.!?]$/, '');
  const rest =
    colon > 0 && colon < 90 ? comment.slice(colon + 2) : comment.slice(firstSentence(comment).length);
  const title =
    head
      .replace(/\s*\([^)]*\)/g, '')
      .replace(/,.*$/, '')
      .trim() || fallbackTitle;
  const body = rest.trim();
  let description = firstSentence(body) || firstSentence(comment);
  // "Hairpin." says too little alone: take the next sentence too.
  if (description.length < 20)
    description = `${description} ${firstSentence(body.slice(description.length).trim())}`.trim();
  if (description.length > MAX_DESCRIPTION)
    description = `${description.slice(0, MAX_DESCRIPTION - 1).trimEnd()}…`;
  return { title, description };
}
