// tf.nn.l2_normalize and tf.nn.batch_normalization's graphs as TF1 r1.12's nn_impl.py builds them.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

const opsOf = (g: tf.Graph): string[] => g.get_operations().map((o) => `${o.name}:${o.type}`);

describe('nn_impl compositions', () => {
  it('l2_normalize: Square, Sum (keepdims), Maximum with epsilon, Rsqrt, and the Mul named after the scope; axis or dim', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const x = tf.placeholder(tf.float64, [null, 3], 'x');
      const y = tf.nn.l2_normalize(x, { dim: 1, epsilon: 1e-6 });
      expect(opsOf(g).slice(1)).toEqual([
        'l2_normalize/Square:Square',
        'l2_normalize/Sum/reduction_indices:Const',
        'l2_normalize/Sum:Sum',
        'l2_normalize/Maximum/y:Const',
        'l2_normalize/Maximum:Maximum',
        'l2_normalize/Rsqrt:Rsqrt',
        'l2_normalize:Mul',
      ]);
      expect(y.shape.as_list()).toEqual([null, 3]);
      expect((g.get_operation_by_name('l2_normalize/Maximum/y').get_attr('value') as tf.NDArray).data[0]).toBe(1e-6);
      expect(() => tf.nn.l2_normalize(x, 0, { dim: 1 })).toThrow("Cannot specify both 'axis' and 'dim'");
    });
  });

  it('batch_normalization: add, Rsqrt, the scale, x * inv, the shift, add_1 in the scope batchnorm', async () => {
    const g = new tf.Graph();
    const [x, y, z] = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [null, 2], 'x');
      const c = (v: number[], name: string): tf.Tensor => tf.constant(v, tf.float32, null, name);
      const y = tf.nn.batch_normalization(x, c([1, 2], 'm'), c([3, 0.5], 'v'), c([10, 20], 'beta'), c([2, 4], 'gamma'), 0.001);
      const z = tf.nn.batch_normalization(x, c([1, 2], 'm2'), c([3, 0.5], 'v2'), null, null, 0.001, 'bn');
      return [x, y, z];
    });
    expect(opsOf(g).filter((n) => n.startsWith('batchnorm/'))).toEqual([
      'batchnorm/add/y:Const',
      'batchnorm/add:Add',
      'batchnorm/Rsqrt:Rsqrt',
      'batchnorm/mul:Mul',
      'batchnorm/mul_1:Mul',
      'batchnorm/mul_2:Mul',
      'batchnorm/sub:Sub',
      'batchnorm/add_1:Add',
    ]);
    expect(opsOf(g).filter((n) => n.startsWith('bn/'))).toEqual([
      'bn/add/y:Const',
      'bn/add:Add',
      'bn/Rsqrt:Rsqrt',
      'bn/mul:Mul',
      'bn/Neg:Neg',
      'bn/mul_1:Mul',
      'bn/add_1:Add',
    ]);
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    try {
      const [yv, zv] = (await sess.run([y, z], new Map([[x, [[4, 2]]]]) as never)) as tf.NDArray[];
      // (x - m) / sqrt(v + eps) * gamma + beta per channel.
      expect(Array.from(yv!.data)).toEqual([expect.closeTo(10 + (2 * 3) / Math.sqrt(3.001), 5), 20]);
      expect(Array.from(zv!.data)).toEqual([expect.closeTo(3 / Math.sqrt(3.001), 5), 0]);
    } finally {
      sess.close();
    }
  });
});
