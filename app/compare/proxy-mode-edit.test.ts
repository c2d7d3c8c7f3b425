// The YAML edit behind "Compare modes": the engine re-loads the user's text with only kube-proxy's
// `mode:` changed, so everything else (comments, layout, other documents) must survive byte for byte.
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createRequestHandler } from '../../engine/request-handler';
import { withProxyMode } from '../../engine/scenario/proxy-mode-edit';
import { DEFAULT_YAML } from '../testing/default-engine';

const loadedMode = (text: string) => {
  const reply = createRequestHandler().handle({ kind: 'load', text });
  if (reply.kind !== 'loaded' || !reply.summary) throw new Error(JSON.stringify(reply));
  return reply.summary.proxyMode;
};

describe('withProxyMode: the scenario with kube-proxy in another mode', () => {
  it('replaces the value of an existing mode field and nothing else', () => {
    const edited = withProxyMode(DEFAULT_YAML, 'nftables');
    expect(edited).toBe(DEFAULT_YAML.replace('mode: iptables', 'mode: nftables'));
    expect(loadedMode(edited)).toBe('nftables');
  });

  it('keeps comments and quoting around the value', () => {
    const text = [
      '# kube-proxy',
      'apiVersion: kubeproxy.config.k8s.io/v1alpha1',
      'kind: KubeProxyConfiguration',
      'mode: "iptables" # the default',
      '',
    ].join('\n');
    expect(withProxyMode(text, 'ipvs')).toBe(text.replace('"iptables"', 'ipvs'));
  });

  it('adds the field to a KubeProxyConfiguration that has none, at its indentation', () => {
    const doc =
      'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nclusterCIDR: 10.244.0.0/16\n';
    const text = DEFAULT_YAML.replace(/apiVersion: kubeproxy[^]*?clusterCIDR: 10.244.0.0\/16\n/, doc);
    const edited = withProxyMode(text, 'nftables');
    expect(edited).toContain('mode: nftables\napiVersion: kubeproxy.config.k8s.io/v1alpha1\n');
    expect(loadedMode(edited)).toBe('nftables');
    expect(loadedMode(text)).toBe('iptables');
  });

  it('re-prints a flow-style document, which YAML allows on one line', () => {
    const text =
      'kind: Node\nmetadata: {name: a}\n---\n{apiVersion: kubeproxy.config.k8s.io/v1alpha1, kind: KubeProxyConfiguration}\n';
    const edited = withProxyMode(text, 'ipvs');
    expect(edited.startsWith('kind: Node\nmetadata: {name: a}\n---\n')).toBe(true);
    const docs = parseAllDocuments(edited);
    expect(Array.isArray(docs) && docs[1]?.toJS()).toEqual({
      apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
      kind: 'KubeProxyConfiguration',
      mode: 'ipvs',
    });
  });

  it('appends a KubeProxyConfiguration document when the scenario has none', () => {
    const text = DEFAULT_YAML.replace(/---\napiVersion: kubeproxy[^]*?clusterCIDR: 10.244.0.0\/16\n/, '');
    expect(text).not.toContain('KubeProxyConfiguration');
    const edited = withProxyMode(text, 'nftables');
    expect(edited.startsWith(text)).toBe(true);
    expect(edited.slice(text.length)).toBe(
      '---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: nftables\n',
    );
    expect(loadedMode(edited)).toBe('nftables');
    expect(withProxyMode('kind: Node', 'ipvs')).toBe(
      'kind: Node\n---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\n',
    );
  });

  it('leaves a document of another API group alone', () => {
    const text = 'apiVersion: example.com/v1\nkind: KubeProxyConfiguration\nmode: iptables\n';
    expect(withProxyMode(text, 'nftables')).toBe(
      `${text}---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: nftables\n`,
    );
  });

  it('edits a KubeProxyConfiguration inside a kind: List (a kubectl dump), in place', () => {
    const text = [
      'apiVersion: v1',
      'kind: List',
      'items:',
      '- {apiVersion: v1, kind: Node, metadata: {name: node-1}}',
      '- apiVersion: kubeproxy.config.k8s.io/v1alpha1',
      '  kind: KubeProxyConfiguration',
      '  mode: iptables',
      '',
    ].join('\n');
    const edited = withProxyMode(text, 'nftables');
    expect(edited).toBe(text.replace('mode: iptables', 'mode: nftables'));
    expect(loadedMode(edited)).toBe('nftables');
  });

  it('refuses a version the loader does not read, instead of appending a second one', () => {
    const text = 'apiVersion: kubeproxy.config.k8s.io/v1alpha2\nkind: KubeProxyConfiguration\nmode: ipvs\n';
    expect(() => withProxyMode(text, 'nftables')).toThrow(/v1alpha2, which Podpath does not read/);
  });
});
