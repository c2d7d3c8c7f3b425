// The what-ifs panel at about 100 pods: one YAML parse per keystroke, whichever pod is chosen. Before the
// parse was kept per text, the panel parsed the whole file once per helper and per replica: 204 parses a
// render at 102 pods with a replica chosen.
import { describe, expect, it, vi } from 'vitest';
import * as yaml from 'yaml';
import { createRequestHandler } from '../../engine/request-handler';
import { DEFAULT_YAML } from '../testing/default-engine';
import { whatIfChoices } from './what-if-choices';

vi.mock('yaml', async (original) => {
  const real = await original<typeof import('yaml')>();
  return { ...real, parseAllDocuments: vi.fn(real.parseAllDocuments) };
});

const parses = () => vi.mocked(yaml.parseAllDocuments).mock.calls.length;

function summaryOf(text: string) {
  const reply = createRequestHandler().handle({ kind: 'load', text });
  if (reply.kind !== 'loaded' || !reply.summary) throw new Error(JSON.stringify(reply));
  return reply.summary;
}

describe('what-if choices', () => {
  const text = DEFAULT_YAML.replace('replicas: 3', 'replicas: 99');
  const { pods } = summaryOf(text);
  const replica = pods.find((p) => p.key.startsWith('default/web-'))!;
  const last = pods.filter((p) => p.key.startsWith('default/web-')).at(-1)!;

  it('cost one parse per new text at about 100 pods, and none for a render of the same text', () => {
    expect(pods.length).toBeGreaterThanOrEqual(100);
    for (const chosen of ['default/client', replica.key, last.key]) {
      // A keystroke: a new text (a comment typed at the end), then the renders it causes.
      const typed = `${text}# ${chosen}\n`;
      const before = parses();
      const first = whatIfChoices(typed, pods, chosen);
      expect(parses() - before).toBe(1);
      whatIfChoices(typed, pods, chosen);
      expect(parses() - before).toBe(1);
      expect(first.pod?.key).toBe(chosen);
    }
  });

  it('tell a bare pod from a replica, and which replicas can be split off', () => {
    const client = whatIfChoices(text, pods, 'default/client');
    expect(client.owner).toBeNull();
    expect(client.bare).toBe(true);
    expect(client.deployments).toEqual([{ key: 'default/web', replicas: 99 }]);
    const web = whatIfChoices(text, pods, replica.key);
    expect(web.owner).toBe('default/web');
    expect(web.siblings).toHaveLength(99);
    expect(web.canSplit).toBe(web.siblings[0]!.key === replica.key);
    expect(whatIfChoices(text, pods, last.key).canSplit).toBe(true);
    const middle = web.siblings[50]!;
    expect(whatIfChoices(text, pods, middle.key).canSplit).toBe(false);
  });

  it('offer no pod edits for a pod the file does not write as a Pod (a StatefulSet’s, CoreDNS’s)', () => {
    const sts =
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: [{name: c}]}\n';
    const stsPods = summaryOf(sts).pods;
    for (const key of ['default/db-0', stsPods.find((p) => p.key.startsWith('kube-system/coredns-'))!.key])
      expect(whatIfChoices(sts, stsPods, key)).toMatchObject({ owner: null, bare: false });
  });
});
