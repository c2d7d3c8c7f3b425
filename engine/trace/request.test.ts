// The destination of a trace request: a Service port chosen by name still honours the protocol asked for,
// because a packet carries a number and a protocol, never a port name.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCluster } from '../cluster/cluster';
import { traceConnection } from './trace';

const text = readFileSync(new URL('../../scenarios/default.yaml', import.meta.url), 'utf8');
const { cluster } = loadCluster(text);

const trace = (to: string, protocol?: 'TCP' | 'UDP') =>
  traceConnection(cluster!, cluster!, {
    from: 'pod/default/client',
    to,
    seed: 1,
    ...(protocol && { protocol }),
  });

describe('a Service port by name with a protocol', () => {
  it("kube-dns's `dns` port is 53/UDP; asked for TCP, the packet is TCP to 53 (the `dns-tcp` rules)", () => {
    const udp = trace('svc/kube-system/kube-dns:dns');
    expect(udp.request.protocol).toBe('udp');
    const tcp = trace('svc/kube-system/kube-dns:dns', 'TCP');
    expect(tcp.request.protocol).toBe('tcp');
    expect(tcp.request.label).toBe('service kube-system/kube-dns:dns-tcp');
    expect(tcp.verdict).toBe('delivered');
    expect(tcp.deliveredTo?.port).toBe(53);
  });

  it('says so when the Service has no port of that number in the other protocol', () => {
    expect(() => trace('svc/kube-system/kube-dns:metrics', 'UDP')).toThrow(
      'Service kube-system/kube-dns port metrics is 9153/TCP, and the Service has no UDP port 9153',
    );
  });

  it('a port asked for by number picks the one with the protocol', () => {
    expect(trace('svc/kube-system/kube-dns:53', 'TCP').request.label).toBe(
      'service kube-system/kube-dns:dns-tcp',
    );
    expect(trace('svc/kube-system/kube-dns:53', 'UDP').request.label).toBe(
      'service kube-system/kube-dns:dns',
    );
  });
});
