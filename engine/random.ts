// The engine's only source of randomness: a seeded xoroshiro128+ (pure-rand), so the same scenario, seed
// and request give the same trace byte for byte. No Math.random in engine/.
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

export class SeededRandom {
  private readonly rng: RandomGenerator;

  constructor(readonly seed: number) {
    // Neighbouring seeds (1, 2, 3…) give nearly identical first outputs from xoroshiro128+ seeded directly,
    // so the seed is first spread with MurmurHash3's fmix32 finaliser and the first outputs are skipped.
    // Seeds past 2^32 (the CLI takes up to 2^53−1) fold their high bits in, so 2^32 and 0 differ; smaller
    // seeds (and the negative 32-bit ones hashes give) are spread exactly as before, so existing traces stay byte-identical.
    const high = seed > 0xffffffff ? Math.floor(seed / 0x100000000) : 0;
    this.rng = xoroshiro128plus(fmix32((seed | 0) ^ (high === 0 ? 0 : fmix32(high))));
    for (let i = 0; i < 8; i++) this.rng.next();
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return uniformInt(this.rng, min, max);
  }

  /** Uniform draw in [0, 1) with 2^31 steps: the granularity of xt_statistic's random mode. */
  unit(): number {
    return this.int(0, 0x7fffffff) / 0x80000000;
  }
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
