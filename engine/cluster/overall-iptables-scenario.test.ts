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

describe('TestOverallIPTablesRules from a scenario file', () => {
  it('loads without errors', () => {
    const { cluster, diagnostics } = loadCluster(yaml, 'overall-iptables-rules.yaml');
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(cluster).not.toBeNull();
  });

  it('writes the upstream expected payload for test-node', () => {
    const { cluster } = loadCluster(yaml, 'overall-iptables-rules.yaml');
    // The fake proxier's harness: mark injected as "0x4000", nfacct counters present, no --random-fully.
    const input = {
      ...cluster!.proxierInput('test-node'),
      masqueradeMarkText: '0x4000',
      capabilities: { nfacct: true, randomFully: false, tcpBeLiberal: false },
    };
    const payload = restorePayload(syncIptablesRules(input));
    expect(sortIPTablesRules(payload)).toBe(expected);
  });

  it('differs when an input changes (the comparison can fail)', () => {
    const changed = yaml.replace('10.180.0.5', '10.180.0.6');
    const { cluster } = loadCluster(changed, 'changed.yaml');
    const input = {
      ...cluster!.proxierInput('test-node'),
      masqueradeMarkText: '0x4000',
      capabilities: { nfacct: true, randomFully: false, tcpBeLiberal: false },
    };
    expect(sortIPTablesRules(restorePayload(syncIptablesRules(input)))).not.toBe(expected);
  });
});
