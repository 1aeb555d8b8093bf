// TF1's tensorflow/python/kernel_tests/pooling_ops_test.py (PoolingTest), ported for NHWC on the CPU: one `it`
// per TF1 test method. float16, MaxPoolV2 (ksize/strides as tensors), MaxPoolWithArgmax and the NCHW/GPU
// configurations are not ported (NOT_PORTED.md). The gradient checks run in TF1's float32 and again in float64.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { assertAllClose, computeGradientError, evaluate, inGraph, np, rejected, staticShape, thrown } from './helpers.js';

type Pool = typeof tf.nn.max_pool;
type Case = [sizes: number[], ksize: number[], strides: number[], padding: string, expected: number[]];

/** `_VerifyValues` on the CPU in NHWC for float32 and float64: the input counts up from 1, wrapping past 127 to -127. */
async function verifyValues(pool: Pool, [sizes, ksize, strides, padding, expected]: Case): Promise<void> {
  const total = sizes.reduce((a, b) => a * b, 1);
  const x = Array.from({ length: total }, (_, f) => ((f + 128) % 255) - 127);
  for (const dtype of ['float32', 'float64'] as const) {
    const out = await evaluate(() => {
      const t = pool(tf.constant(x, { shape: sizes, dtype }), ksize, strides, padding);
      return t;
    });
    assertAllClose(Array.from(out.data), expected, { rtol: 1e-6, atol: 1e-6 });
  }
}

const AVG_CASES: Case[] = [
  [[1, 3, 3, 3], [1, 2, 2, 1], [1, 2, 2, 1], 'VALID', [7, 8, 9]],
  [[1, 2, 4, 3], [1, 2, 2, 1], [1, 2, 2, 1], 'SAME', [8.5, 9.5, 10.5, 14.5, 15.5, 16.5]],
  [[1, 2, 2, 1], [1, 1, 2, 1], [1, 1, 1, 1], 'SAME', [1.5, 2.0, 3.5, 4.0]],
  [[1, 2, 2, 1], [1, 2, 1, 1], [1, 1, 1, 1], 'SAME', [2.0, 3.0, 3.0, 4.0]],
  [[2, 2, 2, 2], [1, 1, 2, 1], [1, 1, 1, 1], 'SAME', [2, 3, 3, 4, 6, 7, 7, 8, 10, 11, 11, 12, 14, 15, 15, 16]],
  [[2, 2, 2, 2], [1, 2, 1, 1], [1, 1, 1, 1], 'SAME', [3, 4, 5, 6, 5, 6, 7, 8, 11, 12, 13, 14, 13, 14, 15, 16]],
  [[1, 3, 3, 3], [1, 2, 2, 1], [1, 1, 2, 1], 'VALID', [7, 8, 9, 16, 17, 18]],
  [[1, 3, 3, 3], [1, 2, 2, 1], [1, 2, 1, 1], 'VALID', [7, 8, 9, 10, 11, 12]],
  [[1, 4, 4, 4], [1, 2, 2, 1], [1, 2, 2, 1], 'SAME', [11, 12, 13, 14, 19, 20, 21, 22, 43, 44, 45, 46, 51, 52, 53, 54]],
  [[1, 4, 4, 4], [1, 3, 3, 1], [1, 2, 2, 1], 'SAME', [21, 22, 23, 24, 27, 28, 29, 30, 45, 46, 47, 48, 51, 52, 53, 54]],
  [
    [1, 8, 8, 8],
    [1, 3, 3, 1],
    [1, 2, 2, 1],
    'SAME',
    [
      -12, -11, -10, -9, -8, -7, -6, -5, 4, 5, 6, 7, 8, 9, 10, 11, 20, 21, 22, 23, 24, 25, 26, 27, 32, 33, 34, 35, 36, 37, 38, -3.5, -54, -53, -52, -51, -50,
      -49, -48, -47, -38, -37, -36, -35, -34, -33, -32, -31, -22, -21, -20, -19, -18, -17, -16, -15, -10, -9, -8, -7, -6, -5, -4, -3, -11, -10, -9, -8, -7, -6,
      -5, -4, 5, 6, 7, 8, 9, 10, 11, 12, 21, 22, 23, 24, 25, 26, 27, 28, 33, 34, 35, 36, 37, 38, -3.5, -2.5, -85, -84, -83, -82, -81, -80, -79, -78, -69, -68,
      -67, -66, -65, -64, -63, -62, -53, -52, -51, -50, -49, -48, -47, -46, -41, -40, -39, -38, -37, -36, -35, -34,
    ],
  ],
  [[0, 8, 8, 8], [1, 3, 3, 1], [1, 2, 2, 1], 'SAME', []],
];

const MAX_CASES: Case[] = [
  [[1, 3, 3, 3], [1, 2, 2, 1], [1, 2, 2, 1], 'VALID', [13, 14, 15]],
  [[1, 2, 3, 3], [1, 2, 2, 1], [1, 2, 2, 1], 'SAME', [13, 14, 15, 16, 17, 18]],
  [[1, 2, 2, 1], [1, 1, 2, 1], [1, 1, 1, 1], 'SAME', [2, 2, 4, 4]],
  [[1, 4, 4, 1], [1, 2, 2, 1], [1, 1, 2, 1], 'VALID', [6, 8, 10, 12, 14, 16]],
  [[1, 4, 4, 1], [1, 2, 2, 1], [1, 2, 1, 1], 'VALID', [6, 7, 8, 14, 15, 16]],
  [[1, 4, 4, 4], [1, 2, 2, 1], [1, 2, 2, 1], 'SAME', [21, 22, 23, 24, 29, 30, 31, 32, 53, 54, 55, 56, 61, 62, 63, 64]],
  [
    [1, 8, 8, 8],
    [1, 3, 3, 1],
    [1, 2, 2, 1],
    'SAME',
    [
      81, 82, 83, 84, 85, 86, 87, 88, 97, 98, 99, 100, 101, 102, 103, 104, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 120, 18,
      19, 20, 21, 22, 23, 24, 25, 34, 35, 36, 37, 38, 39, 40, 41, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 82, 83, 84, 85, 86, 87, 88,
      89, 98, 99, 100, 101, 102, 103, 104, 105, 114, 115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 120, 121, -45, -44, -43, -42, -41, -40,
      -39, -38, -29, -28, -27, -26, -25, -24, -23, -22, -13, -12, -11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1, 0, 1, 2,
    ],
  ],
  // _testMaxPoolEmptyInput (max_pool_v2 in TF1's test; the same op here).
  [[0, 8, 8, 8], [1, 3, 3, 1], [1, 2, 2, 1], 'SAME', []],
];

/** `_ConstructAndTestGradient` (NHWC): the gradient error of the pool of an input counting up from 1, delta 1e-2. */
async function gradientError(pool: Pool, inSizes: number[], outSizes: number[], k: number, s: number, padding: string, dtype: tf.DType, order: 1 | 2) {
  const total = inSizes.reduce((a, b) => a * b, 1);
  const x = np(
    Array.from({ length: total }, (_, i) => i + 1),
    dtype,
  );
  const xs = new tf.NDArray(x.data, inSizes, dtype);
  return computeGradientError(
    () => {
      const input = tf.constant(xs, dtype, inSizes, { name: 'input' });
      const t = pool(input, [1, k, k, 1], [1, s, s, 1], padding, { name: pool === tf.nn.avg_pool ? 'avg_pool' : 'max_pool' });
      return { x: input, y: order === 1 ? t : denseGradients(tf.square(t), input)[0]! };
    },
    inSizes,
    order === 1 ? outSizes : inSizes,
    { xInit: pool === tf.nn.max_pool ? xs : undefined, delta: 1e-2 },
  );
}

type GradCase = [inSizes: number[], outSizes: number[], k: number, s: number, padding: string];
const MAX_GRAD: GradCase[] = [
  [[1, 3, 3, 1], [1, 3, 3, 1], 1, 1, 'VALID'],
  [[1, 3, 3, 1], [1, 2, 2, 1], 1, 2, 'VALID'],
  [[2, 6, 6, 3], [2, 5, 5, 3], 2, 1, 'VALID'],
  [[2, 7, 7, 3], [2, 6, 6, 3], 2, 1, 'VALID'],
  [[2, 2, 2, 3], [2, 1, 1, 3], 2, 2, 'VALID'],
  [[2, 2, 4, 3], [2, 2, 4, 3], 1, 1, 'SAME'],
  [[2, 2, 4, 3], [2, 1, 2, 3], 1, 2, 'SAME'],
  [[2, 2, 4, 3], [2, 2, 4, 3], 2, 1, 'SAME'],
  [[2, 2, 4, 3], [2, 1, 2, 3], 2, 2, 'SAME'],
  [[1, 7, 7, 1], [1, 7, 7, 1], 3, 1, 'SAME'],
];
const AVG_GRAD: GradCase[] = [
  [[2, 3, 3, 3], [2, 3, 3, 3], 1, 1, 'VALID'],
  [[2, 3, 3, 3], [2, 2, 2, 3], 1, 2, 'VALID'],
  [[2, 3, 3, 3], [2, 2, 2, 3], 2, 1, 'VALID'],
  [[2, 2, 2, 3], [2, 1, 1, 3], 2, 2, 'VALID'],
  [[2, 2, 4, 3], [2, 2, 4, 3], 1, 1, 'SAME'],
  [[2, 2, 4, 3], [2, 1, 2, 3], 1, 2, 'SAME'],
  [[2, 2, 4, 3], [2, 2, 4, 3], 2, 1, 'SAME'],
  [[2, 2, 4, 3], [2, 1, 2, 3], 2, 2, 'SAME'],
  [[1, 7, 7, 1], [1, 7, 7, 1], 3, 1, 'SAME'],
];
// testMaxPoolGradGrad's configurations: MAX_GRAD without ValidPadding1_2 and SamePadding1_2.
const MAX_GRAD_GRAD = MAX_GRAD.filter((_, i) => i !== 1 && i !== 6);

/** `_testMaxPoolGradDirect`: MaxPoolGrad of the pool of `input` with the given output gradient. */
async function maxPoolGradDirect(input: number[], backprop: number[], expected: number[], inSizes: number[], outSizes: number[], k: number, padding: string) {
  const got = await evaluate(() => {
    const x = tf.constant(input, { shape: inSizes, dtype: 'float32' });
    const y = tf.nn.max_pool(x, [1, k, k, 1], [1, 1, 1, 1], padding);
    const dy = tf.constant(backprop, { shape: outSizes, dtype: 'float32' });
    return denseGradients(y, x, dy)[0]!;
  });
  assertAllClose(Array.from(got.data), expected, { rtol: 1e-6, atol: 1e-6 });
}

describe('PoolingTest', () => {
  it('testAvgPooling', async () => {
    for (const c of AVG_CASES) await verifyValues(tf.nn.avg_pool, c);
  });

  it('testMaxPooling', async () => {
    for (const c of MAX_CASES) await verifyValues(tf.nn.max_pool, c);
  });

  it('testDepthwiseMaxPool1x1DepthWindow1', async () => {
    await verifyValues(tf.nn.max_pool, [[1, 1, 1, 10], [1, 1, 1, 2], [1, 1, 1, 2], 'SAME', [2, 4, 6, 8, 10]]);
  });

  it('testDepthwiseMaxPool2x2DepthWindow3', async () => {
    await verifyValues(tf.nn.max_pool, [[1, 2, 2, 6], [1, 1, 1, 3], [1, 1, 1, 3], 'SAME', [3, 6, 9, 12, 15, 18, 21, 24]]);
  });

  it('testKernelSmallerThanStrideValid', async () => {
    await verifyValues(tf.nn.max_pool, [[1, 7, 7, 1], [1, 2, 2, 1], [1, 3, 3, 1], 'VALID', [9, 12, 30, 33]]);
    await verifyValues(tf.nn.avg_pool, [[1, 7, 7, 1], [1, 2, 2, 1], [1, 3, 3, 1], 'VALID', [5, 8, 26, 29]]);
  });

  it('testKernelSmallerThanStrideSame', async () => {
    for (const pool of [tf.nn.max_pool, tf.nn.avg_pool]) {
      await verifyValues(pool, [[1, 3, 3, 1], [1, 1, 1, 1], [1, 2, 2, 1], 'SAME', [1, 3, 7, 9]]);
      await verifyValues(pool, [[1, 4, 4, 1], [1, 1, 1, 1], [1, 2, 2, 1], 'SAME', [1, 3, 9, 11]]);
    }
  });

  it('testDepthwiseMaxPoolInvalidConfigs', async () => {
    const configs: [number[], number[], RegExp][] = [
      [[1, 2, 2, 2], [1, 1, 1, 2], /exactly one of pooling across depth/],
      [[1, 1, 1, 2], [1, 1, 1, 1], /depth window to equal the depth stride/],
      [[1, 1, 1, 3], [1, 1, 1, 3], /evenly divide/],
    ];
    for (const [ksize, strides, msg] of configs) {
      const e = await rejected(evaluate(() => tf.nn.max_pool(tf.fill([1, 2, 2, 4], 1.0), ksize, strides, 'SAME')));
      expect(e).toBeInstanceOf(tf.errors.UnimplementedError);
      expect(e.message).toMatch(msg);
    }
  });

  it('testMaxPoolGrad', async () => {
    for (const [i, o, k, s, p] of MAX_GRAD) {
      expect(await gradientError(tf.nn.max_pool, i, o, k, s, p, 'float32', 1)).toBeLessThan(1e-3);
      expect(await gradientError(tf.nn.max_pool, i, o, k, s, p, 'float64', 1)).toBeLessThan(1e-4);
    }
  });

  it('testMaxPoolGradDirect', async () => {
    const ones = new Array<number>(16).fill(1);
    const backprop = [11, 12, 13, 15, 16, 17, 19, 20, 21];
    await maxPoolGradDirect(ones, backprop, [11, 12, 13, 0, 15, 16, 17, 0, 19, 20, 21, 0, 0, 0, 0, 0], [1, 4, 4, 1], [1, 3, 3, 1], 2, 'VALID');
    const checker = [1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 1, 0, 1];
    await maxPoolGradDirect(checker, backprop, [11, 0, 25, 0, 0, 31, 0, 17, 19, 0, 41, 0, 0, 0, 0, 0], [1, 4, 4, 1], [1, 3, 3, 1], 2, 'VALID');
    await maxPoolGradDirect(
      checker,
      Array.from({ length: 16 }, (_, i) => 11 + i),
      [54, 0, 62, 0, 0, 60, 0, 22, 47, 0, 51, 0, 0, 0, 0, 0],
      [1, 4, 4, 1],
      [1, 4, 4, 1],
      3,
      'SAME',
    );
    // _testMaxPoolGradDirectWithNans2_1 / 2_2: the CPU routes each window's gradient to its first element.
    const nans = new Array<number>(16).fill(Number.NaN);
    await maxPoolGradDirect(nans, backprop, [11, 12, 13, 0, 15, 16, 17, 0, 19, 20, 21, 0, 0, 0, 0, 0], [1, 4, 4, 1], [1, 3, 3, 1], 2, 'VALID');
    const N = Number.NaN;
    await maxPoolGradDirect(
      nans,
      [N, 12, 13, 15, N, 17, 19, 20, N],
      [N, 12, 13, 0, 15, N, 17, 0, 19, 20, N, 0, 0, 0, 0, 0],
      [1, 4, 4, 1],
      [1, 3, 3, 1],
      2,
      'VALID',
    );
  });

  it('testMaxPoolGradGrad', async () => {
    for (const [i, o, k, s, p] of MAX_GRAD_GRAD) {
      expect(await gradientError(tf.nn.max_pool, i, o, k, s, p, 'float32', 2)).toBeLessThan(1e-2);
      expect(await gradientError(tf.nn.max_pool, i, o, k, s, p, 'float64', 2)).toBeLessThan(1e-4);
    }
  });

  it('testAvgPoolGrad', async () => {
    for (const [i, o, k, s, p] of AVG_GRAD) {
      expect(await gradientError(tf.nn.avg_pool, i, o, k, s, p, 'float32', 1)).toBeLessThan(1e-4);
      expect(await gradientError(tf.nn.avg_pool, i, o, k, s, p, 'float64', 1)).toBeLessThan(1e-4);
    }
  });

  it('testShapeFunctionEdgeCases', () => {
    inGraph(() => {
      for (const pool of [tf.nn.max_pool, tf.nn.avg_pool]) {
        const p = pool(tf.placeholder('float32'), [1, 1, 1, 1], [1, 1, 1, 1], 'SAME');
        expect(staticShape(p)).toEqual([null, null, null, null]);
        expect(thrown(() => pool(tf.placeholder('float32', [1, 3]), [1, 1, 1, 1], [1, 1, 1, 1], 'SAME'))).toBeInstanceOf(tf.errors.ValueError);
      }
    });
  });

  it('testOpEdgeCases', async () => {
    // Illegal strides (avg_pool; TF1 runs it unfed, where its kernel's construction fails first; fed here).
    const e = await rejected(
      (async () => {
        const g = new tf.Graph();
        const sess = new tf.Session({ graph: g, backend: 'cpu' });
        try {
          const [x, y] = g.as_default(() => {
            const x = tf.placeholder('float32');
            return [x, tf.nn.avg_pool(x, [1, 1, 1, 1], [2, 1, 1, 1], 'SAME')] as const;
          });
          await sess.run(y, new Map([[x, tf.NDArray.zeros([2, 2, 2, 1], 'float32')]]));
        } finally {
          sess.close();
        }
      })(),
    );
    expect(e).toBeInstanceOf(tf.errors.UnimplementedError);
    expect(e.message).toMatch(/Pooling is not yet supported on the batch/);
    // Filter too large.
    inGraph(() => {
      for (const pool of [tf.nn.max_pool, tf.nn.avg_pool]) {
        for (const ksize of [
          [1, 20, 21, 1],
          [1, 21, 20, 1],
        ]) {
          const err = thrown(() => pool(tf.placeholder('float32', [32, 20, 20, 3]), ksize, [1, 1, 1, 1], 'VALID'));
          expect(err).toBeInstanceOf(tf.errors.ValueError);
          expect(err.message).toMatch(/Negative dimension size/);
        }
      }
    });
  });
});
