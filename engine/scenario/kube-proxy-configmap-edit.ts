// Compare modes' edit of kube-proxy's mode when the file keeps its KubeProxyConfiguration where kubeadm
// does: the `config.conf` literal block of the ConfigMap kube-system/kube-proxy. The block's content line k
// is line k below its `|`, shifted right by the block's indentation, so `mode:` is rewritten in place and
// every other byte is kept.
import { isMap, isScalar, isSeq, parseAllDocuments, parseDocument, Scalar, type YAMLMap } from 'yaml';
import type { ProxyMode } from '../model/scenario';

const field = (map: YAMLMap, key: string): unknown => {
  const value = map.get(key, true);
  return isScalar(value) ? value.value : undefined;
};

/** The ConfigMap's `config.conf` value node, or null when the file has no such ConfigMap. */
function configMapBlock(text: string): Scalar | null {
  for (const doc of parseAllDocuments(text)) {
    const contents = 'contents' in doc ? doc.contents : null;
    if (!isMap(contents)) continue;
    const items = contents.get('items');
    const maps = field(contents, 'kind') === 'List' && isSeq(items) ? items.items : [contents];
    for (const m of maps) {
      if (!isMap(m) || field(m, 'kind') !== 'ConfigMap') continue;
      const meta = m.get('metadata');
      if (!isMap(meta) || field(meta, 'namespace') !== 'kube-system' || field(meta, 'name') !== 'kube-proxy')
        continue;
      const data = m.get('data');
      const conf = isMap(data) ? data.get('config.conf', true) : undefined;
      if (isScalar(conf)) return conf;
    }
  }
  return null;
}

/** The text with `mode:` set inside the ConfigMap's block; null without the ConfigMap; an error when quoted. */
export function withConfigMapProxyMode(
  text: string,
  mode: ProxyMode,
): { text: string } | { error: string } | null {
  const block = configMapBlock(text);
  if (block === null) return null;
  const start = block.range?.[0];
  if (block.type !== Scalar.BLOCK_LITERAL || start === undefined || typeof block.value !== 'string')
    return {
      error:
        "kube-proxy's config.conf (ConfigMap kube-system/kube-proxy) is a quoted string; write it as a literal block (config.conf: |) to compare modes.",
    };
  const inner = block.value;
  const firstLine = text.indexOf('\n', start) + 1;
  const outerLines = text.slice(firstLine).split('\n');
  const indent = (outerLines.find((l) => l.trim() !== '') ?? '').search(/\S/);
  const lineStart = (k: number) => firstLine + outerLines.slice(0, k).reduce((n, l) => n + l.length + 1, 0);
  const root = parseDocument(inner).contents;
  const value = isMap(root) ? root.get('mode', true) : undefined;
  if (isScalar(value) && value.range) {
    const [a, b] = value.range;
    const innerLine = inner.slice(0, a).split('\n').length - 1;
    const column = a - (inner.lastIndexOf('\n', a - 1) + 1);
    const at = lineStart(innerLine) + indent + column;
    return { text: text.slice(0, at) + mode + text.slice(at + (b - a)) };
  }
  const at = lineStart(0) + indent;
  return { text: `${text.slice(0, at)}mode: ${mode}\n${' '.repeat(indent)}${text.slice(at)}` };
}
