// TF1 r1.12's init_ops_test.py IdentityInitializerTest, ported: init_ops.identity_initializer is tf.initializers.identity
// here (TF1's only public name for it). testInvalidDataType (orthogonal_initializer with a string dtype) and
// testPartitions (a partitioner) are listed in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, inGraph, inSession } from './helpers.js';

/** `np.eye(rows, cols)`, times `gain`. */
function npEye(rows: number, cols: number, gain = 1): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === j ? gain : 0)));
}

const draw = (init: tf.Initializer, shape: number[]): Promise<tf.NDArray> => inSession(async (g, sess) => sess.run(g.as_default(() => init(shape))));

describe('IdentityInitializerTest', () => {
  it('testInvalidShape', () => {
    const init = tf.initializers.identity();
    inGraph(() => {
      for (const shape of [[5, 7, 7], [5], []]) expect(() => init({ shape })).toThrow(tf.errors.ValueError);
      expect(() => init([5])).toThrow('Identity matrix initializer can only be used for 2D matrices.');
    });
  });

  it('testNonSquare', async () => {
    const init = tf.initializers.identity();
    assertAllClose(await draw(init, [10, 5]), npEye(10, 5));
  });

  it('testGain', async () => {
    for (const dtype of [tf.float32, tf.float64]) {
      const initDefault = tf.initializers.identity({ dtype });
      const initCustom = tf.initializers.identity({ gain: 0.9, dtype });
      const a = await draw(initDefault, [10, 10]);
      expect(a.dtype).toBe(dtype);
      assertAllClose(a, npEye(10, 10));
      assertAllClose(await draw(initCustom, [10, 10]), npEye(10, 10, 0.9));
    }
  });
});

describe('identity_initializer as TF1 r1.12 builds it', () => {
  it("gain * eye(rows, cols): Python's mul on the eye scope; its config; a float dtype only; get_variable's initializer", async () => {
    inGraph(() => {
      const y = tf.initializers.identity(2)([3, 4]);
      expect([y.op.name, y.op.type, y.shape.as_list()]).toEqual(['mul', 'Mul', [3, 4]]);
      expect(y.op.inputs.map((t) => t.name)).toEqual(['mul/x:0', 'eye/MatrixSetDiag:0']);
      expect(tf.initializers.identity(0.5, tf.float64).get_config()).toEqual({ gain: 0.5, dtype: 'float64' });
      expect(() => tf.initializers.identity({ dtype: tf.int32 })).toThrow(tf.errors.ValueError);
    });
    const v = await inSession(async (g, sess) => {
      const [w, init] = g.as_default(
        () => [tf.get_variable('w', [2, 3], { initializer: tf.initializers.identity(3) }), tf.initializers.global_variables()] as const,
      );
      await sess.run(init);
      return sess.run(w);
    });
    assertAllClose(v, npEye(2, 3, 3));
  });
});
