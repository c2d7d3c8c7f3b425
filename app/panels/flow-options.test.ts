// The From and To lists the flow chooser offers, on the real engine's summary of the default scenario.
import { describe, expect, it } from 'vitest';
import { defaultEngine } from '../testing/default-engine';
import { destinationForProtocol, destinationOptions, sourceOptions } from './flow-options';

const { summary } = defaultEngine();

describe('destinationOptions', () => {
  it('lists each value once (CoreDNS declares 53 twice, once per protocol; React keys them by value)', () => {
    const values = destinationOptions(summary).map((o) => o.value);
    expect(values.length).toBeGreaterThan(0);
    expect(new Set(values).size).toBe(values.length);
    const coredns = values.filter((v) => /^pod\/kube-system\/coredns-.*:53$/.test(v));
    expect(coredns).toHaveLength(2); // two CoreDNS pods, one entry each
    const sources = sourceOptions(summary).map((o) => o.value);
    expect(new Set(sources).size).toBe(sources.length);
  });

  it("gives each Service port its protocol and its same-numbered twin's value", () => {
    const dns = destinationOptions(summary).find((o) => o.value === 'svc/kube-system/kube-dns:dns');
    expect(dns).toMatchObject({ protocol: 'UDP', sibling: 'svc/kube-system/kube-dns:dns-tcp' });
    const web = destinationOptions(summary).find((o) => o.value === 'svc/default/web:http');
    expect(web).toMatchObject({ protocol: 'TCP' });
    expect(web?.sibling).toBeUndefined();
  });
});

describe('destinationForProtocol', () => {
  const options = destinationOptions(summary);
  it('switches a Service port to its twin of the chosen protocol', () => {
    expect(destinationForProtocol(options, 'svc/kube-system/kube-dns:dns', 'TCP')).toBe(
      'svc/kube-system/kube-dns:dns-tcp',
    );
    expect(destinationForProtocol(options, 'svc/kube-system/kube-dns:dns-tcp', 'UDP')).toBe(
      'svc/kube-system/kube-dns:dns',
    );
  });

  it('leaves alone what has no twin, and what is already that protocol', () => {
    expect(destinationForProtocol(options, 'svc/default/web:http', 'UDP')).toBe('svc/default/web:http');
    expect(destinationForProtocol(options, 'svc/kube-system/kube-dns:dns', 'UDP')).toBe(
      'svc/kube-system/kube-dns:dns',
    );
    expect(destinationForProtocol(options, 'pod/default/client:80', 'UDP')).toBe('pod/default/client:80');
  });
});
