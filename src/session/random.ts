import type { RandomStream } from './kernel.js';

/** A seeded uniform stream (xoshiro128**): fast, good quality, reproducible from TF1's two op seeds. */
export function makeStream(seed: number, seed2: number): RandomStream {
  if (seed === 0 && seed2 === 0) {
    // TF1: both seeds zero means "nondeterministic".
    seed = (Math.random() * 2 ** 32) >>> 0;
    seed2 = (Math.random() * 2 ** 32) >>> 0;
  }
  // splitmix32 spreads the two seeds over the 128-bit state.
  let x = (seed ^ Math.imul(seed2, 0x9e3779b9)) >>> 0;
  const mix = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = mix(),
    b = mix(),
    c = mix(),
    d = mix();
  return {
    next(): number {
      const r = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = rotl(d, 11);
      return r / 4294967296;
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
