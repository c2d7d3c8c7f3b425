// Acceptance: TestOverallIPTablesRules (kubernetes pkg/proxy/iptables/proxier_test.go), byte for byte
// after the upstream normaliser.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { overallInput } from '../testing/fixtures';
import { sortIPTablesRules } from './sort-iptables-rules';
import { restorePayload, syncIptablesRules } from './sync-proxy-rules';

const expected = readFileSync(
  new URL('./testdata/overall-iptables-rules.expected.txt', import.meta.url),
  'utf8',
);

describe('TestOverallIPTablesRules', () => {
  it('writes the upstream expected payload', () => {
    const result = syncIptablesRules(overallInput());
    expect(sortIPTablesRules(restorePayload(result))).toBe(expected);
  });
});
