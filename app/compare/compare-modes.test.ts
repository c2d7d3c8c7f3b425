// `compare-modes` and `mode-scaling` through the real engine service, and the side-by-side diff the panel
// draws from them.
import { describe, expect, it } from 'vitest';
import type { ModeOutcome } from '../../engine/protocol';
import { createRequestHandler } from '../../engine/request-handler';
import { DEFAULT_YAML, defaultEngine } from '../testing/default-engine';
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

describe('like with like', () => {
  it('every mode reaches the endpoint the scenario’s own mode picked, over seeds 1 to 8', () => {
    const { service } = defaultEngine();
    for (let seed = 1; seed <= 8; seed++) {
      const own = service.handle({ kind: 'trace', params: { ...FLOW, seed } });
      if (own.kind !== 'trace') throw new Error(JSON.stringify(own));
      const reply = service.handle({
        kind: 'compare-modes',
        params: { ...FLOW, seed },
        // (userspace delivers to kube-proxy's own socket first; its second connection is not matched yet)
        modes: ['iptables', 'nftables', 'ipvs'],
      });
      if (reply.kind !== 'modes') throw new Error(JSON.stringify(reply));
      for (const o of reply.outcomes) {
        if (o.kind !== 'traced') throw new Error(`${o.mode}: ${o.error}`);
        expect(o.deliveredTo, `${o.mode} seed ${seed}`).toEqual(own.trace.deliveredTo);
      }
    }
  });

  it('says why when the KubeProxyConfiguration is a version the loader ignores', () => {
    const service = createRequestHandler();
    service.handle({
      kind: 'load',
      text: DEFAULT_YAML.replace('kubeproxy.config.k8s.io/v1alpha1', 'kubeproxy.config.k8s.io/v1alpha2'),
    });
    const reply = service.handle({ kind: 'compare-modes', params: FLOW, modes: ['iptables', 'nftables'] });
    expect(reply).toMatchObject({ kind: 'modes', outcomes: [] });
    expect(reply.kind === 'modes' && reply.unchangeable).toBe(
      'The KubeProxyConfiguration (document 2) is kubeproxy.config.k8s.io/v1alpha2, which Podpath does not read (it reads kubeproxy.config.k8s.io/v1alpha1), so every mode would really run as iptables. Change its apiVersion to compare modes.',
    );
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
      // 9 generated Services and kube-apiserver's default/kubernetes.
      target: 'svc/default/s8:80',
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
    // default/web, default/kubernetes and kube-system/kube-dns.
    expect(reply.point.services).toBe(3);
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
