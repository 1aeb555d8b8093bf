// TF1's tensorflow/python/kernel_tests/init_ops_test.py: its RangeTest, ported (source read: r1.15,
// microsoft/tensorflow-directml, whose RangeTest is r1.12's). tf1-ts has none of init_ops' initializer
// classes nor tf.device; those classes are listed in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertAllEqual, inGraph, inSession, staticShape } from './helpers.js';

/** `len(np.arange(start, limit, delta))`. */
const arangeLength = (start: number, limit: number, delta: number): number => Math.max(0, Math.ceil((limit - start) / delta));

/** TF1's _Range: range(start, limit, delta) has NumPy's length as its static shape; its value. */
async function range(start: number, limit: number, delta: number, dtype?: tf.DType): Promise<tf.NDArray> {
  return inSession(async (g, sess) => {
    const t = g.as_default(() => tf.range(start, limit, delta, dtype ?? null, 'range'));
    expect(staticShape(t)).toEqual([arangeLength(start, limit, delta)]);
    return sess.run(t);
  });
}

describe('RangeTest', () => {
  it('testBasic', async () => {
    assertAllEqual(await range(0, 5, 1), [0, 1, 2, 3, 4]);
    assertAllEqual(await range(0, 5, 2), [0, 2, 4]);
    assertAllEqual(await range(0, 6, 2), [0, 2, 4]);
    assertAllEqual(await range(13, 32, 7), [13, 20, 27]);
    assertAllEqual(await range(100, 500, 100), [100, 200, 300, 400]);
    expect(inGraph(() => tf.range(0, 5, 1)).dtype).toBe('int32');
  });

  it('testLimitOnly', async () => {
    await inSession(async (g, sess) => {
      assertAllEqual(await sess.run(g.as_default(() => tf.range(5))), [0, 1, 2, 3, 4]);
    });
  });

  it('testEmpty', async () => {
    for (const start of [0, 5]) expect((await range(start, start, 1)).size).toBe(0);
  });

  it('testNonInteger', async () => {
    // np.allclose: rtol 1e-5, atol 1e-8.
    const close = { rtol: 1e-5, atol: 1e-8 };
    assertAllClose(await range(0, 2, 0.5), [0, 0.5, 1, 1.5], close);
    assertAllClose(await range(0, 5, 2.5), [0, 2.5], close);
    assertAllClose(await range(0, 3, 0.9), [0, 0.9, 1.8, 2.7], close);
    // TF1's 100., 500., 100. are floats: float32 here, as the dtype JavaScript cannot infer.
    assertAllClose(await range(100, 500, 100, 'float32'), [100, 200, 300, 400], close);
    expect(inGraph(() => tf.range(0, 5, 1, tf.float32)).dtype).toBe('float32');
  });

  it('testNegativeDelta', async () => {
    assertAllEqual(await range(5, -1, -1), [5, 4, 3, 2, 1, 0]);
    assertAllClose(await range(2.5, 0, -0.5), [2.5, 2, 1.5, 1, 0.5], { rtol: 1e-5, atol: 1e-8 });
    assertAllEqual(await range(-5, -10, -3), [-5, -8]);
  });

  it('testDType', () => {
    inGraph(() => {
      const zeroInt32 = tf.cast(0, tf.int32);
      const zeroInt64 = tf.cast(0, tf.int64);
      const zeroFloat32 = tf.cast(0, tf.float32);
      const zeroFloat64 = tf.cast(0, tf.float64);
      expect(tf.range(zeroInt32, 0, 1).dtype).toBe('int32');
      expect(tf.range(zeroInt64, 0, 1).dtype).toBe('int64');
      expect(tf.range(zeroFloat32, 0, 1).dtype).toBe('float32');
      expect(tf.range(zeroFloat64, 0, 1).dtype).toBe('float64');
      expect(tf.range(zeroInt32, zeroInt64, 1).dtype).toBe('int64');
      expect(tf.range(zeroInt64, zeroFloat32, 1).dtype).toBe('float32');
      expect(tf.range(zeroFloat32, zeroFloat64, 1).dtype).toBe('float64');
      expect(tf.range(zeroFloat64, zeroInt32, 1).dtype).toBe('float64');
      for (const dtype of [tf.int32, tf.int64, tf.float32, tf.float64]) expect(tf.range(0, 0, 1, dtype).dtype).toBe(dtype);
    });
  });
});
