// Port of TF1's cwise_ops_test.py (TF 1.12's era, read from hfp/tensorflow-xsmm's copy, as cwise_ops_test.test.ts):
// UnaryOpTest's cases of abs, sign, tanh, rsqrt, log1p, expm1, sin, cos, sinh, cosh, tan, asin, acos and atan
// (in TF1's order within each method), and RoundingTest (floor, ceil, rint).
// cwise_ops_test.test.ts has the methods' other ops; each `it` here is the TF1 method's part for these ops,
// with TF1's inputs, expected values (NumPy's) and tolerances.
import { describe, it } from 'vitest';
import * as tf from '../../src/index.js';
import type { DType } from '../../src/framework/dtypes.js';
import { assertAllEqual, assertShapeEqual, graphSession } from './helpers.js';
import * as np from './np.js';
import { gradGradCheck, unaryCompareBoth, unaryCompareCpu } from './cwise_helpers.js';

type NDArray = tf.NDArray;

const arr = (values: number[], shape: number[], dtype: DType): NDArray => np.array(values, shape, dtype);
/** NumPy's `a + c` for a Python float c, in a's dtype. */
const plus = (a: NDArray, c: number): NDArray => np.add(a, np.array([c], [], a.dtype));

/** NumPy's rint and round: the nearest integer, halves to even. */
const halfEven = (v: number): number => {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
};
// The NumPy ufuncs of these ops, in the array's dtype (float32 results rounded once).
const npAbs = (a: NDArray): NDArray => np.unary(a, Math.abs);
const npSign = (a: NDArray): NDArray => np.unary(a, (v) => Math.sign(v) + 0);
const npTanh = (a: NDArray): NDArray => np.unary(a, Math.tanh);
const npRsqrt = (a: NDArray): NDArray => np.inv(np.sqrt(a));
const npExpm1 = (a: NDArray): NDArray => np.unary(a, Math.expm1);
const npLog1p = (a: NDArray): NDArray => np.unary(a, Math.log1p);
const npSin = (a: NDArray): NDArray => np.unary(a, Math.sin);
const npCos = (a: NDArray): NDArray => np.unary(a, Math.cos);
const npFloor = (a: NDArray): NDArray => np.unary(a, Math.floor);
const npCeil = (a: NDArray): NDArray => np.unary(a, Math.ceil);
const npRint = (a: NDArray): NDArray => np.unary(a, halfEven);
const npSinh = (a: NDArray): NDArray => np.unary(a, Math.sinh);
const npCosh = (a: NDArray): NDArray => np.unary(a, Math.cosh);
const npTan = (a: NDArray): NDArray => np.unary(a, Math.tan);
const npArcsin = (a: NDArray): NDArray => np.unary(a, Math.asin);
const npArccos = (a: NDArray): NDArray => np.unary(a, Math.acos);
const npArctan = (a: NDArray): NDArray => np.unary(a, Math.atan);

describe('UnaryOpTest', () => {
  const floatBasic = async (dtype: DType): Promise<void> => {
    const x = arr(np.arange(-3, 3), [1, 3, 2], dtype);
    const y = plus(x, 0.5); // no zero
    const z = plus(x, 15.5); // all positive
    await unaryCompareBoth(x, npAbs, tf.abs);
    await unaryCompareBoth(z, npRsqrt, tf.rsqrt);
    await unaryCompareBoth(x, npExpm1, tf.expm1);
    await unaryCompareBoth(z, npLog1p, tf.log1p);
    await unaryCompareBoth(x, npSinh, tf.sinh);
    await unaryCompareBoth(x, npCosh, tf.cosh);
    await unaryCompareBoth(x, npTanh, tf.tanh);
    await unaryCompareBoth(y, npSign, tf.sign);
    await unaryCompareBoth(x, npSin, tf.sin);
    await unaryCompareBoth(x, npCos, tf.cos);
  };

  it('testFloatBasic', async () => {
    await floatBasic('float32');
    const x = arr(np.arange(-3, 3), [1, 3, 2], 'float32');
    const k = arr(np.arange(-0.9, 0.9, 0.25), [8], 'float32'); // between -1 and 1
    await unaryCompareBoth(k, npArcsin, tf.asin);
    await unaryCompareBoth(k, npArccos, tf.acos);
    await unaryCompareBoth(x, npArctan, tf.atan);
    await unaryCompareBoth(x, npTan, tf.tan);
  });

  it('testFloatTanhEdge', async () => {
    await unaryCompareBoth(arr(np.arange(40, 40 + 6), [6], 'float32'), npTanh, tf.tanh);
    await unaryCompareBoth(arr(np.arange(-40, -40 + 6), [6], 'float32'), npTanh, tf.tanh);
  });

  it('testFloatEmpty', async () => {
    const x = arr([], [2, 0, 5], 'float32');
    await unaryCompareBoth(x, npAbs, tf.abs);
    await unaryCompareBoth(x, npRsqrt, tf.rsqrt);
    await unaryCompareBoth(x, npExpm1, tf.expm1);
    await unaryCompareBoth(x, npLog1p, tf.log1p);
    await unaryCompareBoth(x, npTanh, tf.tanh);
    await unaryCompareBoth(x, npSign, tf.sign);
    await unaryCompareBoth(x, npSin, tf.sin);
    await unaryCompareBoth(x, npCos, tf.cos);
    await unaryCompareBoth(x, npSinh, tf.sinh);
    await unaryCompareBoth(x, npCosh, tf.cosh);
    await unaryCompareBoth(x, npTan, tf.tan);
    await unaryCompareBoth(x, npArcsin, tf.asin);
    await unaryCompareBoth(x, npArccos, tf.acos);
    await unaryCompareBoth(x, npArctan, tf.atan);
  });

  it('testDoubleBasic', async () => {
    await floatBasic('float64');
    const x = arr(np.arange(-3, 3), [1, 3, 2], 'float64');
    const k = arr(np.arange(-0.9, 0.9, 0.35), [1, 3, 2], 'float64'); // between -1 and 1
    await unaryCompareBoth(x, npArctan, tf.atan);
    await unaryCompareBoth(k, npArcsin, tf.asin);
    await unaryCompareBoth(k, npArccos, tf.acos);
    await unaryCompareBoth(k, npTan, tf.tan);
  });

  it('testInt32Basic', async () => {
    const x = arr(np.arange(-6, 6, 2), [1, 3, 2], 'int32');
    await unaryCompareCpu(x, npAbs, tf.abs);
    await unaryCompareCpu(x, npSign, tf.sign);
  });

  it('testInt64Basic', async () => {
    const x = arr(np.arange(-6 * 2 ** 40, 6 * 2 ** 40, 2 * 2 ** 40), [1, 3, 2], 'int64');
    await unaryCompareCpu(x, npAbs, tf.abs);
    await unaryCompareCpu(x, npSign, tf.sign);
  });

  it('testGradGrad', async () => {
    // gen_math_ops.rsqrt_grad and tanh_grad, the ops themselves; drawn from their own seeded stream (TF1 draws
    // every op's values from one np.random stream, which no JavaScript generator reproduces anyway).
    await gradGradCheck(new np.Rng(7), [
      ['RsqrtGrad', [0.1, 3]],
      ['TanhGrad', [-2, 2]],
    ]);
  });
});

describe('RoundingTest', () => {
  /** _compare_values: rint of x (a list converts to float32), equal to y (NumPy's rint by default). */
  const compareValues = async (x: NDArray | number[], y?: number[]): Promise<void> => {
    const expected = y ?? npRint(x as NDArray);
    const { sess, built } = graphSession(() => tf.rint(x as tf.TensorLike));
    try {
      assertAllEqual(expected, (await sess.run(built)) as NDArray);
      assertShapeEqual(expected, built);
    } finally {
      sess.close();
    }
  };

  /** _compare: floor and ceil equal NumPy's, with NumPy's shapes. */
  const compare = async (x: NDArray): Promise<void> => {
    const { sess, built } = graphSession(() => {
      const inx = tf.convert_to_tensor(x);
      return [tf.floor(inx), tf.ceil(inx)] as const;
    });
    try {
      const [tfFloor, tfCeil] = (await sess.run([...built])) as NDArray[];
      assertAllEqual(npFloor(x), tfFloor!);
      assertAllEqual(npCeil(x), tfCeil!);
      assertShapeEqual(npFloor(x), built[0]);
      assertShapeEqual(npCeil(x), built[1]);
    } finally {
      sess.close();
    }
  };

  const testDtype = async (dtype: DType): Promise<void> => {
    const data = arr(
      np.arange(-3, 3).map((v) => v / 4),
      [1, 3, 2],
      dtype,
    );
    await compare(data);
    await compareValues(data);
    await compareValues([0.5, 0.5000001], [0.0, 1.0]);
    // numpy example
    await compareValues([-1.7, -1.5, -0.2, 0.2, 1.5, 1.7, 2.0], [-2, -2, -0, 0, 2, 2, 2]);
  };

  // TF1's loop over float16 (listed in NOT_PORTED.md), float32 and float64.
  it('testTypes', async () => {
    for (const dtype of ['float32', 'float64'] as const) await testDtype(dtype);
  });
});
