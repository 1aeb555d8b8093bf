// TF1 r1.12's cast shorthands (math_ops.py): to_float, to_double, to_int32, to_int64 are tf.cast in a name scope of
// their own (ToFloat, ...), and return the input itself when it already has the dtype.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { evaluate, inGraph } from '../tf1/helpers.js';

describe('tf.to_float, to_double, to_int32, to_int64', () => {
  it('name their Cast ops as TF1 and give the dtype', () => {
    inGraph(() => {
      const x = tf.placeholder(tf.float32, [2]);
      const i = tf.placeholder(tf.int32, [2]);
      expect(String(tf.to_double(x))).toBe('Tensor("ToDouble:0", shape=(2,), dtype=float64)');
      expect(String(tf.to_int32(x))).toBe('Tensor("ToInt32:0", shape=(2,), dtype=int32)');
      expect(String(tf.to_int64(x))).toBe('Tensor("ToInt64:0", shape=(2,), dtype=int64)');
      expect(String(tf.to_float(i))).toBe('Tensor("ToFloat:0", shape=(2,), dtype=float32)');
      expect(tf.to_int64(x, 'ids').name).toBe('ids:0');
      expect(tf.to_int32(i)).toBe(i);
      expect(tf.to_float(x)).toBe(x);
    });
  });

  it("convert values as C's casts (toward zero), as tf.cast", async () => {
    const out = await evaluate(() => tf.to_int32(tf.constant([-2.7, -0.5, 0.5, 2.7], tf.float32)));
    expect(Array.from(out.data as Int32Array)).toEqual([-2, 0, 0, 2]);
    const big = await evaluate(() => tf.to_int64(tf.constant([3.9, -3.9], tf.float64)));
    expect(big.dtype).toBe('int64');
    expect(Array.from(big.data as Float64Array)).toEqual([3, -3]);
    const d = await evaluate(() => tf.to_double(tf.constant([1, 2], tf.int32)));
    expect(d.dtype).toBe('float64');
    expect(Array.from(d.data as Float64Array)).toEqual([1, 2]);
  });
});
