// RFC 4648 base32 (Go's base32.StdEncoding): the alphabet kube-proxy's chain-name hashes are written in.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Encodes bytes as RFC 4648 base32 with `=` padding. `maxChars` stops early: kube-proxy keeps only the
 * first 16 characters (80 bits), so encoding 10 bytes of a 32-byte digest is enough and saves work at
 * 150,000 endpoint chains.
 */
export function base32Encode(bytes: Uint8Array, maxChars = Infinity): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < bytes.length && out.length < maxChars; i++) {
    buffer = ((buffer << 8) | bytes[i]!) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < maxChars) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (out.length >= maxChars) return out;
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}
