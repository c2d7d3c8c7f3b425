// `nft list ruleset` as the kernel prints kube-proxy's table. The goldens were made on Linux 6.18 with
// nftables 1.0.6 in a throwaway network namespace: `nft -f <transaction>` then `nft list ruleset`
// (testdata/*.nft is the transaction that was loaded). The test needs no root: it compares with the goldens.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listRuleset } from '../../netfilter/nft/list-ruleset';
import { mixedNftablesInput, overallNftablesInput } from '../testing/fixtures';
import { syncNftablesRules } from './sync-proxy-rules';
import { renderTransaction } from './transaction';

const testdata = (name: string): string =>
  readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');

describe('nft list ruleset (kernel golden)', () => {
  it('writes the transaction that was loaded into the kernel', () => {
    expect(renderTransaction(syncNftablesRules(overallNftablesInput()).ops)).toBe(
      testdata('overall-nftables-rules.nft'),
    );
  });

  it('prints the table as the kernel listed it', () => {
    expect(listRuleset([syncNftablesRules(overallNftablesInput()).table])).toBe(
      testdata('overall-nftables-rules.nft-list-ruleset.txt'),
    );
  });

  it('matches the kernel for UDP and multi-port Services, a Local-policy chain and two affinity sets', () => {
    const result = syncNftablesRules(mixedNftablesInput());
    expect(renderTransaction(result.ops)).toBe(testdata('mixed.nft'));
    expect(listRuleset([result.table])).toBe(testdata('mixed.nft-list-ruleset.txt'));
  });
});
