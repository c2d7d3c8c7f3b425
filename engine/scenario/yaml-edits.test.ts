// The one YAML-edit module: what-ifs and kube-proxy's mode, each re-printing only what it changes, so the
// rest of the user's text (comments, layout, other documents) survives byte for byte.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { createRequestHandler } from '../request-handler';
import {
  deletePod,
  deploymentKeys,
  deploymentReplicas,
  isBarePod,
  replicaNotReady,
  scaleDeployment,
  scenarioDocuments,
  setPodReady,
  withProxyMode,
} from './yaml-edits';

const DEFAULT_YAML = readFileSync(new URL('../../scenarios/default.yaml', import.meta.url), 'utf8');

function load(text: string) {
  const reply = createRequestHandler().handle({ kind: 'load', text });
  if (reply.kind !== 'loaded' || !reply.summary) throw new Error(JSON.stringify(reply));
  return reply.summary;
}

describe('the parse behind every edit', () => {
  it('is made once per text and never changed by an edit', () => {
    const docs = scenarioDocuments(DEFAULT_YAML);
    expect(scenarioDocuments(DEFAULT_YAML)).toBe(docs);
    const scaled = scaleDeployment(DEFAULT_YAML, 'default/web', 7)!;
    setPodReady(DEFAULT_YAML, 'default/client', false);
    expect(deploymentReplicas(DEFAULT_YAML, 'default/web')).toBe(3);
    expect(deploymentReplicas(scaled, 'default/web')).toBe(7);
    expect(scenarioDocuments(DEFAULT_YAML)).not.toBe(docs);
    expect(scenarioDocuments(DEFAULT_YAML).map(String)).toEqual(docs.map(String));
  });

  it('is not changed when a flow mapping gets its mode', () => {
    const flow = '{apiVersion: kubeproxy.config.k8s.io/v1alpha1, kind: KubeProxyConfiguration}\n';
    const printed = String(scenarioDocuments(flow)[0]);
    const modeOf = (text: string) => parseAllDocuments(text)[0]!.get('mode');
    expect(modeOf(withProxyMode(flow, 'ipvs'))).toBe('ipvs');
    expect(String(scenarioDocuments(flow)[0])).toBe(printed);
    expect(modeOf(withProxyMode(flow, 'nftables'))).toBe('nftables');
  });
});

describe('what-if edits of the scenario YAML', () => {
  it('scales the Deployment and leaves every other line alone', () => {
    const text = scaleDeployment(DEFAULT_YAML, 'default/web', 5)!;
    expect(load(text).pods.filter((p) => p.key.startsWith('default/web-'))).toHaveLength(5);
    expect(deploymentReplicas(text, 'default/web')).toBe(5);
    const changed = text.split('\n').filter((l, i) => l !== DEFAULT_YAML.split('\n')[i]);
    expect(changed).toEqual(['  replicas: 5']);
    expect(deploymentKeys(text)).toEqual(['default/web']);
  });

  it('marks a bare pod not ready through its Ready condition', () => {
    expect(isBarePod(DEFAULT_YAML, 'default/client')).toBe(true);
    expect(isBarePod(DEFAULT_YAML, 'default/web-abc')).toBe(false);
    const text = setPodReady(DEFAULT_YAML, 'default/client', false)!;
    expect(load(text).pods.find((p) => p.key === 'default/client')?.ready).toBe(false);
    expect(
      load(setPodReady(text, 'default/client', true)!).pods.find((p) => p.key === 'default/client')?.ready,
    ).toBe(true);
  });

  it('deletes a bare pod document', () => {
    const text = deletePod(DEFAULT_YAML, 'default/client')!;
    const summary = load(text);
    expect(summary.pods.some((p) => p.key === 'default/client')).toBe(false);
    expect(summary.pods).toHaveLength(load(DEFAULT_YAML).pods.length - 1);
  });

  it('returns null for objects that are not in the file', () => {
    expect(scaleDeployment(DEFAULT_YAML, 'default/nope', 2)).toBeNull();
    expect(deletePod(DEFAULT_YAML, 'default/web-xyz')).toBeNull();
  });

  it('marks the first or last replica of a Deployment not ready as a Pod of its own; nothing else moves', () => {
    const base = load(DEFAULT_YAML);
    const web = base.pods.filter((p) => p.key.startsWith('default/web-'));
    expect(web).toHaveLength(3);
    const where = (pods: typeof base.pods) =>
      pods.map((p) => `${p.key} ${p.node} ${p.ip} ${p.hostVeth?.name}`).sort();
    for (const index of [0, 2]) {
      const pod = web[index]!;
      const text = replicaNotReady(DEFAULT_YAML, 'default/web', pod.key, index, pod.node)!;
      expect(deploymentReplicas(text, 'default/web')).toBe(2);
      expect(isBarePod(text, pod.key)).toBe(true);
      const after = load(text);
      // Same pods, nodes, addresses and veths; only this one is not ready.
      expect(where(after.pods)).toEqual(where(base.pods));
      expect(after.pods.filter((p) => !p.ready).map((p) => p.key)).toEqual([pod.key]);
      // And the bare pod can be made ready again like any other.
      expect(load(setPodReady(text, pod.key, true)!).pods.every((p) => p.ready)).toBe(true);
    }
    // A replica in the middle would give its siblings other addresses: refused.
    expect(replicaNotReady(DEFAULT_YAML, 'default/web', web[1]!.key, 1, web[1]!.node)).toBeNull();
  });
});

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
