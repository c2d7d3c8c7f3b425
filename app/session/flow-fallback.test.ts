// The flow falls back to something the new scenario has, with a sentence saying what changed.
import { describe, expect, it } from 'vitest';
import { defaultEngine } from '../testing/default-engine';
import { fallbackFlow, missingDestination, missingSource } from './flow-fallback';

const { summary } = defaultEngine();
const noFlows = { ...summary, flows: [] };

describe('fallbackFlow', () => {
  it('keeps a flow whose pod, node and Service all exist', () => {
    expect(fallbackFlow(summary, { from: 'pod/default/client', to: 'svc/default/web:http' })).toBeNull();
    expect(fallbackFlow(summary, { from: 'external/203.0.113.10', to: 'web:80' })).toBeNull();
    expect(fallbackFlow(summary, { from: 'node/node-1', to: 'http://example.com/' })).toBeNull();
  });

  it("uses the scenario's own flow when the old source is gone", () => {
    const f = fallbackFlow(summary, {
      from: 'pod/shop/frontend',
      to: 'svc/default/web:http',
      protocol: 'TCP',
    });
    expect(f?.flow).toEqual({ from: 'pod/default/client', to: 'svc/default/web:http', protocol: 'TCP' });
    expect(f?.sentence).toBe(
      "In this scenario there is no pod shop/frontend with an address, so the packet now follows the scenario's own flow “client-to-web”: from pod default/client to service default/web:http.",
    );
    expect(f?.sentence).not.toContain('--from');
  });

  it('without a declared flow, replaces only what is missing, application pods and Services first', () => {
    const from = fallbackFlow(noFlows, {
      from: 'pod/default/gone',
      to: 'svc/default/web:http',
      protocol: 'TCP',
    });
    expect(from?.flow).toEqual({ from: 'pod/default/client', to: 'svc/default/web:http', protocol: 'TCP' });
    expect(from?.sentence).toBe(
      'In this scenario there is no pod default/gone with an address, so the packet now starts at pod default/client.',
    );
    const to = fallbackFlow(noFlows, {
      from: 'pod/default/client',
      to: 'svc/shop/cart:http',
      protocol: 'UDP',
    });
    expect(to?.flow).toEqual({ from: 'pod/default/client', to: 'svc/default/web:http', protocol: 'TCP' });
    expect(to?.sentence).toBe(
      'In this scenario there is no Service shop/cart, so the packet now goes to service default/web:http.',
    );
  });

  it('names a Service port that is gone, and nodes that are gone', () => {
    expect(missingDestination(summary, 'svc/default/web:https')).toBe(
      'Service default/web has no port https',
    );
    expect(missingDestination(summary, 'svc/default/web:80')).toBeNull();
    expect(missingDestination(summary, 'node/node-9:30080')).toBe('there is no node node-9');
    expect(missingSource(summary, 'node/node-9')).toBe('there is no node node-9');
    const both = fallbackFlow(noFlows, { from: 'node/node-9', to: 'pod/x/y:80' });
    expect(both?.sentence).toBe(
      'In this scenario there is no node node-9 and there is no pod x/y with an address, so the packet now starts at pod default/client and goes to service default/web:http.',
    );
  });
});
