// Reductions in two passes (few outputs over many elements: programs/reduce_split.ts) against the CPU backend: the
// article's bias gradient and test accuracy, every reduction kind and dtype, reduced dims apart in memory, the part
// cap, and random long shapes. SwiftShader is made to take the path, which is on by default on hardware adapters only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import type { DType } from '../../../src/framework/dtypes.js';
import type { NDArray } from '../../../src/framework/ndarray.js';
import { MAX_PARTS, SPLIT_PART, splitParts, useSplitReduce } from '../../../src/session/webgpu/programs/reduce_split.js';
import { expectParity, nd, op, tunedFilePair } from './harness.js';

type Kind = 'Sum' | 'Mean' | 'Prod' | 'Max' | 'Min' | 'Any' | 'All';

/** Deterministic values of `n` elements for a kind and dtype: the parity grid, ±1 and ±2 for Prod, 0/1 for bools. */
function values(kind: Kind, dtype: DType, n: number, seed: number): number[] {
  const h = (i: number): number => ((i + 1) * 2654435761 + seed * 40503) >>> 0;
  if (dtype === 'bool') return Array.from({ length: n }, (_, i) => (kind === 'All' ? Number(h(i) % 997 !== 0) : Number(h(i) % 997 === 0)));
  // Products of ±1 and ±2 (with few 2s and halves) are exact in any order.
  if (kind === 'Prod') return Array.from({ length: n }, (_, i) => [1, -1, 1, 1, 2, 0.5, -1, 1][h(i) % 8]! * (dtype === 'int32' && h(i) % 8 === 5 ? 2 : 1));
  if (dtype === 'int32') return Array.from({ length: n }, (_, i) => (h(i) % 201) - 100);
  return Array.from({ length: n }, (_, i) => ((h(i) % 8193) - 4096) / 1024);
}

describe('WebGPU equals the CPU backend: reductions in two passes', () => {
  const t = tunedFilePair(['splitReduce']);
  const { counts, sources } = t;

  /** `kind` of x over `axes` on both backends; sums and means against the same reduction of |x| as the scale. */
  async function check(kind: Kind, x: NDArray, axes: number[], keep = false): Promise<void> {
    const g = t.p.graph;
    await expectParity(
      t.p,
      g.as_default(() => {
        const px = tf.placeholder(x.dtype);
        const ax = tf.constant(Int32Array.from(axes), { dtype: 'int32' });
        const [out] = op(g, kind, [px, ax], { keep_dims: keep });
        const scale = kind === 'Sum' || kind === 'Mean' ? op(g, kind, [op(g, 'Abs', [px], {})[0]!, ax], { keep_dims: keep })[0]! : null;
        return { runs: [{ fetches: [out!], feeds: new Map([[px, x]]), scales: [scale] }] };
      }),
    );
  }

  const splitRan = (): boolean => sources.some((c) => c.includes('fn combineAll'));

  /** The WebGPU run's dispatches in `check`: two for a reduction in two passes, one otherwise. */
  async function dispatchesOf(kind: Kind, x: NDArray, axes: number[]): Promise<number> {
    const before = counts.dispatches;
    await check(kind, x, axes);
    return counts.dispatches - before;
  }

  it("the article's bias gradient: a column sum of [5500, 10]", async () => {
    expect(useSplitReduce(10, 5500)).toBe(true);
    await check('Sum', nd(values('Sum', 'float32', 55000, 1), [5500, 10], 'float32'), [0]);
    expect(splitRan()).toBe(true);
  });

  it("the article's test accuracy: the Mean of 10,000 zeros and ones", async () => {
    const hits = Array.from({ length: 10000 }, (_, i) => Number((i * 7919) % 11 !== 0));
    await check('Mean', nd(hits, [10000], 'float32'), [0]);
  });

  it('every kind on each of its dtypes, rows and columns, with and without keep_dims', async () => {
    const cases: [Kind, DType][] = [
      ['Sum', 'float32'],
      ['Sum', 'int32'],
      ['Mean', 'float32'],
      ['Mean', 'int32'],
      ['Prod', 'float32'],
      ['Prod', 'int32'],
      ['Max', 'float32'],
      ['Max', 'int32'],
      ['Min', 'float32'],
      ['Min', 'int32'],
      ['Any', 'bool'],
      ['All', 'bool'],
    ];
    for (const [kind, dtype] of cases) {
      // Prod of ints: at most 30 factors of 2 in a part's product, so nothing overflows int32.
      const x = nd(values(kind, dtype, 3 * 1500, 2), [3, 1500], dtype);
      await check(kind, x, [1]);
      await check(kind, nd(values(kind, dtype, 1500 * 3, 3), [1500, 3], dtype), [0], true);
    }
  });

  it('an int mean truncates toward zero, over the whole count', async () => {
    const x = nd(
      Array.from({ length: 2 * 2049 }, (_, i) => (i < 2049 ? -1 : i % 3)),
      [2, 2049],
      'int32',
    );
    await check('Mean', x, [1]);
  });

  it('a NaN among many makes Max and Min NaN, in whichever part it falls', async () => {
    for (const at of [0, 511, 512, 3999]) {
      const v = values('Max', 'float32', 4000, 4);
      v[at] = Number.NaN;
      await check('Max', nd(v, [4000], 'float32'), [0]);
      await check('Min', nd(v, [4000], 'float32'), [0]);
    }
  });

  it('reduced dims apart in memory: [6, 40, 2, 50] over axes 1 and 3, and over all but one', async () => {
    const x = nd(values('Sum', 'float32', 6 * 40 * 2 * 50, 5), [6, 40, 2, 50], 'float32');
    await check('Sum', x, [1, 3]);
    await check('Max', x, [0, 1, 3], true);
    await check('Sum', x, [0, 1, 2, 3]);
  });

  it('at the thresholds: 2·SPLIT_PART elements split, one fewer does not; a long one is capped at MAX_PARTS parts', async () => {
    expect(useSplitReduce(1, 2 * SPLIT_PART)).toBe(true);
    expect(useSplitReduce(1, 2 * SPLIT_PART - 1)).toBe(false);
    expect(useSplitReduce(64, 100000)).toBe(false);
    const at = (n: number, seed: number): NDArray => nd(values('Sum', 'float32', n, seed), [n], 'float32');
    expect(await dispatchesOf('Sum', at(2 * SPLIT_PART - 1, 6), [0])).toBe(1);
    expect(await dispatchesOf('Sum', at(2 * SPLIT_PART, 6), [0])).toBe(2);
    const long = MAX_PARTS * SPLIT_PART + 12345;
    expect(splitParts(long)).toBe(MAX_PARTS);
    expect(await dispatchesOf('Sum', at(long, 7), [0])).toBe(2);
    await check('Sum', at(2 * SPLIT_PART + 1, 8), [0]);
  });

  it('random long shapes and axes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1024, max: 6000 }), fc.integer({ min: 1, max: 4 })),
        fc.constantFrom<Kind>('Sum', 'Mean', 'Max'),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        async ([a, b, c], kind, middle, seed) => {
          const x = nd(values(kind, 'float32', a * b * c, seed), [a, b, c], 'float32');
          await check(kind, x, middle ? [1] : [0, 1]);
        },
      ),
      { numRuns: 8 },
    );
  });
});
