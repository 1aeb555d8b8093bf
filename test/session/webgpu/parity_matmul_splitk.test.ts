// MatMul's split-K path (skinny C, long K: programs/matmul_splitk.ts) against the CPU backend: the article's
// two products, odd sizes with ragged 4×4 blocks, every transpose, int32, and random skinny shapes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DType } from '../../../src/framework/dtypes.js';
import { K_PART, kParts, MAX_K_PARTS, useSplitK } from '../../../src/session/webgpu/programs/matmul_splitk.js';
import { feedThrough, valuesOf } from './cases_math.js';
import { arrayOf, expectParity, nd, op, tunedFilePair } from './harness.js';

/** An array of `shape` with deterministic values on the parity grid (multiples of 1/1024 in [-4, 4]). */
function grid(shape: number[], seed: number): ReturnType<typeof nd> {
  const n = shape.reduce((a, b) => a * b, 1);
  return nd(
    Array.from({ length: n }, (_, i) => ((((i * 2654435761 + seed * 40503) >>> 0) % 8193) - 4096) / 1024),
    shape,
    'float32',
  );
}

describe('WebGPU equals the CPU backend: MatMul by split-K', () => {
  const t = tunedFilePair(['splitK', 'splitKParts']);
  const { counts, sources } = t;

  /** MatMul of a [M,K] (or [K,M]) by b [K,N] (or [N,K]) on both backends, with Σ|a||b| as the scale. */
  async function check(M: number, N: number, K: number, ta: boolean, tb: boolean, dtype: DType = 'float32'): Promise<void> {
    expect(useSplitK(M, N, K)).toBe(true);
    const a =
      dtype === 'float32'
        ? grid(ta ? [K, M] : [M, K], 1)
        : nd(
            Array.from({ length: M * K }, (_, i) => (i % 11) - 5),
            ta ? [K, M] : [M, K],
            dtype,
          );
    const b =
      dtype === 'float32'
        ? grid(tb ? [N, K] : [K, N], 2)
        : nd(
            Array.from({ length: K * N }, (_, i) => (i % 7) - 3),
            tb ? [N, K] : [K, N],
            dtype,
          );
    const g = t.p.graph;
    await expectParity(
      t.p,
      feedThrough(
        g,
        [a, b],
        (ph) => op(g, 'MatMul', ph, { transpose_a: ta, transpose_b: tb }),
        (ph) => {
          const abs = (t: ReturnType<typeof op>[number]) => op(g, 'Abs', [t], {})[0]!;
          return op(g, 'MatMul', [abs(ph[0]!), abs(ph[1]!)], { transpose_a: ta, transpose_b: tb });
        },
      ),
    );
  }

  it("the article's forward product, [5500,784]·[784,10]", async () => {
    await check(5500, 10, 784, false, false);
    expect(sources.some((c) => c.includes('var<workgroup> part'))).toBe(true); // the split-K program ran
  });
  it("the article's weight gradient, [784,5500]ᵀ·[5500,10]", () => check(784, 10, 5500, true, false));
  it('K split across workgroups: the partials of each part added up by a second dispatch', async () => {
    const dispatches = async (M: number, N: number, K: number, ta: boolean, tb: boolean): Promise<number> => {
      const before = counts.dispatches;
      await check(M, N, K, ta, tb);
      return counts.dispatches - before;
    };
    expect(kParts(5500)).toBe(11);
    expect(await dispatches(784, 10, 5500, true, false)).toBe(2);
    expect(await dispatches(7, 5, K_PART, false, true)).toBe(1); // one part: no partials
    expect(await dispatches(7, 5, K_PART + 1, true, true)).toBe(2); // a second part of one product
    expect(kParts(MAX_K_PARTS * K_PART * 2)).toBe(MAX_K_PARTS); // capped: longer parts
    expect(await dispatches(3, 2, MAX_K_PARTS * K_PART + 700, false, false)).toBe(2);
    t.tuning.splitKParts = false;
    try {
      expect(await dispatches(784, 10, 5500, true, false)).toBe(1);
    } finally {
      t.tuning.splitKParts = true;
    }
  });
  it('odd sizes: ragged blocks, K not a multiple of 64, every transpose', async () => {
    for (const [ta, tb] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      await check(37, 3, 257, ta, tb);
      await check(1, 13, 129, ta, tb);
      await check(5, 301, 1000, ta, tb); // skinny the other way: M small, N wide
    }
  });
  it('int32, exactly, in one part and in three', async () => {
    await check(9, 6, 333, false, true, 'int32');
    await check(9, 6, 1333, true, false, 'int32');
  });
  it('random skinny shapes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .tuple(
            fc.integer({ min: 1, max: 16 }),
            fc.integer({ min: 1, max: 24 }),
            fc.integer({ min: 128, max: 1200 }),
            fc.boolean(),
            fc.boolean(),
            fc.boolean(),
          )
          .chain(([s, w, K, swap, ta, tb]) => {
            const [M, N] = swap ? [w, s] : [s, w];
            return fc.tuple(
              arrayOf(ta ? [K, M] : [M, K], 'float32', valuesOf('float32')),
              arrayOf(tb ? [N, K] : [K, N], 'float32', valuesOf('float32')),
              fc.constant([ta, tb] as const),
            );
          }),
        async ([a, b, [ta, tb]]) => {
          const g = t.p.graph;
          // the tolerance scales with Σ|a||b|, as check's: split-K sums in another order than the CPU's products
          await expectParity(
            t.p,
            feedThrough(
              g,
              [a, b],
              (ph) => op(g, 'MatMul', ph, { transpose_a: ta, transpose_b: tb }),
              (ph) => {
                const abs = (t: ReturnType<typeof op>[number]) => op(g, 'Abs', [t], {})[0]!;
                return op(g, 'MatMul', [abs(ph[0]!), abs(ph[1]!)], { transpose_a: ta, transpose_b: tb });
              },
            ),
          );
        },
      ),
      { numRuns: 4 },
    );
  });
});
