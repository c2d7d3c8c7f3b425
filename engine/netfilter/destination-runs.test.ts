// The walk's shortcut over runs of `-d A/32` rules records exactly what a rule-by-rule walk records: the
// same visits in the same order, the same verdict, and no statistic draw for a rule whose address differs.
import { describe, expect, it } from 'vitest';
import { ipv4 } from '../net/ipv4';
import type { Packet } from '../net/packet';
import { makeRule, type Rule } from './rule';
import { Ruleset } from './ruleset';
import { VisitLog } from './visit-log';
import { walkTable, type WalkEnvironment } from './walk';

const SERVICES = 40;

function packetTo(dst: string, dport: number): Packet {
  return {
    eth: null,
    ip: { src: ipv4('10.244.1.5'), dst: ipv4(dst), ttl: 64, length: 60, dontFragment: true },
    l4: { proto: 'tcp', sport: 40000, dport, flags: 'S' },
    mark: 0,
    encap: null,
  };
}

/** KUBE-SERVICES-like: one rule per Service port, two ports for Service 20, a statistic rule at 30. */
function servicesRuleset(): Ruleset {
  const r = new Ruleset();
  r.ensureTable('nat');
  r.append(makeRule('nat', 'PREROUTING', ['-j', 'KUBE-SERVICES']));
  for (let i = 0; i < SERVICES; i++) {
    const dst = `10.96.0.${i + 1}/32`;
    const stat = i === 30 ? ['-m', 'statistic', '--mode', 'random', '--probability', '0.5'] : [];
    r.append(
      makeRule('nat', 'KUBE-SERVICES', [
        '-d',
        dst,
        '-p',
        'tcp',
        '-m',
        'tcp',
        '--dport',
        '80',
        ...stat,
        '-j',
        `SVC-${i}`,
      ]),
    );
    if (i === 20)
      r.append(
        makeRule('nat', 'KUBE-SERVICES', [
          '-d',
          dst,
          '-p',
          'tcp',
          '-m',
          'tcp',
          '--dport',
          '443',
          '-j',
          'SVC-20-TLS',
        ]),
      );
    r.ensureChain('nat', `SVC-${i}`);
  }
  r.ensureChain('nat', 'SVC-20-TLS');
  r.append(
    makeRule('nat', 'KUBE-SERVICES', ['-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'KUBE-NODEPORTS']),
  );
  r.ensureChain('nat', 'KUBE-NODEPORTS');
  return r;
}

function walk(ruleset: Ruleset, packet: Packet) {
  const visits = new VisitLog();
  let draws = 0;
  const env: WalkEnvironment = {
    visits,
    context: {
      inDev: 'cni0',
      outDev: null,
      ctState: 'NEW',
      ctDnat: false,
      isLocalAddress: () => false,
      draw31: () => {
        draws++;
        return 0;
      },
      recent: { lists: new Map() },
      now: 0,
    },
  };
  const verdict = walkTable(ruleset, 'nat', 'PREROUTING', packet, env);
  return { verdict, visits: [...visits], draws };
}

/**
 * What the kernel checks: every rule of KUBE-SERVICES in order. The Services' chains are empty here, so a
 * jump comes straight back and the walk goes on after the rule that matched, through the rest of the run.
 */
function expectedVisits(ruleset: Ruleset, matched: readonly Rule[]): Array<[string, number, boolean]> {
  const rules = ruleset.chain('nat', 'KUBE-SERVICES')!.rules;
  return [
    ['PREROUTING', 1, true],
    ...rules.map((rule, i): [string, number, boolean] => ['KUBE-SERVICES', i + 1, matched.includes(rule)]),
  ];
}

const shape = (visits: ReturnType<typeof walk>['visits']) =>
  visits.map((v) => ['chain' in v.rule ? v.rule.chain : '?', v.position, v.matched]);

describe('a run of rules written for one destination address each', () => {
  it('records every rule before the matching one as a miss, in order', () => {
    const r = servicesRuleset();
    const rules = r.chain('nat', 'KUBE-SERVICES')!.rules;
    const { visits, verdict } = walk(r, packetTo('10.96.0.21', 443));
    // Service 20's port 80 rule is checked and misses on its port; its 443 rule matches.
    expect(shape(visits)).toEqual(expectedVisits(r, [rules[21]!]));
    expect(visits[21]!.matched).toBe(false);
    expect(verdict.kind).toBe('accept');
  });

  it('checks every rule and falls through to the rule after the run when no address is written', () => {
    const r = servicesRuleset();
    const { visits } = walk(r, packetTo('10.96.9.9', 80));
    // 40 Services, a second port for one of them, and the addrtype rule after the run.
    expect(shape(visits)).toEqual(expectedVisits(r, []));
    expect(visits).toHaveLength(1 + SERVICES + 2);
  });

  it('draws for a statistic rule only when its address matches, as ip_packet_match comes first', () => {
    const r = servicesRuleset();
    expect(walk(r, packetTo('10.96.0.40', 80)).draws).toBe(0);
    expect(walk(r, packetTo('10.96.0.31', 80)).draws).toBe(1);
  });

  it('sees a rule inserted after an earlier walk', () => {
    const r = servicesRuleset();
    walk(r, packetTo('10.96.0.40', 80));
    const first = makeRule('nat', 'KUBE-SERVICES', ['-d', '10.96.0.40/32', '-p', 'tcp', '-j', 'SVC-0']);
    r.prepend(first);
    const { visits } = walk(r, packetTo('10.96.0.40', 80));
    const rules = r.chain('nat', 'KUBE-SERVICES')!.rules;
    expect(rules[0]).toBe(first);
    expect(shape(visits)).toEqual(expectedVisits(r, [first, rules[41]!]));
  });
});
