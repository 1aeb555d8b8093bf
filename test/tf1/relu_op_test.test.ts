// Port of TF1's tensorflow/python/kernel_tests/relu_op_test.py, ReluTest, Relu6Test and LeakyReluTest
// (Elu, Selu, Crelu are not in tf1-ts). TF 1.12's methods, in graph mode with gradient_checker as 1.12 wrote them;
// testNoElement and testGradientNoElement from TF 1.15's file (microsoft/tensorflow-directml), in graph mode.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import type { DType } from '../../src/framework/dtypes.js';
import { assertAllClose, assertAllEqual, assertShapeEqual, computeGradientError, graphSession } from './helpers.js';
import * as np from './np.js';

type NDArray = tf.NDArray;

const FEATURES = [-0.9, -0.7, -0.5, -0.3, -0.1, 0.1, 0.3, 0.5, 0.7, 0.9];

/** `self._npRelu`: np.maximum(features, zeros). */
const npRelu = (a: NDArray): NDArray => np.maximum(a, np.array(new Array<number>(a.size).fill(0), a.shape, a.dtype));

/** `self._testRelu(np_features)`: values close to NumPy's, static shape NumPy's. */
async function testRelu(features: NDArray): Promise<void> {
  const want = npRelu(features);
  const { sess, built: relu } = graphSession(() => tf.nn.relu(features));
  try {
    // (stricter than TF1's test, which only compares values: nn_ops.relu keeps the NumPy array's dtype)
    expect(relu.dtype).toBe(features.dtype);
    assertAllClose(want, (await sess.run(relu)) as NDArray);
    assertShapeEqual(want, relu);
  } finally {
    sess.close();
  }
}

/** The gradient error of relu (or, with `order` 2, of its gradient) at TF1's features, as 1.12's tests build it. */
function reluGradientError(dtype: DType, order: 1 | 2): Promise<number> {
  const xInit = np.array(FEATURES, [2, 5], dtype);
  return computeGradientError(
    () => {
      const x = tf.constant(FEATURES, { shape: [2, 5], dtype, name: 'x' });
      const y = tf.nn.relu(x, 'relu');
      return { x, y: order === 1 ? y : (tf.gradients(y, x) as tf.Tensor[])[0]! };
    },
    [2, 5],
    [2, 5],
    { xInit },
  );
}

describe('ReluTest', () => {
  it('testNpRelu', () => {
    assertAllClose(
      np.array([0.0, 0.7, 0.0, 0.3, 0.0, 0.1, 0.0, 0.5, 0.0, 0.9], [2, 5], 'float64'),
      npRelu(np.array([-0.9, 0.7, -0.5, 0.3, -0.1, 0.1, -0.3, 0.5, -0.7, 0.9], [2, 5], 'float64')),
    );
  });

  it('testNumbers', async () => {
    for (const t of ['int32', 'int64', 'float32', 'float64'] as const) {
      const features = np.array([-9, 7, -5, 3, -1, 1, -3, 5, -7, 9], [2, 5], t);
      await testRelu(features);
      // use_gpu=True for the float types: the CPU backend again here
      if (t === 'float32' || t === 'float64') await testRelu(features);
    }
  });

  it('testNoElement', () => testRelu(np.array([], [2, 0], 'float32')));

  // The gradient test for ReLU is a bit tricky as the derivative is not well defined at around zero and we
  // want to avoid that in terms of input values.
  it('testGradientFloat32', async () => {
    expect(await reluGradientError('float32', 1)).toBeLessThan(1e-4);
  });

  it('testGradientFloat64', async () => {
    expect(await reluGradientError('float64', 1)).toBeLessThan(1e-10);
  });

  it('testGradGradFloat32', async () => {
    expect(await reluGradientError('float32', 2)).toBeLessThan(1e-4);
  });

  it('testGradGradFloat64', async () => {
    expect(await reluGradientError('float64', 2)).toBeLessThan(1e-10);
  });

  it('testGradientScalar', async () => {
    const {
      sess,
      built: { x, trainOp, init },
    } = graphSession(() => {
      const x = tf.Variable(100.0, { dtype: tf.float32 });
      const y = tf.nn.relu(x);
      const loss = y.pow(2);
      const optimizer = new tf.train.GradientDescentOptimizer(0.25);
      return { x, trainOp: optimizer.minimize(loss), init: tf.global_variables_initializer() };
    });
    try {
      await sess.run(init);
      await sess.run(trainOp);
      assertAllClose((await sess.run(x.value())) as NDArray, 50.0);
    } finally {
      sess.close();
    }
  });

  it('testGradientNoElement', async () => {
    const x = np.array([], [2, 0], 'float32');
    const { sess, built } = graphSession(() => {
      const inx = tf.constant(x);
      return { inx, z: (tf.gradients(tf.nn.relu(inx), inx) as tf.Tensor[])[0]! };
    });
    try {
      const [theoretical] = await sess.as_default(() => tf.test.compute_gradient(built.inx, [2, 0], built.z, [2, 0], { x_init_value: x }));
      assertAllEqual(theoretical, np.array([], [0, 0], 'float32'));
    } finally {
      sess.close();
    }
  });
});

/** `self._npRelu6`: np.minimum(np.maximum(features, zeros), sixes). */
const npRelu6 = (a: NDArray): NDArray => {
  const fill = (v: number): NDArray => np.array(new Array<number>(a.size).fill(v), a.shape, a.dtype);
  return np.minimum(np.maximum(a, fill(0)), fill(6));
};

/** The gradient error of relu6 at TF1's features (away from 0 and 6), as 1.12's tests build it. */
function relu6GradientError(dtype: DType): Promise<number> {
  const values = [-0.9, -0.7, -0.5, -0.3, -0.1, 6.1, 6.3, 6.5, 6.7, 6.9];
  return computeGradientError(
    () => {
      const x = tf.constant(values, { shape: [2, 5], dtype, name: 'x' });
      return { x, y: tf.nn.relu6(x, 'relu6') };
    },
    [2, 5],
    [2, 5],
    { xInit: np.array(values, [2, 5], dtype) },
  );
}

describe('Relu6Test', () => {
  it('testNpRelu6', () => {
    assertAllClose(
      np.array([0.0, 0.7, 0.0, 0.3, 6.0, 0.1, 0.0, 6.0, 0.0, 0.9], [2, 5], 'float64'),
      npRelu6(np.array([-0.9, 0.7, -0.5, 0.3, 6.0, 0.1, -0.3, 6.5, -0.7, 0.9], [2, 5], 'float64')),
    );
  });

  it('testNumbers', async () => {
    for (const t of ['int32', 'int64', 'float32', 'float64'] as const) {
      const features = np.array([-9, 7, -5, 3, -1, 1, -3, 5, -7, 9], [2, 5], t);
      const want = npRelu6(features);
      const { sess, built: relu6 } = graphSession(() => tf.nn.relu6(features));
      try {
        assertAllClose(want, (await sess.run(relu6)) as NDArray);
        assertShapeEqual(want, relu6);
      } finally {
        sess.close();
      }
    }
  });

  // The gradient test for ReLU6 is a bit tricky as the derivative is not well defined at around zero and
  // six and we want to avoid that in terms of input values.
  it('testGradientFloat32', async () => {
    expect(await relu6GradientError('float32')).toBeLessThan(1e-4);
  });

  it('testGradientFloat64', async () => {
    expect(await relu6GradientError('float64')).toBeLessThan(1e-10);
  });
});

/** `self._npLeakyRelu`: np.maximum(features, alpha * features) (an integer array times a float is float64). */
const npLeakyRelu = (a: NDArray, alpha = 0.1): NDArray => {
  const f = a.dtype === 'float32' || a.dtype === 'float64' ? a : np.astype(a, 'float64');
  return np.maximum(
    f,
    np.unary(f, (v) => alpha * v),
  );
};

/** The gradient error of leaky_relu (alpha 0.1; with `order` 2, of its gradient) at TF1's features. */
function leakyReluGradientError(dtype: DType, order: 1 | 2): Promise<number> {
  return computeGradientError(
    () => {
      const x = tf.constant(FEATURES, { shape: [2, 5], dtype, name: 'x' });
      const y = tf.nn.leaky_relu(x, { alpha: 0.1, name: 'leaky_relu' });
      return { x, y: order === 1 ? y : (tf.gradients(y, x) as tf.Tensor[])[0]! };
    },
    [2, 5],
    [2, 5],
    { xInit: np.array(FEATURES, [2, 5], dtype) },
  );
}

// TF1 r1.12's leaky_relu is Python (maximum(alpha * features, features), integers cast to float32 first).
describe('LeakyReluTest', () => {
  it('testNpLeakyRelu', () => {
    assertAllClose(
      np.array([-0.09, 0.7, -0.05, 0.3, -0.01, 0.1, -0.03, 0.5, -0.07, 0.9], [2, 5], 'float64'),
      npLeakyRelu(np.array([-0.9, 0.7, -0.5, 0.3, -0.1, 0.1, -0.3, 0.5, -0.7, 0.9], [2, 5], 'float64'), 0.1),
    );
  });

  it('testNumbers', async () => {
    for (const t of ['int32', 'int64', 'float32', 'float64'] as const) {
      const features = np.array([-9, 7, -5, 3, -1, 1, -3, 5, -7, 9], [2, 5], t);
      // use_gpu=True (alpha 0.1) for the float types: the CPU backend again here
      for (const alpha of t === 'float32' || t === 'float64' ? [0.2, 0.1] : [0.2]) {
        const want = npLeakyRelu(features, alpha);
        const { sess, built: y } = graphSession(() => tf.nn.leaky_relu(features, alpha));
        try {
          assertAllClose(want, (await sess.run(y)) as NDArray);
          assertShapeEqual(want, y);
        } finally {
          sess.close();
        }
      }
    }
  });

  // The gradient test for Leaky ReLU is a bit tricky as the derivative is not well defined at around zero
  // and we want to avoid that in terms of input values.
  it('testGradientFloat32', async () => {
    expect(await leakyReluGradientError('float32', 1)).toBeLessThan(1e-4);
  });

  it('testGradientFloat64', async () => {
    expect(await leakyReluGradientError('float64', 1)).toBeLessThan(1e-10);
  });

  it('testGradGradFloat32', async () => {
    expect(await leakyReluGradientError('float32', 2)).toBeLessThan(1e-4);
  });

  it('testGradGradFloat64', async () => {
    expect(await leakyReluGradientError('float64', 2)).toBeLessThan(1e-10);
  });

  it('testGradientScalar', async () => {
    const {
      sess,
      built: { x, trainOp, init },
    } = graphSession(() => {
      const x = tf.Variable(-100.0, { dtype: tf.float32 });
      const y = tf.nn.leaky_relu(x, 0.05);
      const loss = y.pow(2);
      const optimizer = new tf.train.GradientDescentOptimizer(0.2);
      return { x, trainOp: optimizer.minimize(loss), init: tf.global_variables_initializer() };
    });
    try {
      await sess.run(init);
      await sess.run(trainOp);
      assertAllClose((await sess.run(x.value())) as NDArray, -99.9);
    } finally {
      sess.close();
    }
  });
});
