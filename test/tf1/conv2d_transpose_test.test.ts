// TF1's tensorflow/python/kernel_tests/conv2d_transpose_test.py (Conv2DTransposeTest), ported: one `it` per TF1
// test method. The NCHW methods run only where a GPU is (TF1's CPU kernels are NHWC only): NOT_PORTED.md.
// testGradient's np.random.seed(1) draws come from a seeded stream here.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, evaluate, inGraph, inSession, rng } from './helpers.js';

const X_SHAPE = [2, 6, 4, 3];
const F_SHAPE = [3, 3, 2, 3];

/** conv2d_transpose of all-ones x and filter (float32) to `yShape`. */
function onesTranspose(yShape: number[], strides: number[], padding: string): Promise<tf.NDArray> {
  return evaluate(() => {
    const x = tf.constant(1.0, { shape: X_SHAPE, name: 'x', dtype: 'float32' });
    const f = tf.constant(1.0, { shape: F_SHAPE, name: 'filter', dtype: 'float32' });
    return tf.nn.conv2d_transpose(x, f, yShape, { strides, padding });
  });
}

/** value[n, h, w, k] of an NHWC array. */
const at = (v: tf.NDArray, n: number, h: number, w: number, k: number): number => v.data[((n * v.shape[1]! + h) * v.shape[2]! + w) * v.shape[3]! + k]!;

describe('conv2d_transpose_test.Conv2DTransposeTest', () => {
  it('testConv2DTransposeSingleStride', async () => {
    const yShape = [2, 6, 4, 2];
    const value = await onesTranspose(yShape, [1, 1, 1, 1], 'SAME');
    for (let n = 0; n < X_SHAPE[0]!; n++) {
      for (let k = 0; k < F_SHAPE[2]!; k++) {
        for (let w = 0; w < yShape[2]!; w++) {
          for (let h = 0; h < yShape[1]!; h++) {
            let target = 4 * 3.0;
            const hIn = h > 0 && h < yShape[1]! - 1;
            const wIn = w > 0 && w < yShape[2]! - 1;
            if (hIn && wIn) target += 5 * 3.0;
            else if (hIn || wIn) target += 2 * 3.0;
            assertAllClose(at(value, n, h, w, k), target);
          }
        }
      }
    }
  });

  it('testConv2DTransposeSame', async () => {
    const yShape = [2, 12, 8, 2];
    const strides = [1, 2, 2, 1];
    const value = await onesTranspose(yShape, strides, 'SAME');
    for (let n = 0; n < X_SHAPE[0]!; n++) {
      for (let k = 0; k < F_SHAPE[2]!; k++) {
        for (let w = 0; w < yShape[2]!; w++) {
          for (let h = 0; h < yShape[1]!; h++) {
            let target = 3.0;
            const hIn = h % strides[1]! === 0 && h > 0 && h < yShape[1]! - 1;
            const wIn = w % strides[2]! === 0 && w > 0 && w < yShape[2]! - 1;
            if (hIn && wIn) target += 9.0;
            else if (hIn || wIn) target += 3.0;
            assertAllClose(at(value, n, h, w, k), target);
          }
        }
      }
    }
  });

  it('testConv2DTransposeValid', async () => {
    const yShape = [2, 13, 9, 2];
    const strides = [1, 2, 2, 1];
    const value = await onesTranspose(yShape, strides, 'VALID');
    const cache = tf.NDArray.zeros(yShape, 'float32');
    const [H, W] = [yShape[1]!, yShape[2]!];
    const idx = (n: number, h: number, w: number, k: number) => ((n * H + h) * W + w) * yShape[3]! + k;
    const pad = 1;
    for (let n = 0; n < X_SHAPE[0]!; n++) {
      for (let k = 0; k < F_SHAPE[2]!; k++) {
        for (let w = pad; w < W - pad; w++) {
          for (let h = pad; h < H - pad; h++) {
            let target = 3.0;
            const hIn = h % strides[1]! === 0 && h > pad && h < H - 1 - pad;
            const wIn = w % strides[2]! === 0 && w > pad && w < W - 1 - pad;
            if (hIn && wIn) target += 9.0;
            else if (hIn || wIn) target += 3.0;
            cache.data[idx(n, h, w, k)] = target;
          }
        }
        // copy values in the border
        for (let h = 0; h < H; h++) {
          cache.data[idx(n, h, 0, k)] = cache.data[idx(n, h, 1, k)]!;
          cache.data[idx(n, h, W - 1, k)] = cache.data[idx(n, h, W - 2, k)]!;
        }
        for (let w = 0; w < W; w++) {
          cache.data[idx(n, 0, w, k)] = cache.data[idx(n, 1, w, k)]!;
          cache.data[idx(n, H - 1, w, k)] = cache.data[idx(n, H - 2, w, k)]!;
        }
      }
    }
    assertAllClose(value, cache);
  });

  it('testGradient', async () => {
    const yShape = [2, 12, 8, 2];
    const draw = rng(1);
    const sample = (shape: number[]) => {
      const a = tf.NDArray.zeros(shape, 'float64');
      for (let i = 0; i < a.size; i++) a.data[i] = draw();
      return a;
    };
    const [xVal, fVal] = [sample(X_SHAPE), sample(F_SHAPE)];
    const err = await inSession(async (g, sess) => {
      const [x, f, output] = g.as_default(() => {
        const xt = tf.constant(xVal, { name: 'x', dtype: 'float32' });
        const ft = tf.constant(fVal, { name: 'f', dtype: 'float32' });
        return [xt, ft, tf.nn.conv2d_transpose(xt, ft, yShape, { strides: [1, 2, 2, 1], padding: 'SAME' })];
      });
      return sess.as_default(() => tf.test.compute_gradient_error([x, f], [X_SHAPE, F_SHAPE], output, yShape));
    });
    expect(err).toBeLessThan(0.0005);
  });

  it('testConv2DTransposeShapeInference', () =>
    inGraph(() => {
      // Test case for 8972
      const initializer = tf.truncated_normal([3, 3, 5, 1], { mean: 0.0, stddev: 0.01, dtype: 'float32' });
      const x = tf.Variable(tf.random_normal([3, 10, 5, 1]));
      const f = tf.get_variable('f', { initializer });
      const fShape = tf.stack([tf.shape(x).at(0), 10, 5, 5]);
      const output = tf.nn.conv2d_transpose(x, f, fShape, { strides: [1, 1, 1, 1], padding: 'SAME' });
      expect(output.shape.as_list()).toEqual([3, 10, 5, 5]);
    }));
});
