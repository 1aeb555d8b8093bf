// A float32 reduction's result is a float32 value: TF1 (Eigen's float accumulator) and NumPy give
// reduce_mean([3e38, 3e38]) = inf, since the float32 sum 6e38 overflows before the division. The CPU
// backend sums in doubles (exact for ordinary inputs, and the tutorial prints those results to the
// last digit); a mean whose sum does not fit in float32 must still be ±inf, on every path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { WebGpuBackend } from '../../src/session/webgpu/backend.js';
import { NO_ADAPTER } from './webgpu/harness.js';

async function session(g: tf.Graph, backend: 'cpu' | 'webgpu'): Promise<tf.Session> {
  const sess = new tf.Session({ graph: g, backend });
  if (backend === 'webgpu' && !((await sess.getBackend()) instanceof WebGpuBackend)) throw new Error(NO_ADAPTER);
  return sess;
}

function reductions() {
  const g = new tf.Graph();
  return g.as_default(() => {
    const x = tf.placeholder(tf.float32, [null, null]);
    const c = tf.constant([3e38, 3e38], { dtype: tf.float32 });
    return {
      g,
      x,
      meanConst: tf.reduce_mean(c),
      sumConst: tf.reduce_sum(c),
      meanAll: tf.reduce_mean(x),
      mean0: tf.reduce_mean(x, { axis: 0 }),
      mean1: tf.reduce_mean(x, { axis: 1 }),
      sum1: tf.reduce_sum(x, { axis: 1 }),
    };
  });
}

/** A [rows, 256] float32 array of ones, with `big` at the given [row, col] entries. */
function withBig(rows: number, big: number, at: readonly [number, number][]): Float32Array {
  const a = new Float32Array(rows * 256).fill(1);
  for (const [r, c] of at) a[r * 256 + c] = big;
  return a;
}

for (const backend of ['cpu', 'webgpu'] as const) {
  describe(`float32 reduce_mean overflows to inf as TF1's float accumulator does (${backend})`, () => {
    it('reduce_mean of float32 [3e38, 3e38] is inf; of [-3e38, -3e38], -inf; reduce_sum too', async () => {
      const m = reductions();
      const sess = await session(m.g, backend);
      const [mean, sum] = await sess.run([m.meanConst, m.sumConst] as const);
      expect(mean.item()).toBe(Infinity);
      expect(sum.item()).toBe(Infinity);
      const neg = await sess.run(m.meanAll, new Map([[m.x, [[-3e38, -3e38]]]]));
      expect(neg.item()).toBe(-Infinity);
      sess.close();
    });

    it('along either axis of a large fed array, only the overflowing means are inf', async () => {
      const m = reductions();
      const sess = await session(m.g, backend);
      const x = new tf.NDArray(
        withBig(4, 3e38, [
          [1, 10],
          [1, 200],
          [3, 5],
        ]),
        [4, 256],
        'float32',
      );
      const [mean1, sum1, mean0, all] = await sess.run([m.mean1, m.sum1, m.mean0, m.meanAll] as const, new Map([[m.x, x]]));
      expect(Array.from(mean1.data)).toEqual([1, Infinity, 1, Math.fround((3e38 + 255) / 256)]);
      expect(Array.from(sum1.data)).toEqual([256, Infinity, 256, Math.fround(3e38 + 255)]);
      expect(mean0.data[10]).toBe(Math.fround((3e38 + 3) / 4));
      expect(all.item()).toBe(Infinity);
      const [, col] = await sess.run(
        [m.mean1, m.mean0] as const,
        new Map([
          [
            m.x,
            new tf.NDArray(
              withBig(4, 3e38, [
                [0, 7],
                [2, 7],
              ]),
              [4, 256],
              'float32',
            ),
          ],
        ]),
      );
      expect(col.data[7]).toBe(Infinity);
      expect(col.data[8]).toBe(1);
      sess.close();
    });
  });
}

describe('ordinary float32 means are unchanged on the CPU: the double sum, divided once, rounded once', () => {
  it('for random fed inputs, along each axis and over all', async () => {
    const m = reductions();
    const sess = await session(m.g, 'cpu');
    const value = fc.float({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 70 }),
        fc.array(value, { minLength: 350, maxLength: 350 }),
        async (rows, cols, pool) => {
          const data = Float32Array.from({ length: rows * cols }, (_, i) => pool[i % pool.length]!);
          const [all, m0, m1] = await sess.run([m.meanAll, m.mean0, m.mean1] as const, new Map([[m.x, new tf.NDArray(data, [rows, cols], 'float32')]]));
          const at = (r: number, c: number): number => data[r * cols + c]!;
          // The double sum from 0, divided once; a reduction over size-1 dims only is the value itself (-0 stays -0, as in TF1).
          const mean = (xs: number[]): number => (xs.length === 1 ? xs[0]! : Math.fround(xs.reduce((a, b) => a + b, 0) / xs.length));
          const rowsOf = [...Array(rows).keys()];
          const colsOf = [...Array(cols).keys()];
          expect(all.item()).toBe(mean(rowsOf.flatMap((r) => colsOf.map((c) => at(r, c)))));
          colsOf.forEach((c) => expect(m0.data[c]).toBe(mean(rowsOf.map((r) => at(r, c)))));
          rowsOf.forEach((r) => expect(m1.data[r]).toBe(mean(colsOf.map((c) => at(r, c)))));
        },
      ),
      { numRuns: 60 },
    );
    sess.close();
  });
});
