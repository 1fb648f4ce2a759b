/**
 * A seeded pseudo-random generator for reproducible draws (专家随机抽取可复核).
 *
 * Pure JavaScript so the domain stays portable (browser, server, a re-run by an auditor): the seed
 * string's UTF-16 code units are hashed to 128 bits with cyrb128, which seed sfc32 (Chris Doty-
 * Humphrey's Small Fast Counter, 32-bit). The first 12 outputs are discarded, as sfc32's author
 * recommends, so similar seeds do not give similar first numbers. Not cryptographic: unpredictability
 * comes from the server choosing the seed with real randomness, reproducibility from recording it.
 *
 * Never change this file's arithmetic: recorded draws name RNG_ALGORITHM and must re-run exactly.
 * A new generator would be a new algorithm name beside this one.
 */
export const RNG_ALGORITHM = "cyrb128-sfc32-v1";

/** cyrb128: four 32-bit words (unsigned) from a string. */
export function hashSeed(seed: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044597);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044597);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export interface Rng {
  /** Uniform integer in [0, 2^32). */
  nextUint32(): number;
  /** Uniform integer in [0, n), without modulo bias (rejection sampling). */
  nextInt(n: number): number;
}

export function createRng(seed: string): Rng {
  let [a, b, c, d] = hashSeed(seed);
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  const TWO32 = 0x1_0000_0000;
  return {
    nextUint32: next,
    nextInt(n: number): number {
      if (!Number.isInteger(n) || n < 1 || n > TWO32)
        throw new RangeError(`随机范围必须是 1..2^32 的整数，收到 ${n}`);
      // Values at or above the largest multiple of n would make low results more likely.
      const limit = TWO32 - (TWO32 % n);
      for (;;) {
        const x = next();
        if (x < limit) return x % n;
      }
    },
  };
}
