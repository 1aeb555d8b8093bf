// tf.constant with a shape of no elements, as TF1's make_tensor_proto makes it: np.empty(shape, dtype).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

describe('tf.constant(value, dtype, shape) with a shape of no elements is an empty tensor of that shape', () => {
  it("for a scalar or list value, of the given dtype, else float64 (np.empty's default)", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const a = tf.constant(1, { dtype: tf.float32, shape: [0] });
      expect(String(a)).toBe('Tensor("Const:0", shape=(0,), dtype=float32)');
      expect(tf.constant(1, { shape: [2, 0] }).dtype).toBe('float64');
      expect(tf.constant([1, 2], tf.int32, [0, 3]).shape.as_list()).toEqual([0, 3]);
    });
  });

  it('but an array value of elements still has too many for it (a ValueError, as TF1)', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      expect(() => tf.constant(new tf.NDArray(Float32Array.of(1), [1], 'float32'), { shape: [0] })).toThrow(
        new tf.errors.ValueError('Too many elements provided. Needed at most 0, but received 1'),
      );
    });
  });

  it('so the gradient checker handles a y with no elements (its dy is constant(1, shape=y_shape))', async () => {
    const g = new tf.Graph();
    const { x, y } = g.as_default(() => {
      const x = tf.zeros([0, 3]);
      return { x, y: tf.reduce_sum(x, [1]) };
    });
    expect(await tf.test.compute_gradient_error(x, [0, 3], y, [0])).toBe(0);
  });
});
