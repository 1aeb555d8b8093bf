// Reductions on WebGPU beside fusion: a reduction over another axis than the last stays its own dispatch, and max
// and min keep NaN in the workgroup tree.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import type { NDArray } from '../../../src/framework/ndarray.js';
import { countingSessions, expectClose, nd } from './harness.js';

// Values with the cases where reductions differ in sign or NaN: ±0, NaN, infinities, and values on a fine grid.
const special = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) },
  { weight: 12, arbitrary: fc.integer({ min: -4096, max: 4096 }).map((i) => i / 1024) },
);

/** A float32 array of `shape` from `seed`: special values, or only finite ones. */
function values(shape: number[], seed: number, finite: boolean): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = finite ? special.filter(Number.isFinite) : special;
  return nd(fc.sample(fc.array(v, { minLength: n, maxLength: n }), { numRuns: 1, seed })[0]!, shape, 'float32');
}

describe('fused row reductions on WebGPU', () => {
  it('keeps a reduction over another axis a separate dispatch, with the same values, NaN kept by max and min', async () => {
    const g = new tf.Graph();
    const { x, outs } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [300, 3]);
      const sq = tf.square(x);
      return { x, outs: [tf.reduce_sum(sq, 0), tf.reduce_max(sq, 0), tf.reduce_min(sq, 0)] };
    });
    const v = values([300, 3], 3, true);
    v.data[4] = Number.NaN; // column 1's max and min are NaN, as NumPy's
    const feeds = new Map([[x, v]]);
    const { cpu, gpu, counts } = await countingSessions(g);
    try {
      const want = await cpu.run(outs, feeds);
      expect(Number.isNaN(want[1]!.data[1]!) && Number.isNaN(want[2]!.data[1]!)).toBe(true);
      const got = await gpu.run(outs, feeds);
      expectClose(got[0]!, want[0]!, want[0]!, 'sum over axis 0');
      expectClose(got[1]!, want[1]!, null, 'max over axis 0');
      expectClose(got[2]!, want[2]!, null, 'min over axis 0');
      // Square, then each reduction of its stored value
      expect(counts.dispatches).toBe(4);
    } finally {
      cpu.close();
      gpu.close();
    }
  });
});
