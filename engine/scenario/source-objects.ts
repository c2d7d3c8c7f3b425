// Turns the scenario text into the Kubernetes objects it holds: size and count caps first, then YAML
// parsing document by document (streamed, so a file of a million `---` stops at the cap), then a check of
// each document's tree for aliases and runaway nesting, then `kind: List` items unwrapped.
import {
  Composer,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  Parser,
  type Document,
  type Node,
} from 'yaml';
import { WHOLE_FILE, type Diagnostics } from './diagnostics';
import { JsonLocator, looksLikeJson } from './json-source';
import { MAX_DEPTH, MAX_DOCUMENTS, MAX_OBJECTS, MAX_TEXT_BYTES } from './limits';
import { ObjectFields, placeOf, type ReadContext } from './object-fields';
import { nestsTooDeep, valueToNode } from './value-nodes';
import { readBlockYaml, type FastDocument } from './yaml-fast-path';
import { YamlLocator } from './yaml-locator';
import { COMPOSE_OPTIONS } from './yaml-schema';

/** One Kubernetes object of the file: a whole `---` section of the YAML, or an item of a `kind: List`. */
export interface SourceObject {
  readonly fields: ObjectFields;
  readonly apiVersion: string;
  readonly kind: string;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Far above any real manifest, far below what makes the YAML library itself run out of stack or memory. */
export const MAX_FLOW_DEPTH = 200;

/**
 * A cheap pass before parsing: the YAML library recurses once per open `[` or `{` (and per `- ` on one
 * line), so a file of two million brackets would exhaust its stack or the heap before any tree exists to
 * check. Brackets inside quoted strings or comments are counted too; only a pathological file reaches
 * the limit that way.
 */
export function tooDeepToParse(text: string): boolean {
  let depth = 0;
  let dashes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_FLOW_DEPTH) return true;
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
    } else if (c === 0x2d && text.charCodeAt(i + 1) === 0x20) {
      if (++dashes > MAX_FLOW_DEPTH) return true; // `- - - - …`: nested sequences on one line
    } else if (c === 0x0a) dashes = 0;
    else if (c !== 0x20) dashes = dashes > 0 && c === 0x2d ? dashes : 0;
  }
  return false;
}

/**
 * Walks the tree without recursion: rejects aliases (an anchor expanded a billion times is the classic
 * "billion laughs" file; kubectl does expand them, but a scenario has no need) and nesting past MAX_DEPTH.
 */
export function checkTree(ctx: ReadContext, root: Node): boolean {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (isAlias(node)) {
      ctx.diags.error(
        placeOf(ctx, node, ''),
        `YAML aliases are not supported (*${node.source}): write the value out`,
      );
      return false;
    }
    if (isMap(node) || isSeq(node)) {
      if (depth >= MAX_DEPTH) {
        ctx.diags.error(placeOf(ctx, node, ''), `nesting deeper than ${MAX_DEPTH} levels`);
        return false;
      }
      // Unique keys are checked here with a set: the YAML library's own uniqueKeys check is quadratic.
      const keys = isMap(node) ? new Set<unknown>() : null;
      for (const item of node.items) {
        if (isPair(item)) {
          if (keys !== null && isScalar(item.key)) {
            if (keys.has(item.key.value)) {
              ctx.diags.error(placeOf(ctx, item.key, ''), 'invalid YAML: Map keys must be unique');
              return false;
            }
            keys.add(item.key.value);
          }
          stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
        } else stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
  return true;
}

export function reportYamlProblems(ctx: ReadContext, doc: Document.Parsed): boolean {
  for (const e of doc.errors.slice(0, 20)) {
    const { line, col } = ctx.lines.linePos(e.pos[0]);
    ctx.diags.error(
      { document: ctx.document, line, column: col, field: '' },
      `invalid YAML: ${e.message.split('\n')[0]}`,
    );
  }
  for (const w of doc.warnings.slice(0, 20)) {
    const { line, col } = ctx.lines.linePos(w.pos[0]);
    ctx.diags.warning(
      { document: ctx.document, line, column: col, field: '' },
      `YAML: ${w.message.split('\n')[0]}`,
    );
  }
  return doc.errors.length === 0;
}

function typeOf(fields: ObjectFields): { apiVersion: string; kind: string } | null {
  const apiVersion = fields.string('apiVersion');
  const kind = fields.string('kind');
  if (apiVersion === null || kind === null) {
    // kubectl: "error validating data: [apiVersion not set, kind not set]"
    const missing = [
      apiVersion === null ? 'apiVersion not set' : '',
      kind === null ? 'kind not set' : '',
    ].filter(Boolean);
    if (!fields.has('apiVersion') || !fields.has('kind'))
      fields.error(undefined, `object has no type: ${missing.join(', ')}`);
    return null;
  }
  return { apiVersion, kind };
}

/**
 * Adds the objects of one document's root (itself, or the items of a `kind: List`); false once there are
 * more than MAX_OBJECTS, when reading stops.
 */
function collectObjects(ctx: ReadContext, root: Node, objects: SourceObject[]): boolean {
  if (!isMap(root)) {
    ctx.diags.error(
      placeOf(ctx, root, ''),
      'expected a Kubernetes object (a mapping with apiVersion and kind)',
    );
    return true;
  }
  const fields = new ObjectFields(ctx, root, '');
  const type = typeOf(fields);
  if (type === null) return true;
  if (type.apiVersion === 'v1' && type.kind === 'List') {
    for (const item of fields.mapList('items')) {
      const itemType = typeOf(item);
      if (itemType !== null) objects.push({ fields: item, ...itemType });
    }
  } else objects.push({ fields, ...type });
  if (objects.length > MAX_OBJECTS) {
    ctx.diags.error(placeOf(ctx, root, ''), `more than ${MAX_OBJECTS} objects in the file`);
    return false;
  }
  return true;
}

/** The objects of one JSON document, through the fast path (json-source.ts). */
function readJsonObjects(text: string, value: unknown, diags: Diagnostics): SourceObject[] {
  const locator = new JsonLocator(text);
  const ctx: ReadContext = { diags, lines: new LineCounter(), document: 0, locate: (n) => locator.locate(n) };
  if (nestsTooDeep(value)) {
    diags.error({ document: 0, line: 0, column: 0, field: '' }, `nesting deeper than ${MAX_DEPTH} levels`);
    return [];
  }
  const objects: SourceObject[] = [];
  collectObjects(ctx, valueToNode(value), objects);
  return objects;
}

/** The objects of block YAML the fast path read (yaml-fast-path.ts), placed on demand (yaml-locator.ts). */
function readFastYamlObjects(
  text: string,
  documents: readonly FastDocument[],
  diags: Diagnostics,
): SourceObject[] {
  const locator = new YamlLocator(text, documents);
  const lines = new LineCounter();
  const objects: SourceObject[] = [];
  for (let index = 0; index < documents.length; index++) {
    const ctx: ReadContext = {
      diags,
      lines,
      document: index,
      locate: (n) => locator.locate(index, n),
      text,
    };
    const value = documents[index]!.value;
    const root = valueToNode(value);
    if (index >= MAX_DOCUMENTS) {
      diags.error(
        placeOf(ctx, root, ''),
        `more than ${MAX_DOCUMENTS} documents; put many objects in a \`kind: List\``,
      );
      break;
    }
    if (value === null) continue; // an empty document, as kubectl skips
    if (!collectObjects(ctx, root, objects)) break;
  }
  return objects;
}

export interface ReadOptions {
  /** The cap on the text's UTF-8 size. */
  readonly maxBytes?: number;
  /** False reads YAML with the full parser only (tests compare both readers). */
  readonly fastYaml?: boolean;
}

export function readSourceObjects(
  text: string,
  diags: Diagnostics,
  options: ReadOptions = {},
): SourceObject[] {
  const maxBytes = options.maxBytes ?? MAX_TEXT_BYTES;
  // UTF-8 needs at most 3 bytes per UTF-16 unit: a text that short cannot pass the cap, so is not scanned.
  if (text.length > maxBytes || (text.length * 3 > maxBytes && utf8Length(text) > maxBytes)) {
    diags.error(WHOLE_FILE, `scenario file is larger than ${maxBytes / 1024 / 1024} MiB`);
    return [];
  }
  if (looksLikeJson(text)) {
    let value: unknown;
    try {
      value = JSON.parse(text); // iterative in V8: no nesting exhausts its stack
    } catch {
      value = undefined; // not valid JSON: the YAML reader below reports where (JSON is YAML too)
    }
    if (value !== undefined) return readJsonObjects(text, value, diags);
  }
  // The fast path bounds its own nesting (MAX_DEPTH, and no flow collections but `{}` and `[]`), so the
  // scan for runaway brackets is needed only before the full parser.
  if (options.fastYaml !== false) {
    const documents = readBlockYaml(text);
    if (documents !== null) return readFastYamlObjects(text, documents, diags);
  }
  if (tooDeepToParse(text)) {
    diags.error(WHOLE_FILE, `nesting deeper than ${MAX_FLOW_DEPTH} levels; not parsed`);
    return [];
  }
  const lines = new LineCounter();
  const composer = new Composer(COMPOSE_OPTIONS);
  const objects: SourceObject[] = [];
  let document = 0;
  try {
    for (const doc of composer.compose(new Parser(lines.addNewLine).parse(text), true, text.length)) {
      const index = document++;
      const ctx: ReadContext = { diags, lines, document: index, text };
      if (index >= MAX_DOCUMENTS) {
        diags.error(
          placeOf(ctx, doc.contents, ''),
          `more than ${MAX_DOCUMENTS} documents; put many objects in a \`kind: List\``,
        );
        break;
      }
      if (!reportYamlProblems(ctx, doc)) continue;
      const root = doc.contents;
      if (root === null || (isScalar(root) && root.value === null)) continue; // an empty document, as kubectl skips
      if (!checkTree(ctx, root)) continue;
      if (!collectObjects(ctx, root, objects)) break;
    }
  } catch (e) {
    // The parser is iterative, but be certain no input turns into a stack trace.
    diags.error(WHOLE_FILE, `could not read the YAML: ${e instanceof Error ? e.message : String(e)}`);
    return [];
  }
  return objects;
}
