// TF1's tensorflow/python/kernel_tests/shape_ops_test.py, TileTest's cases through tf.gather (r1.12: multiples as a
// Python list; later versions parameterize the multiples' dtype). TF1 differentiates gather into IndexedSlices,
// which Tile's gradient densifies; tf1-ts's gather gradient is that dense tensor at once. The rest of TileTest is
// in shape_ops_test.test.ts.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { gradientError, inSession, staticShape } from './helpers.js';

describe('TileTest (gather)', () => {
  it('testGradientWithSparseGradWithRank1', async () => {
    await inSession(async (g, sess) => {
      const [inputs, outputs] = g.as_default(() => {
        const inputs = tf.constant([1.0, 2.0, 3.0, 4.0], tf.float32);
        return [inputs, tf.gather(tf.tile(inputs, [3]), [1, 5, 9, 3, 7, 2, 2, 2])] as const;
      });
      expect(await gradientError(sess, inputs, staticShape(inputs) as number[], outputs, staticShape(outputs) as number[])).toBeLessThan(1e-4);
    });
  });

  it('testGradientWithSparseGradWithRank3', async () => {
    await inSession(async (g, sess) => {
      const [inputs, outputs] = g.as_default(() => {
        const inputs = tf.reshape(tf.constant([1.0, 2.0, 3.0, 4.0], tf.float32), [-1, 1, 1]);
        return [inputs, tf.gather(tf.tile(inputs, [3, 4, 2]), [1, 5, 9, 3, 7, 2, 2, 2])] as const;
      });
      expect(staticShape(outputs)).toEqual([8, 4, 2]);
      expect(await gradientError(sess, inputs, staticShape(inputs) as number[], outputs, staticShape(outputs) as number[])).toBeLessThan(1e-4);
    });
  });
});
