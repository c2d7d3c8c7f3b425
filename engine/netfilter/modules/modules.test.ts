// Every registered match and target module, one case each at least: iptables-restore words → the parsed
// module → iptables-save's text (and that text parses back to itself, as `iptables-save |
// iptables-restore` needs), plus a packet it matches and one it does not, or the step it tells the walk.
import { describe, expect, it } from 'vitest';
import { ipv4 } from '../../net/ipv4';
import type { Packet } from '../../net/packet';
import { formatSavedRule } from '../iptables-save';
import { Ipset } from '../ipset';
import { makeRule, tokenizeRuleLine } from '../rule';
import type { DrawRecord, MatchContext } from './match-context';
import { matchExtensions, targetExtensions } from './registry';

const PACKET: Packet = {
  eth: null,
  ip: { src: ipv4('10.244.1.5'), dst: ipv4('10.96.0.10'), ttl: 64, length: 60, dontFragment: true },
  l4: { proto: 'tcp', sport: 40000, dport: 80, flags: 'S' },
  mark: 0,
  encap: null,
};

const clusterIps = new Ipset('KUBE-CLUSTER-IP', 'hash:ip,port', 0);
clusterIps.add({ ip: ipv4('10.96.0.10'), proto: 'tcp', port: 80 });

interface Situation {
  readonly packet?: Partial<Packet> & { readonly dport?: number; readonly proto?: 'tcp' | 'udp' };
  readonly ctState?: MatchContext['ctState'];
  readonly ctDnat?: boolean;
  readonly local?: readonly string[];
  readonly inDev?: string;
  readonly draw?: number;
  /** A recent list X with the packet's source seen this many seconds ago. */
  readonly seenAgo?: number;
}

function context(s: Situation): MatchContext {
  const { dport, proto, ...rest } = s.packet ?? {};
  const packet: Packet = {
    ...PACKET,
    ...rest,
    l4: { ...PACKET.l4, ...(dport !== undefined && { dport }), ...(proto && { proto }) },
  };
  const now = 1000;
  const lists = new Map<string, Map<number, number>>();
  if (s.seenAgo !== undefined) lists.set('X', new Map([[packet.ip.src, now - s.seenAgo]]));
  return {
    packet,
    inDev: s.inDev ?? 'eth0',
    outDev: null,
    ctState: s.ctState ?? 'NEW',
    ctDnat: s.ctDnat ?? false,
    isLocalAddress: (ip) => (s.local ?? []).some((a) => ipv4(a) === ip),
    draw31: () => s.draw ?? 0,
    recent: { lists },
    now,
    ipsets: (name) => (name === clusterIps.name ? clusterIps : undefined),
    isBridge: (dev) => dev === 'cni0',
  };
}

interface MatchCase {
  readonly module: string;
  /** The words after `-A T`, as a writer hands them to iptables-restore. */
  readonly written: string;
  /** What iptables-save prints for that rule. */
  readonly saved: string;
  /** A situation the rule matches (absent only for a module that never matches here). */
  readonly hit?: Situation;
  /** A situation it does not match (absent for modules that match everything, like comment). */
  readonly miss?: Situation;
}

const MATCH_CASES: readonly MatchCase[] = [
  {
    module: 'comment',
    written: '-m comment --comment "default/web:http cluster IP"',
    saved: '-A T -m comment --comment "default/web:http cluster IP"',
    hit: {},
  },
  {
    module: 'tcp',
    written: '-p tcp -m tcp ! --sport 5:6 --dport 80',
    saved: '-A T -p tcp -m tcp ! --sport 5:6 --dport 80',
    hit: {},
    miss: { packet: { dport: 81 } },
  },
  {
    module: 'udp',
    written: '-p udp -m udp --dport 80',
    saved: '-A T -p udp -m udp --dport 80',
    hit: { packet: { proto: 'udp' } },
    miss: {},
  },
  {
    module: 'sctp',
    written: '-m sctp --destination-port 0:65535',
    saved: '-A T -m sctp',
    // No SCTP packets are simulated, so a TCP one is the miss.
    miss: {},
  },
  {
    module: 'multiport',
    written: '-m multiport --dports 443,80',
    saved: '-A T -m multiport --dports 443,80',
    hit: {},
    miss: { packet: { dport: 8080 } },
  },
  {
    module: 'addrtype',
    written: '-m addrtype ! --src-type LOCAL --dst-type LOCAL',
    saved: '-A T -m addrtype ! --src-type LOCAL --dst-type LOCAL',
    hit: { local: ['10.96.0.10'] },
    miss: { local: ['10.96.0.10', '10.244.1.5'] },
  },
  {
    module: 'conntrack',
    written: '-m conntrack --ctstate ESTABLISHED,RELATED,DNAT',
    saved: '-A T -m conntrack --ctstate RELATED,ESTABLISHED,DNAT',
    hit: { ctState: 'NEW', ctDnat: true },
    miss: { ctState: 'NEW' },
  },
  {
    module: 'mark',
    written: '-m mark ! --mark 0x00004000/0x00004000',
    saved: '-A T -m mark ! --mark 0x4000/0x4000',
    hit: { packet: { mark: 0x1 } },
    miss: { packet: { mark: 0x4001 } },
  },
  {
    module: 'statistic',
    written: '-m statistic --mode random --probability 0.5000000000',
    saved: '-A T -m statistic --mode random --probability 0.50000000000',
    hit: { draw: 0x3fffffff },
    miss: { draw: 0x40000000 },
  },
  {
    module: 'recent',
    written: '-m recent --name X --rcheck --seconds 10 --reap',
    saved: '-A T -m recent --rcheck --seconds 10 --reap --name X --mask 255.255.255.255 --rsource',
    hit: { seenAgo: 5 },
    miss: { seenAgo: 20 },
  },
  {
    module: 'nfacct',
    written: '-m nfacct --nfacct-name localhost_nps_accepted_pkts',
    saved: '-A T -m nfacct --nfacct-name  localhost_nps_accepted_pkts',
    hit: {},
  },
  {
    module: 'set',
    written: '-m set --match-set KUBE-CLUSTER-IP dst,dst',
    saved: '-A T -m set --match-set KUBE-CLUSTER-IP dst,dst',
    hit: {},
    miss: { packet: { dport: 81 } },
  },
  {
    module: 'physdev',
    written: '-m physdev --physdev-is-in',
    saved: '-A T -m physdev --physdev-is-in',
    hit: { inDev: 'cni0' },
    miss: { inDev: 'eth0' },
  },
  {
    module: 'ipvs',
    written: '-m ipvs --vaddr 10.96.0.10 --vproto tcp --vport 80',
    saved: '-A T -m ipvs --vaddr 10.96.0.10 --vproto 6 --vport 80',
    // IPVS connections are not visible to the filter tables here (see matches/ipvs.ts).
    miss: {},
  },
];

function check(rule: ReturnType<typeof makeRule>, s: Situation): { matched: boolean; record: DrawRecord } {
  const ctx = context(s);
  const record: DrawRecord = {};
  const matched = rule.spec.modules.every((m) => m.matches(ctx, record));
  return { matched, record };
}

describe('match modules (modules/matches)', () => {
  it('every registered -m name has a case here', () => {
    expect([...matchExtensions.keys()].filter((n) => !MATCH_CASES.some((c) => c.module === n))).toEqual([]);
  });

  for (const c of MATCH_CASES) {
    describe(c.module, () => {
      const rule = makeRule('filter', 'T', tokenizeRuleLine(c.written));

      it('parses into its module and saves as iptables-save prints it', () => {
        expect(rule.spec.modules.map((m) => m.module)).toEqual([c.module]);
        expect(formatSavedRule(rule)).toBe(c.saved);
      });

      it('parses its saved text back to the same rule', () => {
        const again = makeRule('filter', 'T', tokenizeRuleLine(c.saved).slice(2));
        expect(formatSavedRule(again)).toBe(c.saved);
      });

      if (c.hit) {
        const hit = c.hit;
        it('matches the packet it is written for', () => expect(check(rule, hit).matched).toBe(true));
      }
      if (c.miss) {
        const miss = c.miss;
        it('does not match one that differs in what it checks', () =>
          expect(check(rule, miss).matched).toBe(false));
      }
    });
  }

  it('statistic records its draw for the trace', () => {
    const rule = makeRule('nat', 'T', tokenizeRuleLine('-m statistic --mode random --probability 0.25'));
    expect(check(rule, { draw: 0x40000000 }).record.draw).toEqual({ value: 0.5, probability: 0.25 });
  });

  it('recent --reap forgets a source seen too long ago', () => {
    const rule = makeRule('nat', 'T', tokenizeRuleLine('-m recent --name X --rcheck --seconds 10 --reap'));
    const ctx = context({ seenAgo: 20 });
    rule.spec.modules[0]!.matches(ctx, {});
    expect(ctx.recent.lists.get('X')!.size).toBe(0);
  });

  it('an option goes to the most recent -m that knows it', () => {
    const rule = makeRule('filter', 'T', tokenizeRuleLine('-m tcp -m comment --comment x --dport 80'));
    expect(formatSavedRule(rule)).toBe('-A T -m tcp --dport 80 -m comment --comment x');
  });
});

interface TargetCase {
  readonly name: string;
  readonly written: string;
  readonly saved: string;
  /** The walk step the target returns for PACKET (packets shown by what changed). */
  readonly step: Record<string, unknown>;
}

const TARGET_CASES: readonly TargetCase[] = [
  { name: 'ACCEPT', written: '-j ACCEPT', saved: '-A T -j ACCEPT', step: { kind: 'accept' } },
  { name: 'DROP', written: '-j DROP', saved: '-A T -j DROP', step: { kind: 'drop' } },
  { name: 'RETURN', written: '-j RETURN', saved: '-A T -j RETURN', step: { kind: 'return' } },
  {
    name: 'REJECT',
    written: '-j REJECT --reject-with host-prohib',
    saved: '-A T -j REJECT --reject-with icmp-host-prohibited',
    step: { kind: 'reject', rejectWith: 'host-prohib' },
  },
  {
    name: 'REDIRECT',
    written: '-j REDIRECT --to-ports 36001',
    saved: '-A T -j REDIRECT --to-ports 36001',
    step: { kind: 'redirect', toPort: 36001 },
  },
  {
    name: 'DNAT',
    written: '-p tcp -j DNAT --to-destination 10.244.2.7:8080',
    saved: '-A T -p tcp -j DNAT --to-destination 10.244.2.7:8080',
    step: { kind: 'dnat', dst: '10.244.2.7', dport: 8080 },
  },
  {
    name: 'SNAT',
    written: '-j SNAT --to-source 192.168.1.10 --random-fully',
    saved: '-A T -j SNAT --to-source 192.168.1.10 --random-fully',
    step: { kind: 'snat', address: ipv4('192.168.1.10') },
  },
  {
    name: 'MASQUERADE',
    written: '-j MASQUERADE --random-fully',
    saved: '-A T -j MASQUERADE --random-fully',
    step: { kind: 'masquerade', randomFully: true },
  },
  {
    name: 'MARK',
    written: '-j MARK --or-mark 0x4000',
    saved: '-A T -j MARK --set-xmark 0x4000/0x4000',
    step: { kind: 'continue', mark: 0x4000 },
  },
  {
    name: 'jump',
    written: '-j KUBE-SVC-X',
    saved: '-A T -j KUBE-SVC-X',
    step: { kind: 'jump', chain: 'KUBE-SVC-X' },
  },
  {
    name: 'goto',
    written: '-g KUBE-SVC-X',
    saved: '-A T -g KUBE-SVC-X',
    step: { kind: 'goto', chain: 'KUBE-SVC-X' },
  },
];

describe('target modules (modules/targets)', () => {
  it('every registered -j name has a case here', () => {
    expect([...targetExtensions.keys()].filter((n) => !TARGET_CASES.some((c) => c.name === n))).toEqual([]);
  });

  for (const c of TARGET_CASES) {
    it(`${c.name}: parses, saves as iptables-save does, parses back, and tells the walk what to do`, () => {
      const rule = makeRule('nat', 'T', tokenizeRuleLine(c.written));
      expect(formatSavedRule(rule)).toBe(c.saved);
      expect(formatSavedRule(makeRule('nat', 'T', tokenizeRuleLine(c.saved).slice(2)))).toBe(c.saved);
      const step = rule.spec.target!.apply({ ...PACKET, mark: 0 });
      const seen: Record<string, unknown> = { kind: step.kind };
      for (const [k, v] of Object.entries(step)) {
        if (k === 'packet') {
          const p = v as Packet;
          if (p.ip.dst !== PACKET.ip.dst)
            seen['dst'] = [
              p.ip.dst >>> 24,
              (p.ip.dst >>> 16) & 255,
              (p.ip.dst >>> 8) & 255,
              p.ip.dst & 255,
            ].join('.');
          if (p.l4.dport !== PACKET.l4.dport) seen['dport'] = p.l4.dport;
          if (p.mark !== PACKET.mark) seen['mark'] = p.mark;
        } else if (typeof v !== 'function') seen[k] = v;
      }
      expect(seen).toEqual(c.step);
    });
  }
});

describe('words the parser does not know keep a clear error', () => {
  it.each([
    ['-m bpf --bytecode x', 'unsupported match module: bpf'],
    ['--dport 80 -j ACCEPT', '--dport without -m tcp/udp/sctp'],
    ['-m tcp --frobnicate', 'unsupported iptables word: --frobnicate'],
    ['-m statistic --mode nth', 'unsupported statistic mode nth'],
    ['-m comment', '-m comment without --comment'],
    ['-j DNAT', 'DNAT without --to-destination'],
    ['-j KUBE-X --foo', 'unexpected words after -j KUBE-X: --foo'],
    ['-m set --match-set S', 'missing value after S'],
  ])('%s', (written, message) => {
    expect(() => makeRule('filter', 'T', tokenizeRuleLine(written))).toThrow(message);
  });
});
