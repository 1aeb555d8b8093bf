// TF1's tensorflow/python/framework/ops_test.py, IndexedSlicesTest (r1.12): testToTensor and testNegation.
// testScalarMul needs math_ops.scalar_mul, which tf1-ts has not (NOT_PORTED.md).
import { describe, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual, inSession } from './helpers.js';

describe('IndexedSlicesTest', () => {
  it('testToTensor', async () => {
    await inSession(async (g, sess) => {
      const tensor = g.as_default(() => {
        const x = new tf.IndexedSlices(tf.constant([2, 3]), tf.constant([0, 2]), tf.constant([3]));
        return tf.convert_to_tensor(x, { name: 'tensor' });
      });
      assertAllEqual(await sess.run(tensor), [2, 0, 3]);
    });
  });

  it('testNegation', async () => {
    await inSession(async (g, sess) => {
      const x = g.as_default(() => new tf.IndexedSlices(tf.constant([2, 3]), tf.constant([0, 2])).neg());
      assertAllEqual(await sess.run(x.values), [-2, -3]);
      assertAllEqual(await sess.run(x.indices), [0, 2]);
    });
  });
});
