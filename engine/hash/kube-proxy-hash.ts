// kube-proxy's chain-name hashes: base32(sha256(...)) cut to 16 characters, because iptables chain names
// may be at most 28 characters (pkg/proxy/iptables/proxier.go portProtoHash, servicePortEndpointChainName).
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { base32Encode } from './base32';
import { sha256ShortAscii } from './sha256-short';

function hash16(text: string): string {
  // Nearly every name fits one SHA-256 block; noble hashes the rest (and checks the fast path in tests).
  return base32Encode(sha256ShortAscii(text) ?? sha256(utf8ToBytes(text)), 16);
}

/**
 * The 16 characters shared by a service port's KUBE-SVC-, KUBE-SVL-, KUBE-EXT- and KUBE-FW- chains.
 * `svcPortName` is `namespace/name` plus `:port` when the port is named; `proto` is lowercase.
 */
export function servicePortChainHash(svcPortName: string, proto: string): string {
  return hash16(svcPortName + proto);
}

/** The 16 characters of a KUBE-SEP- chain; `endpoint` is `IP:port` as Go's net.JoinHostPort writes it. */
export function servicePortEndpointChainHash(svcPortName: string, proto: string, endpoint: string): string {
  return hash16(svcPortName + proto + endpoint);
}

/**
 * nftables mode's chain and set names (pkg/proxy/nftables/proxier.go hashAndTruncate): the first 8 base32
 * characters of sha256(name), a dash, the readable name itself, cut to 240 characters with `...`.
 */
export function hashAndTruncate(name: string): string {
  const digest = sha256ShortAscii(name) ?? sha256(utf8ToBytes(name));
  const full = `${base32Encode(digest, 8)}-${name}`;
  return full.length > 240 ? full.slice(0, 237) + '...' : full;
}
