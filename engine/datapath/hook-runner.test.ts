// The hook runner: conntrack first, then each hook entry in priority order through its one `evaluate`,
// NAT for a connection's first packet only, and the first drop, reject or steal ends the hook.
import { describe, expect, it } from 'vitest';
import { IpvsTable } from '../ipvs/table';
import { makeRule } from '../netfilter/rule';
import { NftTable } from '../netfilter/nft/table';
import { Ruleset } from '../netfilter/ruleset';
import { ipv4 } from '../net/ipv4';
import { hookEntries } from './hook-order';
import type { Skb } from './skb';
import { labContext, tcpPacket, twoSubnets } from './testing/lab';

function routerWith(rules: [table: 'nat' | 'filter', chain: string, args: string[]][]) {
  const lab = twoSubnets();
  const ruleset = new Ruleset();
  for (const t of ['raw', 'mangle', 'nat', 'filter'] as const) ruleset.ensureTable(t);
  for (const [table, chain, args] of rules) ruleset.append(makeRule(table, chain, args));
  lab.router.ruleset = ruleset;
  return { ...lab, ruleset, ctx: labContext(lab.world) };
}

describe('hook entries in priority order', () => {
  it('lists the iptables tables of a hook, and IPVS last on INPUT and OUTPUT', () => {
    const ruleset = new Ruleset();
    expect(hookEntries(ruleset, 'PREROUTING').map((e) => e.label)).toEqual(['raw', 'mangle', 'nat']);
    expect(hookEntries(ruleset, 'INPUT').map((e) => e.label)).toEqual(['mangle', 'filter', 'nat', 'ipvs']);
    expect(hookEntries(ruleset, 'OUTPUT').map((e) => e.label)).toEqual([
      'raw',
      'mangle',
      'nat',
      'filter',
      'ipvs',
    ]);
  });

  it('puts nft base chains among the tables by priority, ahead of an iptables table of equal priority', () => {
    const ruleset = new Ruleset();
    const table = new NftTable('ip', 'kube-proxy');
    table.addChain('nat-prerouting', { type: 'nat', hook: 'prerouting', priority: -100 });
    table.addChain('filter-prerouting', { type: 'filter', hook: 'prerouting', priority: -110 });
    ruleset.addNftTable(table);
    expect(hookEntries(ruleset, 'PREROUTING').map((e) => e.label)).toEqual([
      'raw',
      'mangle',
      'ip kube-proxy filter-prerouting',
      'ip kube-proxy nat-prerouting',
      'nat',
    ]);
    expect(hookEntries(ruleset, 'PREROUTING').map((e) => e.isNat)).toEqual([false, false, false, true, true]);
  });
});

describe('running a hook', () => {
  it('applies a DNAT to the first packet and binds the connection, so the reply is un-DNATed', () => {
    const { ctx, router } = routerWith([
      [
        'nat',
        'PREROUTING',
        [
          '-d',
          '10.0.1.1/32',
          '-p',
          'tcp',
          '-m',
          'tcp',
          '--dport',
          '80',
          '-j',
          'DNAT',
          '--to-destination',
          '10.0.2.2:8080',
        ],
      ],
    ]);
    const skb: Skb = { packet: tcpPacket('10.0.1.2', 40000, '10.0.1.1', 80), ct: null };
    const result = ctx.stages.hook(router, 'PREROUTING', skb, 'veth-c', null);
    expect(result).toEqual({ kind: 'accept', dstBefore: ipv4('10.0.1.1') });
    expect(skb.packet.ip.dst).toBe(ipv4('10.0.2.2'));
    expect(skb.packet.l4.dport).toBe(8080);
    expect(skb.ct!.entry.reply).toMatchObject({ src: ipv4('10.0.2.2'), sport: 8080 });
    const hop = ctx.hops.at(-1)!;
    expect(hop.nat).toEqual({ kind: 'DNAT', from: '10.0.1.1:80', to: '10.0.2.2:8080' });
    expect(hop.conntrack).toBe('NEW tcp src=10.0.1.2 dst=10.0.1.1 sport=40000 dport=80');
  });

  it('skips the nat table for a packet of a known connection and replays its binding instead', () => {
    const { ctx, router } = routerWith([
      ['nat', 'PREROUTING', ['-p', 'tcp', '-j', 'DNAT', '--to-destination', '10.0.2.2:8080']],
    ]);
    const first: Skb = { packet: tcpPacket('10.0.1.2', 40000, '10.0.1.1', 80), ct: null };
    ctx.stages.hook(router, 'PREROUTING', first, 'veth-c', null);
    ctx.confirm(router, first);
    const second: Skb = { packet: tcpPacket('10.0.1.2', 40000, '10.0.1.1', 80, { flags: '.' }), ct: null };
    ctx.stages.hook(router, 'PREROUTING', second, 'veth-c', null);
    expect([...ctx.hops.at(-1)!.rules]).toEqual([]);
    expect(ctx.hops.at(-1)!.nat).toEqual({ kind: 'DNAT', from: '10.0.1.1:80', to: '10.0.2.2:8080' });
  });

  it('stops at a DROP and names the table, chain and rule', () => {
    const { ctx, router } = routerWith([['filter', 'FORWARD', ['-p', 'tcp', '-j', 'DROP']]]);
    const skb: Skb = { packet: tcpPacket('10.0.1.2', 1, '10.0.2.2', 80), ct: null };
    ctx.stages.hook(router, 'PREROUTING', skb, 'veth-c', null);
    const result = ctx.stages.hook(router, 'FORWARD', skb, 'veth-c', 'veth-s');
    expect(result).toEqual({
      kind: 'stop',
      outcome: { verdict: 'dropped', reason: 'dropped by filter FORWARD: -A FORWARD -p tcp -j DROP' },
    });
  });

  it('answers a REJECT with ICMP port unreachable', () => {
    const { ctx, router } = routerWith([['filter', 'INPUT', ['-p', 'tcp', '-j', 'REJECT']]]);
    const skb: Skb = { packet: tcpPacket('10.0.1.2', 1, '10.0.1.1', 22), ct: null };
    ctx.stages.hook(router, 'PREROUTING', skb, 'veth-c', null);
    const result = ctx.stages.hook(router, 'INPUT', skb, 'veth-c', null);
    expect(result.kind === 'stop' && result.outcome).toMatchObject({
      verdict: 'rejected',
      answer: { kind: 'icmp-error', packet: { l4: { icmp: { type: 3, code: 3 } } } },
    });
  });

  it('lets IPVS steal a new connection to a virtual service on INPUT, after the hook’s own hop', () => {
    const { ctx, router, ruleset } = routerWith([]);
    const ipvs = new IpvsTable();
    ipvs.add({
      protocol: 'TCP',
      address: ipv4('10.0.1.1'),
      port: 80,
      scheduler: 'rr',
      persistentTimeout: null,
      schedFlags: [],
      destinations: [{ address: ipv4('10.0.2.2'), port: 80, weight: 1, forward: 'Masq' }],
    });
    ruleset.setIpvs(ipvs);
    const skb: Skb = { packet: tcpPacket('10.0.1.2', 40000, '10.0.1.1', 80), ct: null };
    ctx.stages.hook(router, 'PREROUTING', skb, 'veth-c', null);
    const result = ctx.stages.hook(router, 'INPUT', skb, 'veth-c', null);
    expect(result.kind === 'stop' && result.outcome).toMatchObject({ verdict: 'delivered', netns: 'server' });
    const kinds = ctx.hops.map((h) => h.kind);
    expect(kinds.slice(0, 4)).toEqual(['prerouting', 'input', 'ipvs', 'routing']);
    expect(ctx.hops[2]!.why).toContain('IPVS (LOCAL_IN): 10.0.1.1:80 is virtual service TCP');
  });
});
