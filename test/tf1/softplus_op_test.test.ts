// Port of TF1's tensorflow/python/kernel_tests/softplus_op_test.py (TF 1.12), in graph mode; float16 not ported.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertShapeEqual, computeGradientError, graphSession, thrown } from './helpers.js';
import * as np from './np.js';

type NDArray = tf.NDArray;

/** `self._npSoftplus`: np.logaddexp(0, features). */
const npSoftplus = (a: NDArray): NDArray => np.unary(a, (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))));

/** `self._testSoftplus(np_features)`: values close to NumPy's, all positive, static shape NumPy's. */
async function testSoftplus(features: NDArray): Promise<void> {
  const want = npSoftplus(features);
  const { sess, built: softplus } = graphSession(() => tf.nn.softplus(features));
  try {
    const got = (await sess.run(softplus)) as NDArray;
    assertAllClose(want, got);
    expect(Array.from(got.data).every((v) => v > 0)).toBe(true);
    assertShapeEqual(want, softplus);
  } finally {
    sess.close();
  }
}

const X = [-0.9, -0.7, -0.5, -0.3, -0.1, 0.1, 0.3, 0.5, 0.7, 0.9];

/** The gradient error of softplus differentiated `order - 1` times, at TF1's float32 features. */
function softplusGradientError(order: 1 | 2 | 3): Promise<number> {
  return computeGradientError(
    () => {
      const x = tf.constant(X, { shape: [2, 5], name: 'x' });
      let y = tf.nn.softplus(x, 'softplus');
      for (let i = 1; i < order; i++) y = (tf.gradients(y, x) as tf.Tensor[])[0]!;
      return { x, y };
    },
    [2, 5],
    [2, 5],
    { xInit: np.array(X, [2, 5], 'float32') },
  );
}

describe('SoftplusTest', () => {
  it('testNumbers', async () => {
    for (const t of ['float32', 'float64'] as const) {
      const features = np.array([-9, 7, -5, 3, -1, 1, -3, 5, -7, 9], [2, 5], t);
      await testSoftplus(features);
      // use_gpu=True: the CPU backend again here
      await testSoftplus(features);
      // log_eps, one and ten in the dtype, their sums in the dtype
      const c = (v: number): number => np.cast(v, t);
      const logEps = c(Math.log(t === 'float32' ? 2 ** -23 : 2 ** -52));
      const [one, ten] = [1, 10];
      const first = [logEps, logEps - one, logEps + one, logEps - ten, logEps + ten, -logEps, -logEps - one, -logEps + one, -logEps - ten, -logEps + ten];
      await testSoftplus(np.array(first.map(c), [10], t));
      // (TF1's second list, with its `log_eps + ten - log_eps`)
      const second = [logEps, logEps - one, logEps + one, logEps - ten, c(logEps + ten) - logEps, -logEps - one, -logEps + one, -logEps - ten, -logEps + ten];
      await testSoftplus(np.array(second.map(c), [9], t));
    }
  });

  it('testGradient', async () => {
    expect(await softplusGradientError(1)).toBeLessThan(1e-4);
  });

  it('testGradGrad', async () => {
    expect(await softplusGradientError(2)).toBeLessThan(5e-5);
  });

  it('testGradGradGrad', async () => {
    expect(await softplusGradientError(3)).toBeLessThan(5e-5);
  });

  it('testNoInts', () => {
    const g = new tf.Graph();
    const e = g.as_default(() => thrown(() => tf.nn.softplus(tf.constant(42))));
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toMatch("'features' has DataType int32 not in list of allowed values");
  });
});
