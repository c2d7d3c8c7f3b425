// The node after kubelet and kube-proxy have run, printed like iptables-save and compared with what the
// kernel printed for the same steps (engine/netfilter/testdata/README.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { iptablesSave } from '../../netfilter/iptables-save';
import { Ruleset } from '../../netfilter/ruleset';
import { overallInput } from '../testing/fixtures';
import { installKubeProxyIptables } from './install';
import { syncIptablesRules } from './sync-proxy-rules';

const golden = (name: string): string =>
  readFileSync(new URL(`../../netfilter/testdata/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => !l.startsWith('# '))
    .join('\n');

describe('installKubeProxyIptables', () => {
  const rs = new Ruleset();
  installKubeProxyIptables(rs, syncIptablesRules(overallInput()));

  it('leaves the node as the kernel shows it (iptables-save)', () => {
    expect(iptablesSave(rs)).toBe(golden('iptables-save.overall.txt'));
  });

  it('leaves the node as the kernel shows it (iptables-save -c)', () => {
    expect(iptablesSave(rs, { counters: true })).toBe(golden('iptables-save-c.overall.txt'));
  });

  it('orders the built-in jumps like a live node, kubelet first-created KUBE-FIREWALL last (§1.2)', () => {
    const targets = (table: 'filter' | 'nat', chain: string): string[] =>
      rs.chain(table, chain)!.rules.map((r) => r.args[r.args.length - 1]!);
    expect(targets('filter', 'INPUT')).toEqual([
      'KUBE-PROXY-FIREWALL',
      'KUBE-NODEPORTS',
      'KUBE-EXTERNAL-SERVICES',
      'KUBE-FIREWALL',
    ]);
    expect(targets('filter', 'FORWARD')).toEqual([
      'KUBE-PROXY-FIREWALL',
      'KUBE-FORWARD',
      'KUBE-SERVICES',
      'KUBE-EXTERNAL-SERVICES',
    ]);
    expect(targets('filter', 'OUTPUT')).toEqual(['KUBE-PROXY-FIREWALL', 'KUBE-SERVICES', 'KUBE-FIREWALL']);
    expect(targets('nat', 'PREROUTING')).toEqual(['KUBE-SERVICES']);
    expect(targets('nat', 'POSTROUTING')).toEqual(['KUBE-POSTROUTING']);
  });

  it('is idempotent, like a second full sync', () => {
    const again = new Ruleset();
    const result = syncIptablesRules(overallInput());
    installKubeProxyIptables(again, result);
    installKubeProxyIptables(again, result);
    expect(iptablesSave(again)).toBe(iptablesSave(rs));
  });

  it('without kubelet, prepends KUBE-FIREWALL first in INPUT', () => {
    const alone = new Ruleset();
    installKubeProxyIptables(alone, syncIptablesRules(overallInput()), { kubelet: false });
    expect(alone.chain('filter', 'INPUT')!.rules[0]!.args).toEqual(['-j', 'KUBE-FIREWALL']);
  });
});
