// Port of TF1's tensorflow/python/kernel_tests/argmax_op_test.py (argmax and argmin), read from uve/tensorflow's copy (TF 1.13+; its methods are 1.12's less the v2 decorators). np.random is a
// seeded generator; the expected values are NumPy's argmax and argmin (first index on ties).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import type { DType } from '../../src/framework/dtypes.js';
import { assertAllEqual, assertShapeEqual, evaluate, graphSession } from './helpers.js';
import * as np from './np.js';

type NDArray = tf.NDArray;

type ArgFn = typeof tf.argmax;

/** `self._testArg(method, x, axis, expected)`: int64 output by default, NumPy's values and shape. */
async function testArg(method: ArgFn, x: NDArray, axis: number, expected: NDArray): Promise<void> {
  const { sess, built: ans } = graphSession(() => method(x, { axis }));
  try {
    const tfAns = (await sess.run(ans)) as NDArray;
    // Defaults to int64 output.
    expect(tfAns.dtype).toBe('int64');
    assertAllEqual(tfAns, expected);
    assertShapeEqual(expected, ans);
  } finally {
    sess.close();
  }
}

/** `self._testBothArg`: use_gpu True and False, both on the CPU backend here. */
async function testBothArg(method: ArgFn, x: NDArray, axis: number, expected: NDArray): Promise<void> {
  await testArg(method, x, axis, expected);
  await testArg(method, x, axis, expected);
}

const rng = new np.Rng(99);
const randn100 = (shape: number[], dtype: DType): NDArray =>
  np.array(
    rng.many(
      shape.reduce((a, b) => a * b, 1),
      () => 100 * rng.normal(),
    ),
    shape,
    dtype,
  );

/** `self._testBasic(dtype)`: argmax and argmin along the primary axis of 200 values. */
async function testBasic(dtype: DType): Promise<void> {
  const x = randn100([200], dtype);
  await testBothArg(tf.argmax, x, 0, np.argmax(x, 0));
  await testBothArg(tf.argmin, x, 0, np.argmin(x, 0));
}

/** `self._testDim(dtype)`: argmax and argmin along every axis, negative ones included, of a [3, 2, 4, 5, 6] array. */
async function testDim(dtype: DType): Promise<void> {
  const x = randn100([3, 2, 4, 5, 6], dtype);
  for (let axis = -5; axis < 5; axis++) {
    await testBothArg(tf.argmax, x, axis, np.argmax(x, axis));
    await testBothArg(tf.argmin, x, axis, np.argmin(x, axis));
  }
}

describe('ArgMaxTest', () => {
  it('testFloat', async () => {
    await testBasic('float32');
    await testDim('float32');
  });

  it('testFloatInt32Output', async () => {
    const x = randn100([200], 'float32');
    const ans = await evaluate(() => tf.argmax(x, { axis: 0, output_type: tf.int32 }));
    expect(ans.dtype).toBe('int32');
    // The values are equal when comparing int32 to int64 because the values don't have a range that exceeds 32-bit integers.
    assertAllEqual(ans, np.argmax(x, 0));
    const ansMin = await evaluate(() => tf.argmin(x, { axis: 0, output_type: tf.int32 }));
    expect(ansMin.dtype).toBe('int32');
    assertAllEqual(ansMin, np.argmin(x, 0));
  });

  it('testDouble', async () => {
    await testBasic('float64');
    await testDim('float64');
  });

  it('testInt32', async () => {
    await testBasic('int32');
    await testDim('int32');
  });

  it('testInt64', async () => {
    await testBasic('int64');
    await testDim('int64');
  });

  it('testEmpty', async () => {
    for (const op of [tf.argmin, tf.argmax]) {
      const err = await evaluate(() => op([], 0)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect((err as Error).message).toMatch(/Reduction axis 0 is empty in shape \[0\]/);
    }
  });

  it('testDefaultAxis', async () => {
    for (const op of [tf.argmin, tf.argmax]) assertAllEqual(await evaluate(() => op([1])), 0);
  });

  it('testOutputEmpty', async () => {
    for (const op of [tf.argmin, tf.argmax]) {
      const ret = await evaluate(() => op(tf.zeros([1, 0, 2]), { axis: -1 }));
      expect(ret.shape).toEqual([1, 0]);
    }
  });
});
