// Port of TF1's tensorflow/python/kernel_tests/softsign_op_test.py (TF 1.12), in graph mode.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertShapeEqual, computeGradientError, graphSession, thrown } from './helpers.js';
import * as np from './np.js';

type NDArray = tf.NDArray;

/** `self._npSoftsign`: features / (1 + |features|). */
const npSoftsign = (a: NDArray): NDArray => np.unary(a, (x) => x / (1 + Math.abs(x)));

/** `self._testSoftsign(np_features)`: values close to NumPy's, static shape NumPy's. */
async function testSoftsign(features: NDArray): Promise<void> {
  const want = npSoftsign(features);
  const { sess, built: softsign } = graphSession(() => tf.nn.softsign(features));
  try {
    assertAllClose(want, (await sess.run(softsign)) as NDArray);
    assertShapeEqual(want, softsign);
  } finally {
    sess.close();
  }
}

const X = [-0.9, -0.7, -0.5, -0.3, -0.1, 0.1, 0.3, 0.5, 0.7, 0.9];

describe('SoftsignTest', () => {
  it('testNumbers', async () => {
    // TF1's [np.float, np.double]: both float64
    for (const t of ['float64', 'float64'] as const) {
      const features = np.array([-9, 7, -5, 3, -1, 1, -3, 5, -7, 9], [2, 5], t);
      await testSoftsign(features);
      // use_gpu=True: the CPU backend again here
      await testSoftsign(features);
    }
  });

  it('testGradient', async () => {
    const err = await computeGradientError(
      () => {
        const x = tf.constant(X, { shape: [2, 5], name: 'x' });
        return { x, y: tf.nn.softsign(x, 'softsign') };
      },
      [2, 5],
      [2, 5],
      { xInit: np.array(X, [2, 5], 'float32') },
    );
    expect(err).toBeLessThan(1e-4);
  });

  it('testNoInts', () => {
    const g = new tf.Graph();
    const e = g.as_default(() => thrown(() => tf.nn.softsign(tf.constant(7))));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toMatch("'features' has DataType int32 not in list of allowed values");
  });
});
