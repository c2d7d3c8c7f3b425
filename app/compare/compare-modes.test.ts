// `compare-modes` and `mode-scaling` through the real engine service, and the side-by-side diff the panel
// draws from them.
import { describe, expect, it } from 'vitest';
import type { ModeOutcome } from '../../engine/protocol';
import { defaultEngine } from '../testing/default-engine';
import { differences, hookRows } from './mode-diff';

const FLOW = { from: 'pod/default/client', to: 'svc/default/web:http', seed: 1 };

function compare(modes: ModeOutcome['mode'][]): readonly ModeOutcome[] {
  const { service } = defaultEngine();
  const reply = service.handle({ kind: 'compare-modes', params: FLOW, modes });
  if (reply.kind !== 'modes') throw new Error(JSON.stringify(reply));
  return reply.outcomes;
}

describe('compare-modes', () => {
  it('traces the same flow and seed in each mode: same endpoint, fewer rules with nftables lookups', () => {
    const [ipt, nft] = compare(['iptables', 'nftables']);
    if (ipt?.kind !== 'traced' || nft?.kind !== 'traced') throw new Error('not traced');
    expect(ipt.verdict).toBe('delivered');
    expect(nft.verdict).toBe('delivered');
    expect(ipt.firstPacketLookups).toBe(0);
    expect(nft.firstPacketLookups).toBeGreaterThan(0);
    expect(ipt.firstPacketRules).toBeLessThanOrEqual(ipt.rulesEvaluated);
    const rows = hookRows([ipt, nft]);
    expect(rows.some((r) => r.differs)).toBe(true);
    expect(rows[0]?.key).toMatch(/^node\/node-1 prerouting/);
    expect(differences([ipt, nft]).join(' ')).toContain('Set and map lookups');
  });

  it("reports a mode that does not load as that mode's error, not the whole reply's", () => {
    const outcomes = compare(['iptables', 'bogus' as ModeOutcome['mode']]);
    expect(outcomes[0]?.kind).toBe('traced');
    expect(outcomes[1]).toEqual({ kind: 'failed', mode: 'bogus', error: 'unknown kube-proxy mode "bogus"' });
  });

  it('agrees with itself: one mode twice shows no differences', () => {
    const [a, b] = compare(['iptables', 'iptables']);
    expect(differences([a!, b!])).toEqual([]);
    expect(hookRows([a!, b!]).every((r) => !r.differs)).toBe(true);
  });
});

describe('mode-scaling', () => {
  it('measures the first packet to the last Service: iptables grows with Services, nftables stays flat', () => {
    const { service } = defaultEngine();
    const at = (mode: 'iptables' | 'nftables', services: number) => {
      const reply = service.handle({ kind: 'mode-scaling', mode, subject: { kind: 'synthetic', services } });
      if (reply.kind !== 'mode-scaling') throw new Error(JSON.stringify(reply));
      return reply.point;
    };
    const small = at('iptables', 10);
    expect(small).toMatchObject({
      services: 10,
      target: 'svc/default/s9:80',
      verdict: 'delivered',
      error: null,
    });
    expect(at('iptables', 100).firstPacketRules).toBeGreaterThan(small.firstPacketRules + 90);
    expect(at('nftables', 100).firstPacketRules).toBe(at('nftables', 10).firstPacketRules);
    // Cached: the same object comes back.
    const again = service.handle({
      kind: 'mode-scaling',
      mode: 'iptables',
      subject: { kind: 'synthetic', services: 10 },
    });
    expect(again.kind === 'mode-scaling' && again.point).toBe(small);
  });

  it('measures the loaded scenario to its last Service in kube-proxy order', () => {
    const { service } = defaultEngine();
    const reply = service.handle({
      kind: 'mode-scaling',
      mode: 'nftables',
      subject: { kind: 'scenario', from: 'pod/default/client' },
    });
    if (reply.kind !== 'mode-scaling') throw new Error(JSON.stringify(reply));
    // kube-system sorts after default, so CoreDNS's Service is the last one written.
    expect(reply.point).toMatchObject({
      subject: 'scenario',
      target: 'svc/kube-system/kube-dns:metrics',
      error: null,
    });
    expect(reply.point.services).toBe(2);
  });
});

describe('hookRows', () => {
  it('does not let a mode whose packet never left mark every hook as a difference', () => {
    const [ipt] = compare(['iptables']);
    const failed: ModeOutcome = { kind: 'failed', mode: 'ipvs', error: 'not simulated' };
    const rows = hookRows([ipt!, ipt!, failed]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => !r.differs && r.counts[2] === null)).toBe(true);
  });
});
