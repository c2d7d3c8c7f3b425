// The landing: the default scenario's flow, with the seed the app opens with, must cross the nodes over
// VXLAN, so a first visit shows the interesting part (issue 11).
import { describe, expect, it } from 'vitest';
import { defaultEngine } from '../testing/default-engine';
import { DEFAULT_FLOW, DEFAULT_SEED } from '../store/store';

describe('the default view', () => {
  it('plays a flow that crosses from node-1 to node-2 through flannel.1', () => {
    const { service } = defaultEngine();
    const reply = service.handle({ kind: 'trace', params: { ...DEFAULT_FLOW, seed: DEFAULT_SEED } });
    if (reply.kind !== 'trace') throw new Error(JSON.stringify(reply));
    const request = reply.trace.hops.filter((h) => h.direction === 'request');
    expect(request.some((h) => h.kind === 'vxlan-encap' && h.node === 'node-1')).toBe(true);
    expect(request.at(-1)?.node).toBe('node-2');
    expect(reply.trace.verdict).toBe('delivered');
  });
});
