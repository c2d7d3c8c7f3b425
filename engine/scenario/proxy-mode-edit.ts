// The scenario text with kube-proxy's `mode:` changed and every other byte kept, for "Compare modes". The
// KubeProxyConfiguration may be a document of its own or an item of a `kind: List` (kubectl's dumps); a
// version the loader does not read (only kubeproxy.config.k8s.io/v1alpha1 is) cannot be edited usefully:
// the loader would ignore it and every mode would really be iptables, so that is an error, not a guess.
import { isMap, isScalar, isSeq, parseAllDocuments, type YAMLMap } from 'yaml';
import type { ProxyMode } from '../model/scenario';

export const KUBE_PROXY_API = 'kubeproxy.config.k8s.io/v1alpha1';

/** Why the scenario's kube-proxy mode cannot be changed; the message is for the user. */
export class ProxyModeEditError extends Error {}

const field = (map: YAMLMap, key: string): unknown => {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  return isScalar(pair?.value) ? pair.value.value : undefined;
};

/** Every mapping that could be a KubeProxyConfiguration: top-level documents and the items of Lists. */
function candidates(text: string): { map: YAMLMap; where: string }[] {
  const out: { map: YAMLMap; where: string }[] = [];
  parseAllDocuments(text).forEach((doc, i) => {
    const contents = 'contents' in doc ? doc.contents : null;
    if (!isMap(contents)) return;
    out.push({ map: contents, where: `document ${i + 1}` });
    const items = contents.items.find((p) => isScalar(p.key) && p.key.value === 'items')?.value;
    if (field(contents, 'kind') === 'List' && isSeq(items))
      items.items.forEach((item, j) => {
        if (isMap(item)) out.push({ map: item, where: `item ${j + 1} of the List in document ${i + 1}` });
      });
  });
  return out.filter((c) => field(c.map, 'kind') === 'KubeProxyConfiguration');
}

function editMap(text: string, map: YAMLMap, mode: ProxyMode): string {
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === 'mode');
  const value = pair?.value;
  if (isScalar(value) && value.range)
    return text.slice(0, value.range[0]) + mode + text.slice(value.range[1]);
  const first = map.items[0]?.key;
  if (!map.flow && isScalar(first) && first.range && !pair) {
    // A block mapping: a new line before its first key, at that key's indentation.
    const at = first.range[0];
    const indent = at - (text.lastIndexOf('\n', at - 1) + 1);
    return `${text.slice(0, at)}mode: ${mode}\n${' '.repeat(indent)}${text.slice(at)}`;
  }
  // A flow mapping (`{kind: …}`) or a `mode:` without a plain value: re-print this one mapping.
  map.set('mode', mode);
  const [start, end] = map.range ?? [0, 0];
  return text.slice(0, start) + String(map) + text.slice(end);
}

/**
 * The text with `mode:` set: the value replaced, the field added, or (no KubeProxyConfiguration at all) a
 * document appended. Throws ProxyModeEditError when the configuration is one the loader does not read.
 */
export function withProxyMode(text: string, mode: ProxyMode): string {
  const found = candidates(text);
  const read = found.find((c) => field(c.map, 'apiVersion') === KUBE_PROXY_API);
  if (read) return editMap(text, read.map, mode);
  const ignored = found.find((c) =>
    String(field(c.map, 'apiVersion') ?? '').startsWith('kubeproxy.config.k8s.io/'),
  );
  if (ignored)
    throw new ProxyModeEditError(
      `The KubeProxyConfiguration (${ignored.where}) is ${String(field(ignored.map, 'apiVersion'))}, which Podpath does not read (it reads ${KUBE_PROXY_API}), so every mode would really run as iptables. Change its apiVersion to compare modes.`,
    );
  const sep = text === '' || text.endsWith('\n') ? '' : '\n';
  return `${text}${sep}---\napiVersion: ${KUBE_PROXY_API}\nkind: KubeProxyConfiguration\nmode: ${mode}\n`;
}
