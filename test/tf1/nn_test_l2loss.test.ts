// TF1's tensorflow/python/ops/nn_test.py, its L2LossTest (r1.12), ported. NumPy's np.random.random_sample is
// a seeded stream (helpers.rng).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import type { DType } from '../../src/framework/dtypes.js';
import { assertAllClose, computeGradientError, evaluate, rng } from './helpers.js';

describe('L2LossTest', () => {
  it('testL2Loss', async () => {
    for (const dtype of ['float32', 'float64'] as DType[]) {
      const value = await evaluate(() => tf.nn.l2_loss(tf.constant([1.0, 0.0, 3.0, 2.0], { shape: [2, 2], name: 'x', dtype })));
      assertAllClose(7.0, value);
    }
  });

  it('testGradient', async () => {
    const xShape = [20, 7, 3];
    // TF1's TensorFlowTestCase seeds np.random in setUp, so its draw is fixed; a seeded stream here too, given as
    // x_init_value (without it compute_gradient draws its own point, and at 1e-11 the central differences' rounding
    // of a sum of 420 squares passes the bound for some draws).
    const next = rng(87654321);
    const xVal = new tf.NDArray(Float64Array.from({ length: 20 * 7 * 3 }, next), xShape, 'float64');
    const err = await computeGradientError(
      () => {
        const x = tf.constant(xVal, { name: 'x' });
        return { x, y: tf.nn.l2_loss(x) };
      },
      xShape,
      [1],
      { xInit: xVal },
    );
    expect(err).toBeLessThan(1e-11);
  });
});
