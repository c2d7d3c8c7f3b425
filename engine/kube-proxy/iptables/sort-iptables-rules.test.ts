import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sortIPTablesRules } from './sort-iptables-rules';

const expected = readFileSync(
  new URL('./testdata/overall-iptables-rules.expected.txt', import.meta.url),
  'utf8',
);

describe('sortIPTablesRules', () => {
  it('is a fixed point on its own output', () => {
    expect(sortIPTablesRules(expected)).toBe(expected);
  });

  it('undoes any service order: tables by name, chains NODEPORTS/SERVICES/KUBE-*/other, rules by service name', () => {
    const shuffled = [
      '*nat',
      ':KUBE-SERVICES - [0:0]',
      ':OTHER - [0:0]',
      ':KUBE-NODEPORTS - [0:0]',
      ':KUBE-MARK-MASQ - [0:0]',
      ':KUBE-SVC-OLD - [0:0]',
      '-A KUBE-SERVICES -m comment --comment "ns2/b:p cluster IP" -j KUBE-MARK-MASQ',
      '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -j KUBE-NODEPORTS',
      '-A KUBE-SERVICES -m comment --comment "ns1/a:p cluster IP" -j KUBE-MARK-MASQ',
      '-A KUBE-SERVICES -m comment --comment "ns1/a:p external IP" -j KUBE-MARK-MASQ',
      '-A KUBE-NODEPORTS -m comment --comment ns2/b:p -j KUBE-MARK-MASQ',
      '-A KUBE-NODEPORTS -m comment --comment ns1/a:p -j KUBE-MARK-MASQ',
      '-X KUBE-SVC-OLD',
      'COMMIT',
      '*filter',
      ':KUBE-SERVICES - [0:0]',
      'COMMIT',
      '',
    ].join('\n');
    expect(sortIPTablesRules(shuffled)).toBe(
      [
        '*filter',
        ':KUBE-SERVICES - [0:0]',
        'COMMIT',
        '*nat',
        ':KUBE-NODEPORTS - [0:0]',
        ':KUBE-SERVICES - [0:0]',
        ':KUBE-MARK-MASQ - [0:0]',
        ':KUBE-SVC-OLD - [0:0]',
        ':OTHER - [0:0]',
        '-A KUBE-NODEPORTS -m comment --comment ns1/a:p -j KUBE-MARK-MASQ',
        '-A KUBE-NODEPORTS -m comment --comment ns2/b:p -j KUBE-MARK-MASQ',
        '-A KUBE-SERVICES -m comment --comment "ns1/a:p cluster IP" -j KUBE-MARK-MASQ',
        '-A KUBE-SERVICES -m comment --comment "ns1/a:p external IP" -j KUBE-MARK-MASQ',
        '-A KUBE-SERVICES -m comment --comment "ns2/b:p cluster IP" -j KUBE-MARK-MASQ',
        '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -j KUBE-NODEPORTS',
        '-X KUBE-SVC-OLD',
        'COMMIT',
        '',
      ].join('\n'),
    );
  });
});
