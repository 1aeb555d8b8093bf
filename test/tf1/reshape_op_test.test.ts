// TF1's tensorflow/python/kernel_tests/reshape_op_test.py, ported (source read: a late-2018 snapshot,
// fraudies/tensorflow, the r1.12 test names and cases). use_gpu runs are the CPU backend here. Cases
// tf1-ts cannot express are listed in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { arange, gradientError, inGraph, inSession, staticShape, thrown } from './helpers.js';

/** NumPy's reshape of a shape with at most one -1. */
function npShape(size: number, y: readonly number[]): number[] {
  const known = y.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  return y.map((d) => (d === -1 ? size / known : d));
}

/** TF1's _testReshape: reshape(x, y) and reshape(x, int64 y) have NumPy's shape, statically and when run. */
async function testReshape(x: tf.NDArray, y: number[]): Promise<void> {
  const want = npShape(x.size, y);
  await inSession(async (g, sess) => {
    for (const shape of g.as_default(() => [y, tf.constant(y, tf.int64)])) {
      const t = g.as_default(() => tf.reshape(x, shape as never));
      const out = await sess.run(t);
      expect(staticShape(t)).toEqual([...out.shape]);
      expect([...out.shape]).toEqual(want);
      expect(Array.from(out.data)).toEqual(Array.from(x.data));
    }
  });
}

/** TF1's _testBothReshape (CPU and GPU: the CPU backend here). */
const testBothReshape = testReshape;

/** `np.arange(1., 7.).reshape([1, 6])` as `dtype`. */
const oneToSix = (dtype: tf.DType): tf.NDArray => arange(1, 7, [1, 6], dtype);

describe('ReshapeTest', () => {
  it('testBoolBasic', async () => {
    const x = oneToSix('float32');
    const b = tf.NDArray.zeros([1, 6], 'bool');
    for (let i = 0; i < 6; i++) b.data[i] = x.data[i]! > 3 ? 1 : 0;
    await testBothReshape(b, [2, 3]);
  });

  for (const [name, dtype] of [
    ['testFloatBasic', 'float32'],
    ['testDoubleBasic', 'float64'],
    ['testInt32Basic', 'int32'],
  ] as const) {
    it(name, async () => {
      await testBothReshape(oneToSix(dtype), [2, 3]);
    });
  }

  it('testFloatReshapeThreeDimensions', async () => {
    await testBothReshape(arange(1, 28, [1, 27]), [3, 3, 3]);
  });

  it('testFloatUnspecifiedDimOnly', async () => {
    await testBothReshape(arange(1, 7, [6]), [-1]);
  });

  it('testFloatUnspecifiedDimBegin', async () => {
    await testBothReshape(arange(1, 7, [6]), [-1, 2]);
  });

  it('testFloatUnspecifiedDimEnd', async () => {
    await testBothReshape(arange(1, 7, [6]), [3, -1]);
  });

  it('testZeroDimBasic', async () => {
    await testBothReshape(tf.NDArray.zeros([0, 6]), [0, 2, 3]);
  });

  it('testZeroDimReshapeR1', async () => {
    await testBothReshape(tf.NDArray.zeros([0, 6]), [-1]);
  });

  it('testZeroDimReshapeR3', async () => {
    await testBothReshape(tf.NDArray.zeros([0, 6]), [-1, 2, 3]);
  });

  it('testFloatReshapeGradThreeDimensions', async () => {
    const x = arange(1, 25, [2, 3, 4]);
    await inSession(async (g, sess) => {
      const [input, out] = g.as_default(() => {
        const input = tf.constant(x);
        return [input, tf.reshape(input, [1, 8, 3])] as const;
      });
      expect(await gradientError(sess, input, [2, 3, 4], out, [2, 3, 4], x)).toBeLessThan(1e-3);
    });
  });

  it('testFloatEmpty', async () => {
    const x = tf.NDArray.zeros([0, 0, 0, 0]);
    for (const y of [
      [1, 2, 3, 0],
      [1, 0, 0, 4],
      [0, 0, 0, 0],
      [1, 2, 0],
      [0, 0, 0],
      [1, -1, 5],
    ])
      await testBothReshape(x, y);
  });

  it('testZeroDimWithUnspecifiedDim', async () => {
    await inSession(async (g, sess) => {
      for (const shape of g.as_default(() => [[0, -1, 3], tf.constant([0, -1, 3], tf.int64)])) {
        const y = g.as_default(() => tf.reshape(tf.NDArray.zeros([0, 6]), shape as never));
        expect([...(await sess.run(y)).shape]).toEqual([0, 2, 3]);
      }
    });
  });

  it('testErrors', () => {
    inGraph(() => {
      const y = tf.constant(0.0, { dtype: tf.float32, shape: [23, 29, 31] });
      const e1 = thrown(() => tf.reshape(y, [17, -1]));
      expect(e1).toBeInstanceOf(tf.errors.ValueError);
      expect(e1.message).toMatch(/must be evenly divisible by 17/);
      const z = tf.constant(0.0, { dtype: tf.float32, shape: [32, 128] });
      const e2 = thrown(() => tf.reshape(z, [4095]));
      expect(e2).toBeInstanceOf(tf.errors.ValueError);
      expect(e2.message).toMatch(/Cannot reshape a tensor with 4096 elements/);
    });
  });

  it('testPartialShapes', () => {
    inGraph(() => {
      const x = tf.placeholder(tf.float32);
      // Unknown input shape, partial new shape.
      expect(staticShape(tf.reshape(x, [1, 1, -1, 1]))).toEqual([1, 1, null, 1]);
      // Unknown input shape, unknown new shape.
      expect(staticShape(tf.reshape(x, tf.placeholder(tf.int32)))).toBeNull();
      // Unknown input shape, known rank for new shape.
      expect(staticShape(tf.reshape(x, tf.placeholder(tf.int32, [3])))).toEqual([null, null, null]);
      // Unknown input shape, partial new shape using `tf.shape()`.
      expect(staticShape(tf.reshape(x, tf.shape(tf.placeholder(tf.float32, [null, 37, null]))))).toEqual([null, 37, null]);
    });
  });
});
