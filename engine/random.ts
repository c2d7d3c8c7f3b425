// The engine's only source of randomness: a seeded xoroshiro128+ (pure-rand), so the same scenario, seed
// and request give the same trace byte for byte. No Math.random in engine/.
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

export class SeededRandom {
  private readonly rng: RandomGenerator;

  constructor(readonly seed: number) {
    this.rng = xoroshiro128plus(seed | 0);
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
