// TF1's tensorflow/python/kernel_tests/identity_op_test.py, ported (source read: the r1.12-era file,
// with test_session and gen_array_ops.ref_identity). Cases tf1-ts cannot express are listed in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual, inSession, staticShape } from './helpers.js';

describe('IdentityOpTest', () => {
  it('testInt32_6', async () => {
    await inSession(async (g, sess) => {
      const value = await sess.run(g.as_default(() => tf.identity([1, 2, 3, 4, 5, 6])));
      assertAllEqual(value, [1, 2, 3, 4, 5, 6]);
      expect(value.dtype).toBe('int32');
    });
  });

  it('testInt32_2_3', async () => {
    await inSession(async (g, sess) => {
      const inp = g.as_default(() => tf.constant([10, 20, 30, 40, 50, 60], { shape: [2, 3] }));
      assertAllEqual(await sess.run(g.as_default(() => tf.identity(inp))), [
        [10, 20, 30],
        [40, 50, 60],
      ]);
    });
  });

  it('testIdentityShape', async () => {
    await inSession(async (g) => {
      g.as_default(() => {
        const shape = [2, 3];
        const array2x3 = [
          [1, 2, 3],
          [6, 5, 4],
        ];
        const tensor = tf.constant(array2x3);
        expect(staticShape(tensor)).toEqual(shape);
        expect(staticShape(tf.identity(tensor))).toEqual(shape);
        expect(staticShape(tf.identity(array2x3))).toEqual(shape);
        expect(staticShape(tf.identity(new tf.NDArray(Int32Array.of(1, 2, 3, 6, 5, 4), [2, 3], 'int32')))).toEqual(shape);
      });
    });
  });
});

describe('IdentityOpTest, string tensors', () => {
  it('testString', async () => {
    const source = ['A', 'b', 'C', 'd', 'E', 'f'];
    await inSession(async (g, sess) => {
      const value = await sess.run(g.as_default(() => tf.identity(source)));
      expect(value.dtype).toBe('string');
      assertAllEqual(source, value);
    });
  });
});
