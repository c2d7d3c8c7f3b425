// Acceptance: kube-proxy's TestOverallIPTablesRules, reproduced byte for byte from a scenario FILE (real
// Kubernetes YAML) through the whole pipeline — scenario reader, EndpointSlices, proxier — after the
// upstream test's own normaliser (sortIPTablesRules).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { restorePayload, syncIptablesRules } from '../kube-proxy/iptables/sync-proxy-rules';
import { sortIPTablesRules } from '../kube-proxy/iptables/sort-iptables-rules';
import { loadCluster } from './cluster';

const dir = new URL('../kube-proxy/iptables/testdata/', import.meta.url);
const yaml = readFileSync(new URL('overall-iptables-rules.yaml', dir), 'utf8');
const expected = readFileSync(new URL('overall-iptables-rules.expected.txt', dir), 'utf8');

/**
 * The fake proxier's harness: mark injected as "0x4000", nfacct counters present, no --random-fully, and
 * only the test's own Services. Every real cluster has kube-apiserver's `default/kubernetes` Service (the
 * scenario has it too); the upstream fake proxier is never given it, so it is left out here.
 */
function harnessInput(cluster: NonNullable<ReturnType<typeof loadCluster>['cluster']>) {
  const input = cluster.proxierInput('test-node');
  const isApiServer = (ns: string, name: string) => ns === 'default' && name === 'kubernetes';
  return {
    ...input,
    services: input.services.filter((s) => !isApiServer(s.namespace, s.name)),
    endpointSlices: input.endpointSlices.filter((s) => !isApiServer(s.namespace, s.serviceName)),
    masqueradeMarkText: '0x4000',
    capabilities: { nfacct: true, randomFully: false, tcpBeLiberal: false },
  };
}

describe('TestOverallIPTablesRules from a scenario file', () => {
  it('loads without errors', () => {
    const { cluster, diagnostics } = loadCluster(yaml, 'overall-iptables-rules.yaml');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(cluster).not.toBeNull();
  });

  it('writes the upstream expected payload for test-node', () => {
    const { cluster } = loadCluster(yaml, 'overall-iptables-rules.yaml');
    expect(cluster!.scenario.services.map((s) => `${s.namespace}/${s.name}`)).toContain('default/kubernetes');
    const payload = restorePayload(syncIptablesRules(harnessInput(cluster!)));
    expect(sortIPTablesRules(payload)).toBe(expected);
  });

  it('differs when an input changes (the comparison can fail)', () => {
    const changed = yaml.replace('10.180.0.5', '10.180.0.6');
    const { cluster } = loadCluster(changed, 'changed.yaml');
    expect(sortIPTablesRules(restorePayload(syncIptablesRules(harnessInput(cluster!))))).not.toBe(expected);
  });
});
