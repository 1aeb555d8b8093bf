// Port of TF1's tensorflow/python/ops/math_ops_test.py RoundTest, the later TF 1.x form (np.arange(-5, 5, .25) in
// float32, float64 and int32; earlier copies took four values and two float dtypes).
import { describe, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, evaluate } from './helpers.js';
import * as np from './np.js';

/** NumPy's round: the nearest integer, halves to even (an integer array is itself). */
const npRound = (a: tf.NDArray): tf.NDArray =>
  np.unary(a, (v) => {
    const r = Math.round(v);
    return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
  });

describe('RoundTest', () => {
  it('testRounding', async () => {
    const x = np.arange(-5.0, 5.0, 0.25);
    for (const dtype of ['float32', 'float64', 'int32'] as const) {
      const xNp = np.array(x, [x.length], dtype);
      const yTfNp = await evaluate(() => tf.round(tf.constant(xNp, { shape: xNp.shape })));
      assertAllClose(yTfNp, npRound(xNp), { atol: 1e-2 });
    }
  });
});
