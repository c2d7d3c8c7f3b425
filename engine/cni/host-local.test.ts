import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidr, formatIpv4, ipv4 } from '../net/ipv4';
import { HostLocalConfigError, HostLocalIpam, canonicaliseRange, formatRangeSet } from './host-local';

const fresh = (subnet = '10.244.1.0/24'): HostLocalIpam =>
  new HostLocalIpam('cbr0', [canonicaliseRange(cidr(subnet))]);
const ipOf = (r: ReturnType<HostLocalIpam['add']>): string => (r.ok ? formatIpv4(r.ip) : r.error);

describe('host-local range canonicalisation (backend/allocator/range.go)', () => {
  it('defaults a /24 to .1-.254 with gateway .1 (the code, not the docs, which say .2)', () => {
    const r = canonicaliseRange(cidr('192.0.2.0/24'));
    expect([r.rangeStart, r.rangeEnd, r.gateway].map(formatIpv4)).toEqual([
      '192.0.2.1',
      '192.0.2.254',
      '192.0.2.1',
    ]);
    expect(formatRangeSet([r])).toBe('192.0.2.1-192.0.2.254');
    expect(formatRangeSet([canonicaliseRange(cidr('192.0.2.0/25'))])).toBe('192.0.2.1-192.0.2.126');
  });

  it('rejects what the plugin rejects, with its words', () => {
    expect(() => canonicaliseRange(cidr('192.0.2.0/31'))).toThrow(
      'Network 192.0.2.0/31 too small to allocate from',
    );
    expect(() => canonicaliseRange(cidr('192.0.2.5/24'))).toThrow(
      'Network has host bits set. For a subnet mask of length 24 the network address is 192.0.2.0',
    );
    expect(() => canonicaliseRange(cidr('10.1.0.0/16'), { rangeStart: ipv4('10.0.0.5') })).toThrow(
      new HostLocalConfigError('RangeStart 10.0.0.5 not in network 10.1.0.0/16'),
    );
  });
});

describe('host-local allocation (allocator.go)', () => {
  it('gives the first pod .2 because the gateway .1 is skipped, then .3', () => {
    const ipam = fresh('10.1.2.0/24');
    expect(ipOf(ipam.add('c1', 'eth0'))).toBe('10.1.2.2');
    expect(ipOf(ipam.add('c2', 'eth0'))).toBe('10.1.2.3');
    expect(formatIpv4(ipam.lastReservedIP()!)).toBe('10.1.2.3');
  });

  it('round-robins from last_reserved_ip + 1: a released address is not reused until the range wraps', () => {
    const ipam = fresh();
    ipam.add('a', 'eth0'); // .2
    ipam.add('b', 'eth0'); // .3
    ipam.del('a', 'eth0');
    expect(ipOf(ipam.add('c', 'eth0'))).toBe('10.244.1.4');
  });

  it('wraps from rangeEnd back to rangeStart and finds the freed address there', () => {
    const ipam = fresh('10.0.0.0/29'); // .1-.6, gateway .1
    for (const id of ['a', 'b', 'c', 'd', 'e']) ipam.add(id, 'eth0'); // .2-.6
    ipam.del('b', 'eth0'); // frees .3
    expect(ipOf(ipam.add('f', 'eth0'))).toBe('10.0.0.3');
  });

  it('reports exhaustion with the verbatim message, range shown from .1', () => {
    const ipam = fresh('10.0.0.0/29');
    for (const id of ['a', 'b', 'c', 'd', 'e']) ipam.add(id, 'eth0');
    expect(ipOf(ipam.add('x', 'eth0'))).toBe(
      'failed to allocate for range 0: no IP addresses available in range set: 10.0.0.1-10.0.0.6',
    );
    const full = fresh();
    for (let i = 0; i < 253; i++) full.add(`c${i}`, 'eth0');
    expect(ipOf(full.add('one-too-many', 'eth0'))).toBe(
      'failed to allocate for range 0: no IP addresses available in range set: 10.244.1.1-10.244.1.254',
    );
  });

  it('honours a requested IP (CNI_ARGS IP=) and moves last_reserved_ip to it', () => {
    const ipam = fresh();
    expect(ipOf(ipam.add('a', 'eth0', ipv4('10.244.1.50')))).toBe('10.244.1.50');
    expect(ipOf(ipam.add('b', 'eth0'))).toBe('10.244.1.51');
  });

  it('refuses a requested IP that is taken, or is the gateway', () => {
    const ipam = fresh();
    ipam.add('a', 'eth0'); // .2
    expect(ipOf(ipam.add('b', 'eth0', ipv4('10.244.1.2')))).toBe(
      'failed to allocate for range 0: requested IP address 10.244.1.2 is not available in range set 10.244.1.1-10.244.1.254',
    );
    expect(ipOf(ipam.add('b', 'eth0', ipv4('10.244.1.1')))).toBe(
      "failed to allocate for range 0: requested ip 10.244.1.1 is subnet's gateway",
    );
  });

  it('fails a requested IP outside the range set only after allocating (and releasing) one, as main.go does', () => {
    const ipam = fresh();
    expect(ipOf(ipam.add('a', 'eth0', ipv4('10.244.9.9')))).toBe(
      'failed to allocate all requested IPs: 10.244.9.9',
    );
    expect(ipam.reservedIPs()).toEqual([]);
    // last_reserved_ip kept the advance to .2, so the next pod gets .3.
    expect(ipOf(ipam.add('b', 'eth0'))).toBe('10.244.1.3');
  });

  it('refuses a second ADD for the same (containerID, ifname)', () => {
    const ipam = fresh();
    ipam.add('abc', 'eth0');
    expect(ipOf(ipam.add('abc', 'eth0'))).toBe(
      'failed to allocate for range 0: 10.244.1.2 has been allocated to abc, duplicate allocation is not allowed',
    );
  });

  it('shows the data dir backend/disk would write: `id\\r\\nifname` per IP, last_reserved_ip.0, lock', () => {
    const ipam = fresh();
    ipam.add('c0ffee', 'eth0');
    expect([...ipam.dataDirView()]).toEqual([
      ['/var/lib/cni/networks/cbr0/10.244.1.2', 'c0ffee\r\neth0'],
      ['/var/lib/cni/networks/cbr0/last_reserved_ip.0', '10.244.1.2'],
      ['/var/lib/cni/networks/cbr0/lock', ''],
    ]);
  });
});

describe('host-local properties', () => {
  // A run of ADDs and DELs against a small range.
  const ops = fc.array(fc.oneof(fc.constant<'add'>('add'), fc.integer({ min: 0, max: 40 })), {
    maxLength: 120,
  });

  it('never hands out the gateway, the network or broadcast address, or one address twice', () => {
    fc.assert(
      fc.property(ops, (script) => {
        const ipam = fresh('10.9.0.0/27'); // .1-.30
        const live = new Map<number, string>();
        let n = 0;
        for (const op of script) {
          if (op === 'add') {
            const id = `c${n++}`;
            const r = ipam.add(id, 'eth0');
            if (!r.ok) {
              expect(live.size).toBe(29);
              continue;
            }
            expect(formatIpv4(r.ip)).not.toMatch(/^10\.9\.0\.(0|1|31)$/);
            expect(live.has(r.ip)).toBe(false);
            live.set(r.ip, id);
          } else {
            const victim = [...live.entries()][op % Math.max(1, live.size)];
            if (victim) {
              ipam.del(victim[1], 'eth0');
              live.delete(victim[0]);
            }
          }
        }
      }),
    );
  });

  it('allocates consecutively after the last reservation while nothing is freed (round-robin)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 254 }), fc.integer({ min: 1, max: 20 }), (start, count) => {
        const ipam = fresh();
        const first = ipam.add('seed', 'eth0', ipv4(`10.244.1.${start}`));
        expect(first.ok).toBe(true);
        let expected = start;
        for (let i = 0; i < count; i++) {
          expected = expected === 254 ? 2 : expected + 1; // wrap to rangeStart .1, which is the gateway
          expect(ipOf(ipam.add(`c${i}`, 'eth0'))).toBe(`10.244.1.${expected}`);
        }
      }),
    );
  });
});
