// TF1's tensorflow/python/kernel_tests/relu_op_test.py (r1.12), its EluTest and SeluTest, ported (float16 is in
// NOT_PORTED.md). TF1's use_gpu runs are CPU runs here.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import type { DType } from '../../src/framework/dtypes.js';
import { assertAllClose, assertShapeEqual, computeGradientError, graphSession, session } from './helpers.js';
import * as np from './np.js';

const FEATURES = [-0.9, -0.7, -0.5, -0.3, -0.1, 0.1, 0.3, 0.5, 0.7, 0.9];
const NUMBERS = [-9, 7, -5, 3, -1, 1, -3, 5, -7, 9];
const MIXED = [-0.9, 0.7, -0.5, 0.3, -0.1, 0.1, -0.3, 0.5, -0.7, 0.9];
const SCALE = 1.0507009873554805;
const SCALE_ALPHA = 1.7580993408473768;

const npElu = (a: tf.NDArray): tf.NDArray => np.unary(a, (v) => (v < 0 ? Math.exp(v) - 1 : v));
const npSelu = (a: tf.NDArray): tf.NDArray => np.unary(a, (v) => (v < 0 ? SCALE_ALPHA * (Math.exp(v) - 1) : SCALE * v));

type Activation = (features: tf.TensorLike, name?: string) => tf.Tensor;

/** `self._testElu` / `_testSelu`: values close to NumPy's, static shape NumPy's. */
async function testActivation(f: Activation, ref: (a: tf.NDArray) => tf.NDArray, features: tf.NDArray): Promise<void> {
  const want = ref(features);
  const { sess, built } = graphSession(() => f(features));
  try {
    assertAllClose(want, await sess.run(built));
    assertShapeEqual(want, built);
  } finally {
    sess.close();
  }
}

/** The gradient error of the activation (with `order` 2, of its gradient) at TF1's features, x_init the same values. */
function gradientError(f: Activation, dtype: DType, order: 1 | 2): Promise<number> {
  return computeGradientError(
    () => {
      const x = tf.constant(FEATURES, { shape: [2, 5], dtype, name: 'x' });
      const y = f(x, 'elu');
      return { x, y: order === 1 ? y : denseGradients(y, x)[0]! };
    },
    [2, 5],
    [2, 5],
    { xInit: np.array(FEATURES, [2, 5], dtype) },
  );
}

describe('EluTest', () => {
  it('testNpElu', () => {
    assertAllClose(
      np.array([-0.59343034025, 0.7, -0.39346934028, 0.3, -0.09516258196, 0.1, -0.25918177931, 0.5, -0.5034146962, 0.9], [2, 5], 'float64'),
      npElu(np.array(MIXED, [2, 5], 'float64')),
    );
  });
  it('testNumbers', async () => {
    // float16: NOT_PORTED.md.
    for (const t of ['float32', 'float64'] as DType[]) await testActivation(tf.nn.elu, npElu, np.array(NUMBERS, [2, 5], t));
  });
  it('testGradientFloat32', async () => expect(await gradientError(tf.nn.elu, 'float32', 1)).toBeLessThan(1e-4));
  it('testGradientFloat64', async () => expect(await gradientError(tf.nn.elu, 'float64', 1)).toBeLessThan(1e-6));
  it('testGradGrad', async () => {
    const { g, sess } = session();
    const [x, gg] = g.as_default(() => {
      const x = tf.placeholder(tf.float32);
      const [d] = denseGradients(tf.nn.elu(x), x);
      return [x, denseGradients(d!, x)[0]!];
    });
    for (const v of [-1, -0.5, 0.5, 1]) {
      const got = (await sess.run(gg!, new Map([[x!, np.array([v], [], 'float32')]]))).data[0]!;
      expect(Math.abs(got - (v < 0 ? Math.exp(v) : 0))).toBeLessThan(1e-4);
    }
  });
  it('testGradGradFloat32', async () => expect(await gradientError(tf.nn.elu, 'float32', 2)).toBeLessThan(1e-4));
  it('testGradGradFloat64', async () => expect(await gradientError(tf.nn.elu, 'float64', 2)).toBeLessThan(1e-6));
});

describe('SeluTest', () => {
  it('testNpSelu', () => {
    assertAllClose(
      np.array([-1.0433095, 0.73549069, -0.6917582, 0.3152103, -0.16730527, 0.1050701, -0.45566732, 0.5253505, -0.88505305, 0.9456309], [2, 5], 'float64'),
      npSelu(np.array(MIXED, [2, 5], 'float64')),
    );
  });
  it('testNumbers', async () => {
    for (const t of ['float32', 'float64'] as DType[]) await testActivation(tf.nn.selu, npSelu, np.array(NUMBERS, [2, 5], t));
  });
  it('testGradientFloat32', async () => expect(await gradientError(tf.nn.selu, 'float32', 1)).toBeLessThan(1e-4));
  it('testGradientFloat64', async () => expect(await gradientError(tf.nn.selu, 'float64', 1)).toBeLessThan(1e-6));
  it('testGradGradFloat32', async () => expect(await gradientError(tf.nn.selu, 'float32', 2)).toBeLessThan(1e-4));
  it('testGradGradFloat64', async () => expect(await gradientError(tf.nn.selu, 'float64', 2)).toBeLessThan(1e-6));
});
