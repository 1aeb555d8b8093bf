// TF1's tensorflow/python/kernel_tests/atrous_convolution_test.py and atrous_conv2d_test.py (r1.12), the 2-D cases:
// one `it` per TF1 test method. Each method's graphs are fetched in one run. The 1-D, 3-D and NC cases, the
// transpose and depthwise classes are in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, inSession } from './helpers.js';

/** np.arange(prod(shape)).reshape(shape) as float32. */
function arange(shape: readonly number[]): tf.NDArray {
  const a = tf.NDArray.zeros(shape, 'float32');
  for (let i = 0; i < a.size; i++) a.data[i] = i;
  return a;
}

/** np.random.random_sample(shape) as `dtype`, times `scale`, from a seeded generator (TF1 seeds NumPy with 1). */
function sample(shape: readonly number[], next: () => number, scale = 1, dtype: tf.DType = 'float32'): tf.NDArray {
  const a = tf.NDArray.zeros(shape, dtype);
  for (let i = 0; i < a.size; i++) a.data[i] = scale * next();
  return a;
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** upsample_filters: (rate − 1) zeros between the taps of a [kh, kw, in, out] filter. */
function upsample(f: tf.NDArray, rate: readonly number[]): tf.NDArray {
  const [kh, kw, ci, co] = f.shape as [number, number, number, number];
  const [uh, uw] = [(kh - 1) * rate[0]! + 1, (kw - 1) * rate[1]! + 1];
  const out = tf.NDArray.zeros([uh, uw, ci, co], f.dtype);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let c = 0; c < ci * co; c++) out.data[(i * rate[0]! * uw + j * rate[1]!) * ci * co + c] = f.data[(i * kw + j) * ci * co + c]!;
  return out;
}

/** Fetches every pair in one run and compares them (rtol, atol 1e-2). */
async function comparePairs(build: () => [tf.Tensor, tf.Tensor][]): Promise<number> {
  return inSession(async (g, sess) => {
    const pairs = g.as_default(build);
    const values = (await sess.run(pairs.flat())) as tf.NDArray[];
    for (let i = 0; i < pairs.length; i++) assertAllClose(values[2 * i]!, values[2 * i + 1]!, { rtol: 1e-2, atol: 1e-2 });
    return pairs.length;
  });
}

describe('AtrousConvolutionTest (atrous_convolution_test.py)', () => {
  it('testAtrousConvolution2D', async () => {
    const n = await comparePairs(() => {
      const pairs: [tf.Tensor, tf.Tensor][] = [];
      for (const padding of ['SAME', 'VALID'])
        for (const [height, width] of [
          [9, 9],
          [9, 10],
        ])
          for (const [kh, kw] of [
            [1, 1],
            [2, 2],
            [2, 3],
          ])
            for (const rate of [
              [1, 1],
              [3, 2],
              [2, 1],
            ]) {
              const f = arange([kh!, kw!, 2, 2]);
              const x = arange([2, height!, width!, 2]);
              const y1 = tf.nn.convolution({ input: x, filter: f, dilation_rate: rate, padding });
              const y2 = tf.nn.convolution({ input: x, filter: upsample(f, rate), padding });
              pairs.push([y1, y2]);
            }
      return pairs;
    });
    expect(n).toBe(36);
  });

  it('testAtrousSequence', async () => {
    const next = lcg(1);
    await comparePairs(() => {
      const pairs: [tf.Tensor, tf.Tensor][] = [];
      for (const padding of ['SAME', 'VALID'])
        for (let height = 15; height < 17; height++)
          for (let width = 15; width < 17; width++) {
            const x = sample([3, height, width, 2], next);
            for (const kernel of padding === 'SAME' ? [1, 3] : [1, 2]) {
              const fShape = [kernel, kernel, 2, 2];
              const f1 = sample(fShape, next, 1e-2);
              const f2 = sample(fShape, next, 1e-2);
              const combined = (converted: tf.Tensor): tf.Tensor =>
                tf.nn.convolution({ input: tf.nn.convolution({ input: converted, filter: f1, padding }), filter: f2, padding });
              for (let rh = 2; rh < 4; rh++)
                for (let rw = 2; rw < 4; rw++) {
                  const dilation_rate = [rh, rw];
                  let y1 = tf.nn.convolution({ input: x, filter: f1, padding, dilation_rate });
                  y1 = tf.nn.convolution({ input: y1, filter: f2, padding, dilation_rate });
                  const y2 = tf.nn.with_space_to_batch({ input: x, dilation_rate, op: combined, padding: 'VALID' });
                  pairs.push([y1, y2]);
                }
            }
          }
      return pairs;
    });
  });

  // TF1 checks float32 within 1e-3; the float64 graph is checked too, within 1e-8.
  it('testGradient', async () => {
    const next = lcg(1);
    for (const dtype of ['float32', 'float64'] as const)
      for (const padding of ['SAME', 'VALID'])
        for (let rw = 1; rw < 3; rw++)
          for (let rh = 1; rh < 3; rh++) {
            const err = await inSession(async (g, sess) => {
              const [x, f, y] = g.as_default(() => {
                const x = tf.constant(sample([2, 5, 6, 2], next, 1, dtype), { name: 'x', dtype });
                const f = tf.constant(sample([3, 3, 2, 2], next, 1, dtype), { name: 'f', dtype });
                return [x, f, tf.nn.convolution({ input: x, filter: f, dilation_rate: [rh, rw], padding })] as const;
              });
              return sess.as_default(() =>
                tf.test.compute_gradient_error(
                  [x, f],
                  [
                    [2, 5, 6, 2],
                    [3, 3, 2, 2],
                  ],
                  y,
                  y.shape.as_list() as number[],
                ),
              );
            });
            expect(err).toBeLessThan(dtype === 'float32' ? 1e-3 : 1e-8);
          }
  });
});

describe('AtrousConv2DTest (atrous_conv2d_test.py)', () => {
  it('testAtrousConv2DForward', async () => {
    const n = await comparePairs(() => {
      const pairs: [tf.Tensor, tf.Tensor][] = [];
      for (const width of [15, 16]) {
        const x = arange([2, 15, width, 2]);
        for (let kh = 1; kh < 5; kh++)
          for (let kw = 1; kw < 5; kw++) {
            const f = arange([kh, kw, 2, 2]);
            for (let rate = 1; rate < 5; rate++) {
              const fUp = upsample(f, [rate, rate]);
              for (const padding of ['SAME', 'VALID']) {
                pairs.push([tf.nn.atrous_conv2d(x, f, rate, { padding }), tf.nn.conv2d(x, fUp, { strides: [1, 1, 1, 1], padding })]);
              }
            }
          }
      }
      return pairs;
    });
    expect(n).toBe(256);
  });

  it('testAtrousSequence', async () => {
    const next = lcg(1);
    await comparePairs(() => {
      const pairs: [tf.Tensor, tf.Tensor][] = [];
      const padding = 'SAME';
      for (let height = 15; height < 17; height++)
        for (let width = 15; width < 17; width++) {
          const x = sample([3, height, width, 2], next);
          for (const kernel of [1, 3, 5]) {
            const f = sample([kernel, kernel, 2, 2], next, 1e-2);
            for (let rate = 2; rate < 4; rate++) {
              let y1 = tf.nn.atrous_conv2d(x, f, rate, { padding });
              y1 = tf.nn.atrous_conv2d(y1, f, rate, { padding });
              y1 = tf.nn.atrous_conv2d(y1, f, rate, { padding });
              const pad = [
                [0, height % rate === 0 ? 0 : rate - (height % rate)],
                [0, width % rate === 0 ? 0 : rate - (width % rate)],
              ];
              let y2 = tf.space_to_batch(x, { paddings: pad, block_size: rate });
              for (let k = 0; k < 3; k++) y2 = tf.nn.conv2d(y2, f, { strides: [1, 1, 1, 1], padding });
              y2 = tf.batch_to_space(y2, { crops: pad, block_size: rate });
              pairs.push([y1, y2]);
            }
          }
        }
      return pairs;
    });
  });

  // TF1 checks float32 within 1e-3; the float64 graph is checked too, within 1e-8.
  it('testGradient', async () => {
    const next = lcg(1);
    for (const dtype of ['float32', 'float64'] as const)
      for (let rate = 1; rate < 4; rate++) {
        const err = await inSession(async (g, sess) => {
          const [x, f, y] = g.as_default(() => {
            const x = tf.constant(sample([2, 5, 6, 2], next, 1, dtype), { name: 'x', dtype });
            const f = tf.constant(sample([3, 3, 2, 2], next, 1, dtype), { name: 'f', dtype });
            return [x, f, tf.nn.atrous_conv2d(x, f, { rate, padding: 'SAME' })] as const;
          });
          return sess.as_default(() =>
            tf.test.compute_gradient_error(
              [x, f],
              [
                [2, 5, 6, 2],
                [3, 3, 2, 2],
              ],
              y,
              [2, 5, 6, 2],
            ),
          );
        });
        expect(err).toBeLessThan(dtype === 'float32' ? 1e-3 : 1e-8);
      }
  });
});
