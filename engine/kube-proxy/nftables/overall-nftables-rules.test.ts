// Acceptance: TestOverallNFTablesRules (kubernetes pkg/proxy/nftables/proxier_test.go), the knftables
// fake's dump compared with the upstream expected text after the upstream normaliser.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cidr } from '../../net/ipv4';
import { overallNftablesInput } from '../testing/fixtures';
import { sortNFTablesTransaction } from './sort-nftables-transaction';
import { syncNftablesRules } from './sync-proxy-rules';
import { dumpTable, renderTransaction } from './transaction';

const expected = readFileSync(
  new URL('./testdata/overall-nftables-rules.expected.txt', import.meta.url),
  'utf8',
);

describe('TestOverallNFTablesRules', () => {
  it('dumps the upstream expected table', () => {
    const result = syncNftablesRules(overallNftablesInput());
    expect(sortNFTablesTransaction(dumpTable(result.table))).toBe(sortNFTablesTransaction(expected));
  });

  it('the comparison can fail', () => {
    const input = overallNftablesInput();
    const changed = { ...input, serviceCIDRs: [cidr('172.31.0.0/16')] };
    expect(sortNFTablesTransaction(dumpTable(syncNftablesRules(changed).table))).not.toBe(
      sortNFTablesTransaction(expected),
    );
  });

  it('writes the nft -f input knftables sends: add, flush and delete operations on one table', () => {
    const text = renderTransaction(syncNftablesRules(overallNftablesInput()).ops);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('add table ip kube-proxy { comment "rules for kube-proxy" ; }');
    expect(lines).toContain('flush chain ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80');
    expect(lines).toContain('flush map ip kube-proxy service-ips');
    for (const l of lines)
      expect(l).toMatch(/^(add|flush|delete) (table|chain|rule|set|map|element) ip kube-proxy/);
  });

  it('names chains with hashAndTruncate (kube-proxy.md §4 vectors)', () => {
    const chains = [...syncNftablesRules(overallNftablesInput()).table.chains.keys()];
    for (const name of [
      'service-ULMVA6XW-ns1/svc1/tcp/p80',
      'external-42NFTM6N-ns2/svc2/tcp/p80',
      'firewall-HVFWP5L3-ns5/svc5/tcp/p80',
      'endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80',
      'endpoint-GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80',
    ]) {
      expect(chains).toContain(name);
    }
  });
});
