// SHA-256 of ASCII text without allocating: kube-proxy hashes 150,000 short "ns/svc:porttcpIP:port"
// strings per sync at the documented limits, the ReplicaSet controller's stand-in hashes 10,000 pod
// templates, and a general-purpose hasher spends most of its time setting up (encoding the text into a
// fresh buffer, views, a hasher object). Text with a character past ASCII returns null, so the caller can
// fall back to a general hasher over its UTF-8.
// The words are kept in Int32Arrays: a Uint32Array reads values over 2^31 as doubles, not small integers,
// and that made each hash about three times slower.
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const block = new Uint8Array(64);
const W = new Int32Array(64);
const H = new Int32Array(8);
const digest = new Uint8Array(32);

/** One 64-byte block (in `block`) into the state `H`. */
function compress(): void {
  for (let i = 0; i < 16; i++) {
    W[i] = (block[i * 4]! << 24) | (block[i * 4 + 1]! << 16) | (block[i * 4 + 2]! << 8) | block[i * 4 + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const w15 = W[i - 15]!;
    const w2 = W[i - 2]!;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = H[0]!;
  let b = H[1]!;
  let c = H[2]!;
  let d = H[3]!;
  let e = H[4]!;
  let f = H[5]!;
  let g = H[6]!;
  let h = H[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + K[i]! + W[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  H[0] = (H[0]! + a) | 0;
  H[1] = (H[1]! + b) | 0;
  H[2] = (H[2]! + c) | 0;
  H[3] = (H[3]! + d) | 0;
  H[4] = (H[4]! + e) | 0;
  H[5] = (H[5]! + f) | 0;
  H[6] = (H[6]! + g) | 0;
  H[7] = (H[7]! + h) | 0;
}

/**
 * The digest of an ASCII string of any length, or null when it holds a character past ASCII. The buffer
 * is reused by the next call: read it at once.
 */
export function sha256Ascii(text: string): Uint8Array | null {
  const n = text.length;
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) > 0x7f) return null;
  for (let i = 0; i < 8; i++) H[i] = IV[i]!;
  let at = 0;
  // Whole blocks of the text, then the last part with the 0x80 marker and the length in bits.
  for (; at + 64 <= n; at += 64) {
    for (let i = 0; i < 64; i++) block[i] = text.charCodeAt(at + i);
    compress();
  }
  const rest = n - at;
  for (let i = 0; i < rest; i++) block[i] = text.charCodeAt(at + i);
  block[rest] = 0x80;
  if (rest + 1 > 56) {
    block.fill(0, rest + 1, 64);
    compress();
    block.fill(0, 0, 56);
  } else block.fill(0, rest + 1, 56);
  // The length fits 32 bits for any string a scenario holds (V8 strings stop at 2^29 characters).
  const bits = n * 8;
  block[56] = 0;
  block[57] = 0;
  block[58] = 0;
  block[59] = Math.floor(bits / 2 ** 32) & 0xff;
  block[60] = bits >>> 24;
  block[61] = (bits >>> 16) & 0xff;
  block[62] = (bits >>> 8) & 0xff;
  block[63] = bits & 0xff;
  compress();
  for (let i = 0; i < 8; i++) {
    const v = H[i]!;
    digest[i * 4] = v >>> 24;
    digest[i * 4 + 1] = (v >>> 16) & 0xff;
    digest[i * 4 + 2] = (v >>> 8) & 0xff;
    digest[i * 4 + 3] = v & 0xff;
  }
  return digest;
}
