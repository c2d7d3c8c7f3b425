import { describe, expect, it } from 'vitest';
import { base32Encode } from './base32';
import { servicePortChainHash, servicePortEndpointChainHash } from './kube-proxy-hash';

describe('base32Encode', () => {
  it('matches the RFC 4648 test vectors', () => {
    const cases: [string, string][] = [
      ['', ''],
      ['f', 'MY======'],
      ['fo', 'MZXQ===='],
      ['foo', 'MZXW6==='],
      ['foob', 'MZXW6YQ='],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI======'],
    ];
    for (const [input, output] of cases) expect(base32Encode(new TextEncoder().encode(input))).toBe(output);
  });
});

describe('kube-proxy chain-name hashes (kube-proxy.md §1.3, proxier_test.go fixtures)', () => {
  it('hashes service ports', () => {
    expect(servicePortChainHash('ns1/svc1:p80', 'tcp')).toBe('XPGD46QRK7WJZT7O');
    expect(servicePortChainHash('ns2/svc2:p80', 'tcp')).toBe('GNZBNJ2PO5MGZ6GT');
    expect(servicePortChainHash('ns3/svc3:p80', 'tcp')).toBe('X27LE4BHSL4DOUIK');
    expect(servicePortChainHash('ns4/svc4:p80', 'tcp')).toBe('4SW47YFZTEDKD3PK');
    expect(servicePortChainHash('ns5/svc5:p80', 'tcp')).toBe('NUKIZ6OKUXPJNT4C');
  });

  it('hashes endpoints', () => {
    expect(servicePortEndpointChainHash('ns1/svc1:p80', 'tcp', '10.180.0.1:80')).toBe('SXIVWICOYRO3J4NJ');
    expect(servicePortEndpointChainHash('ns4/svc4:p80', 'tcp', '10.180.0.5:80')).toBe('C6EBXVWJJZMIWKLZ');
    expect(servicePortEndpointChainHash('ns5/svc5:p80', 'tcp', '10.180.0.3:80')).toBe('I77PXRDZVX7PMWMN');
    expect(servicePortEndpointChainHash('ns4/svc4:p80', 'tcp', '10.180.0.4:80')).toBe('UKSFD7AGPMPPLUHC');
  });
});

describe('sha256ShortAscii', () => {
  it('agrees with @noble/hashes for every length it accepts', async () => {
    const { sha256 } = await import('@noble/hashes/sha2.js');
    const { sha256ShortAscii } = await import('./sha256-short');
    let text = '';
    for (let n = 0; n <= 55; n++) {
      expect(Buffer.from(sha256ShortAscii(text)!).toString('hex')).toBe(
        Buffer.from(sha256(new TextEncoder().encode(text))).toString('hex'),
      );
      text += String.fromCharCode(33 + ((n * 7) % 90));
    }
    expect(sha256ShortAscii('x'.repeat(56))).toBeNull();
    expect(sha256ShortAscii('ü')).toBeNull();
  });

  it('sha256Ascii agrees with @noble/hashes at every length across the block boundaries', async () => {
    const { sha256 } = await import('@noble/hashes/sha2.js');
    const { sha256Ascii } = await import('./sha256-ascii');
    let text = '';
    for (let n = 0; n <= 200; n++) {
      expect([n, Buffer.from(sha256Ascii(text)!).toString('hex')]).toEqual([
        n,
        Buffer.from(sha256(new TextEncoder().encode(text))).toString('hex'),
      ]);
      text += String.fromCharCode(32 + ((n * 11) % 95));
    }
    expect(sha256Ascii('a'.repeat(100) + 'é')).toBeNull();
  });

  it('falls back to noble for long names', () => {
    const long = 'a-very-long-namespace-name/a-very-long-service-name:http-metrics';
    expect(long.length + 3).toBeGreaterThan(55);
    expect(servicePortChainHash(long, 'tcp')).toMatch(/^[A-Z2-7]{16}$/);
  });
});
