// YAML held in a string value, where real clusters keep their components' configuration: kube-proxy's
// `config.conf` in the ConfigMap kube-system/kube-proxy, kubeadm's `ClusterConfiguration` in
// kube-system/kubeadm-config. The string is parsed with the file's own rules and caps, and every position
// inside it is mapped back to the file, so an error in the embedded YAML points at its line there. That is
// exact for a literal block (`config.conf: |`, as kubeadm writes it and `kubectl get -o yaml` prints it):
// its content line k is line k below the `|`, shifted right by the block's indentation. A quoted or folded
// string does not keep its lines, so positions inside it point at the string itself.
import { Composer, isMap, isScalar, LineCounter, Parser, type Node, type Scalar } from 'yaml';
import type { Place } from './diagnostics';
import { ObjectFields, placeOf, type ReadContext } from './object-fields';
import { checkTree, MAX_FLOW_DEPTH, reportYamlProblems, tooDeepToParse } from './source-objects';
import { COMPOSE_OPTIONS } from './yaml-schema';

/** Where a literal block's content starts in the file: the line of its `|` and its indentation. */
function literalBlockOrigin(
  ctx: ReadContext,
  value: Scalar,
  at: { line: number; column: number },
): { line: number; indent: number } | null {
  const text = ctx.text;
  if (text === undefined || at.line <= 0) return null;
  // The value's own offset: from its range when the full parser read it, else from its line and column
  // (the fast path's trees carry no ranges; their places are found in the text).
  let start = value.range?.[0];
  if (start === undefined) {
    let lineStart = 0;
    for (let l = 1; l < at.line && lineStart >= 0; l++) lineStart = text.indexOf('\n', lineStart) + 1 || -1;
    if (lineStart < 0) return null;
    start = lineStart + at.column - 1;
  }
  if (text[start] !== '|') return null; // folded or quoted: lines are not kept
  let i = text.indexOf('\n', start);
  if (i < 0) return null;
  // The first content line that is not blank fixes the indentation (YAML's auto-detection).
  for (i += 1; i < text.length;) {
    let end = text.indexOf('\n', i);
    if (end < 0) end = text.length;
    const line = text.slice(i, end);
    if (line.trim() !== '') return { line: at.line, indent: line.length - line.trimStart().length };
    i = end + 1;
  }
  return null;
}

/**
 * Where character `offset` of the string at `holder[key]` is written in the file: its own line and column
 * in a literal block, else the string as a whole (for text that is not YAML, such as flannel's JSON).
 */
export function placeInString(holder: ObjectFields, key: string, offset: number): Place {
  const value = holder.raw(key);
  const whole = holder.place(key);
  if (value === null || !isScalar(value) || typeof value.value !== 'string') return whole;
  const origin = literalBlockOrigin(holder.ctx, value, whole);
  if (origin === null) return whole;
  const before = value.value.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return {
    document: whole.document,
    field: whole.field,
    line: origin.line + before.split('\n').length,
    column: origin.indent + offset - lineStart + 1,
  };
}

/**
 * The mapping that the string at `holder[key]` holds, read with positions in the file; null (reported)
 * when the value is not a string or not one YAML mapping, or absent (not reported).
 */
export function readEmbeddedObject(holder: ObjectFields, key: string): ObjectFields | null {
  const value = holder.raw(key);
  if (value === null) return null;
  if (!isScalar(value) || typeof value.value !== 'string') {
    holder.error(key, 'expected a string holding a YAML document');
    return null;
  }
  const inner = value.value;
  const path = `${holder.path}[${JSON.stringify(key)}]`;
  const innerLines = new LineCounter();
  const stringPlace = placeOf(holder.ctx, value, path);
  const origin = literalBlockOrigin(holder.ctx, value, stringPlace);
  const ctx: ReadContext = {
    diags: holder.ctx.diags,
    document: holder.ctx.document,
    lines: {
      linePos(offset: number) {
        if (origin === null) return { line: stringPlace.line, col: stringPlace.column };
        const p = innerLines.linePos(offset);
        return { line: origin.line + p.line, col: origin.indent + p.col };
      },
    },
  };
  if (tooDeepToParse(inner)) {
    holder.error(key, `nesting deeper than ${MAX_FLOW_DEPTH} levels; not parsed`);
    return null;
  }
  const docs = [
    ...new Composer(COMPOSE_OPTIONS).compose(
      new Parser(innerLines.addNewLine).parse(inner),
      true,
      inner.length,
    ),
  ];
  const doc = docs.find((d) => d.contents !== null);
  if (doc === undefined) {
    holder.error(key, 'expected a YAML document, got an empty string');
    return null;
  }
  if (!reportYamlProblems(ctx, doc)) return null;
  const root = doc.contents as Node;
  if (!checkTree(ctx, root)) return null;
  if (!isMap(root)) {
    ctx.diags.error(placeOf(ctx, root, path), 'expected a mapping with apiVersion and kind');
    return null;
  }
  if (docs.filter((d) => d.contents !== null).length > 1)
    holder.warning(key, 'only the first YAML document in this string is read');
  return new ObjectFields(ctx, root, path);
}
