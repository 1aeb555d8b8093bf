// Port of TF1 r1.12's tensorflow/python/kernel_tests/clip_ops_test.py, the clip_by_value and clip_by_norm cases
// (TF1's DISABLED_ methods are not run there either); the global-norm and average-norm cases are in
// clip_ops_test_global_norm.test.ts. JS numbers like 2.0 are integers, so the constants TF1 writes as float
// literals say float32 here.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { ValueError } from '../../src/framework/errors.js';
import { assertAllClose, evaluate, inGraph, thrown } from './helpers.js';

describe('ClipTest', () => {
  // ClipByValue test
  it('testClipByValue', async () => {
    const npAns = [
      [-4.4, 2.0, 3.0],
      [4.0, 4.4, 4.4],
    ];
    const clipValue = 4.4;
    const tfAns = await evaluate(() => {
      const x = tf.constant([-5.0, 2.0, 3.0, 4.0, 5.0, 6.0], { shape: [2, 3], dtype: tf.float32 });
      return tf.clip_by_value(x, -clipValue, clipValue);
    });
    assertAllClose(npAns, tfAns);
  });

  it('testClipByValueBadShape', () => {
    inGraph(() => {
      const x = tf.constant([-5.0, 2.0, 3.0, 4.0, 5.0, 6.0], { shape: [2, 3, 1], dtype: tf.float32 });
      // Use a nonsensical shape.
      const clip = tf.constant([1.0, 2.0], { dtype: tf.float32 });
      expect(thrown(() => tf.clip_by_value(x, tf.negative(clip), clip))).toBeInstanceOf(ValueError);
      expect(thrown(() => tf.clip_by_value(x, 1.0, clip))).toBeInstanceOf(ValueError);
    });
  });

  it('testClipByValueNonFinite', async () => {
    const npAns = [NaN, 4.0, -4.0];
    const clipValue = 4.0;
    const tfAns = await evaluate(() => tf.clip_by_value(tf.constant([NaN, Infinity, -Infinity]), -clipValue, clipValue));
    assertAllClose(npAns, tfAns);
  });

  // ClipByNorm tests
  const x6 = (v: number[], shape: number[]): tf.Tensor => tf.constant(v, { shape, dtype: tf.float32 });
  it('testClipByNormClipped', async () => {
    // Norm clipping when clip_norm < 5
    const npAns = [
      [-2.4, 0.0, 0.0],
      [3.2, 0.0, 0.0],
    ];
    const clipNorm = 4.0;
    const [tfAns, tfAnsTensor] = await evaluate(() => {
      const x = x6([-3.0, 0.0, 0.0, 4.0, 0.0, 0.0], [2, 3]);
      // Norm of x = sqrt(3^2 + 4^2) = 5
      const ans = tf.clip_by_norm(x, clipNorm);
      tf.constant(4.0, { dtype: tf.float32 }); // clip_tensor, unused there too
      return [ans, tf.clip_by_norm(x, clipNorm)];
    });
    assertAllClose(npAns, tfAns!);
    assertAllClose(npAns, tfAnsTensor!);
  });

  it('testClipByNormBadShape', () => {
    inGraph(() => {
      const x = x6([-3.0, 0.0, 0.0, 4.0, 0.0, 0.0], [2, 3, 1]);
      // Use a nonsensical shape.
      const clip = tf.constant([1.0, 2.0], { dtype: tf.float32 });
      expect(thrown(() => tf.clip_by_norm(x, clip))).toBeInstanceOf(ValueError);
    });
  });

  const clipByNorm = (values: number[], clipNorm: number, axes?: number[]): Promise<tf.NDArray> =>
    evaluate(() => tf.clip_by_norm(x6(values, [2, 3]), clipNorm, axes));

  it('testClipByNormNotClipped', async () => {
    // No norm clipping when clip_norm >= 5
    assertAllClose(
      [
        [-3.0, 0.0, 0.0],
        [4.0, 0.0, 0.0],
      ],
      await clipByNorm([-3.0, 0.0, 0.0, 4.0, 0.0, 0.0], 6.0),
    );
  });

  it('testClipByNormZero', async () => {
    // No norm clipping when norm = 0
    assertAllClose(
      [
        [0.0, 0.0, 0.0],
        [0.0, 0.0, 0.0],
      ],
      await clipByNorm([0.0, 0.0, 0.0, 0.0, 0.0, 0.0], 6.0),
    );
  });

  it('testClipByNormClippedWithDim0', async () => {
    // Norm of x[:, 0] = sqrt(3^2 + 4^2) = 5, x[:, 2] = 3
    assertAllClose(
      [
        [-2.4, 0.0, 0.0],
        [3.2, 0.0, 3.0],
      ],
      await clipByNorm([-3.0, 0.0, 0.0, 4.0, 0.0, 3.0], 4.0, [0]),
    );
  });

  it('testClipByNormClippedWithDim1', async () => {
    // Norm of x[0, :] = 3, x[1, :] = sqrt(3^2 + 4^2) = 5
    assertAllClose(
      [
        [-3.0, 0.0, 0.0],
        [3.2, 0.0, 2.4],
      ],
      await clipByNorm([-3.0, 0.0, 0.0, 4.0, 0.0, 3.0], 4.0, [1]),
    );
  });

  it('testClipByNormNotClippedWithAxes', async () => {
    // No norm clipping when clip_norm >= 5
    assertAllClose(
      [
        [-3.0, 0.0, 0.0],
        [4.0, 0.0, 3.0],
      ],
      await clipByNorm([-3.0, 0.0, 0.0, 4.0, 0.0, 3.0], 6.0, [1]),
    );
  });

  it('builds the nodes as TF1 names them', () => {
    inGraph((g) => {
      const v = tf.clip_by_value(tf.constant([1.0, 5.0], { name: 'x', dtype: tf.float32 }), 2.0, 4.0);
      const n = tf.clip_by_norm(tf.constant([3.0, 4.0], { name: 'y', dtype: tf.float32 }), 4.0);
      expect([v.op.name, v.op.type, n.op.name, n.op.type]).toEqual(['clip_by_value', 'Maximum', 'clip_by_norm', 'Identity']);
      const names = g.get_operations().map((o) => o.name);
      expect(names).toContain('clip_by_value/Minimum');
      expect(names).toContain('clip_by_norm/truediv');
    });
  });
});
