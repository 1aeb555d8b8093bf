// TF1's tensorflow/python/kernel_tests/softmax_op_test.py, ported (float16 cases and testDimTooLarge are in
// NOT_PORTED.md). Read from microsoft/tensorflow-directml (TF 1.15, whose python tests are nearly 1.12's; the
// r1.12 file is not in the index). TF1's use_gpu runs are CPU runs here; NumPy's random draws are a seeded stream.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import type { DType } from '../../src/framework/dtypes.js';
import { assertAllClose, assertShapeEqual, np, rng, session } from './helpers.js';
import { softmaxAlong } from '../helpers/softmax_reference.js';

const F32_MAX = 3.4028234663852886e38;

/** SoftmaxTest._npSoftmax: softmax (or its log) of `features` along `dim`, in double precision, rounded to their dtype. */
function npSoftmax(features: tf.NDArray, dim = -1, log = false): tf.NDArray {
  const out = tf.NDArray.zeros(features.shape, features.dtype);
  out.data.set(softmaxAlong(features, dim, log));
  return out;
}

/** The sum of `x` along `dim` (the bonus check that softmaxes add to one). */
function sumAlong(x: tf.NDArray, dim: number): tf.NDArray {
  const d = dim < 0 ? dim + x.shape.length : dim;
  const inner = x.shape.slice(d + 1).reduce((a, b) => a * b, 1);
  const n = x.shape[d]!;
  const outShape = x.shape.filter((_, i) => i !== d);
  const out = tf.NDArray.zeros(outShape, 'float64');
  for (let p = 0; p < x.size; p++) {
    const o = Math.floor(p / (n * inner)) * inner + (p % inner);
    out.data[o] = out.data[o]! + x.data[p]!;
  }
  return out;
}

/** SoftmaxTest._testSoftmax: tf's softmax (or log_softmax) named 'arbitrary' against NumPy's, its static shape, and rows summing to 1. */
async function testSoftmax(features: tf.NDArray, dim = -1, log = false): Promise<void> {
  const npSm = npSoftmax(features, dim, log);
  const { g, sess } = session();
  const t = g.as_default(() =>
    log ? tf.nn.log_softmax(features, { axis: dim, name: 'arbitrary' }) : tf.nn.softmax(features, { axis: dim, name: 'arbitrary' }),
  );
  const out = await sess.run(t);
  assertAllClose(npSm, out);
  assertShapeEqual(npSm, t);
  if (!log) {
    const sum = sumAlong(out, dim);
    assertAllClose(
      new tf.NDArray(
        Float64Array.from(sum.data, () => 1),
        sum.shape,
        'float64',
      ),
      sum,
    );
  }
}

/** SoftmaxTest._testOverflow: log_softmax of [max, 1, 2, 3] is [0, -max, -max, -max] (float32 on TF1's GPU runs, float64 on its CPU ones). */
async function testOverflow(useGpu = false): Promise<void> {
  const type: DType = useGpu ? 'float32' : 'float64';
  const max = useGpu ? F32_MAX : Number.MAX_VALUE;
  const features = np(
    [
      [1, 1, 1, 1],
      [max, 1, 2, 3],
    ],
    type,
  );
  const { g, sess } = session();
  const out = await sess.run(g.as_default(() => tf.nn.log_softmax(features)));
  assertAllClose(
    out,
    np([
      [-1.386294, -1.386294, -1.386294, -1.386294],
      [0, -max, -max, -max],
    ]),
    { rtol: 1e-5, atol: 1e-5 },
  );
}

async function testAll(features: tf.NDArray): Promise<void> {
  await testSoftmax(features);
  await testSoftmax(features, -1, true);
  await testOverflow(true);
}

const THREE_D = [
  [
    [1, 1, 1, 1],
    [1, 2, 3, 4],
  ],
  [
    [2, 3, 4, 5],
    [6, 7, 8, 9],
  ],
  [
    [5, 4, 3, 2],
    [1, 2, 3, 4],
  ],
];

describe('SoftmaxTest', () => {
  it('testNpSoftmax', () => {
    const features = np([
      [1, 1, 1, 1],
      [1, 2, 3, 4],
    ]);
    assertAllClose(
      npSoftmax(features),
      np([
        [0.25, 0.25, 0.25, 0.25],
        [0.0320586, 0.08714432, 0.23688282, 0.64391426],
      ]),
      { rtol: 1e-5, atol: 1e-5 },
    );
    assertAllClose(
      npSoftmax(features, -1, true),
      np([
        [-1.386294, -1.386294, -1.386294, -1.386294],
        [-3.4401897, -2.4401897, -1.4401897, -0.4401897],
      ]),
      { rtol: 1e-5, atol: 1e-5 },
    );
  });

  it('testFloat', () =>
    testAll(
      np(
        [
          [1, 1, 1, 1],
          [1, 2, 3, 4],
        ],
        'float32',
      ),
    ));

  it('testFloatGPU', async () => {
    // TF1 runs this on a GPU build only; here on the CPU backend, with the same shapes.
    const random = rng(7);
    const randint = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo));
    const rows = [1, 2, 3].map((x) => 2 ** x + randint(0, 16));
    const cols = [1, 2, 3].map((x) => 2 ** x + randint(0, 16));
    for (let k = 0; k < 3; k++) {
      const data = new tf.NDArray(Float32Array.from({ length: rows[k]! * cols[k]! }, random), [rows[k]!, cols[k]!], 'float32');
      await testAll(data);
    }
  });

  it('testDouble', async () => {
    await testSoftmax(
      np(
        [
          [1, 1, 1, 1],
          [1, 2, 3, 4],
        ],
        'float64',
      ),
    );
    await testOverflow();
  });

  it('test1DTensorAsInput', async () => {
    await testSoftmax(np([3, 2, 3, 9], 'float64'));
    await testOverflow();
  });

  it('test1DTensorAsInputNoReshape', async () => {
    await testSoftmax(np([3, 2, 3, 9], 'float64'));
    await testOverflow();
  });

  it('test3DTensorAsInput', async () => {
    await testSoftmax(np(THREE_D, 'float32'));
    await testOverflow();
  });

  it('test3DTensorAsInputNoReshape', async () => {
    await testSoftmax(np(THREE_D, 'float32'));
    await testOverflow();
  });

  it('testAlongFirstDimension', async () => {
    await testSoftmax(np(THREE_D, 'float32'), 0);
    await testOverflow();
  });

  it('testAlongSecondDimension', async () => {
    await testSoftmax(np(THREE_D, 'float32'), 1);
    await testOverflow();
  });

  it('testAlongNegativeDimension', async () => {
    await testSoftmax(np(THREE_D, 'float32'), -2);
    await testOverflow();
  });

  it('testShapeInference', () => {
    const { g } = session();
    const op = g.as_default(() => tf.nn.softmax(np(THREE_D, 'float32')));
    expect(op.shape.as_list()).toEqual([3, 2, 4]);
  });

  it('testEmptyInput', async () => {
    const { g, sess } = session();
    const x = g.as_default(() => tf.placeholder(tf.float32, [0, 3]));
    await sess.as_default(async () => {
      expect((await g.as_default(() => tf.size(x)).eval()).tolist()).toBe(0);
      // As in TF1, x is never fed: the run fails for that, whatever softmax does with an empty batch.
      await expect(g.as_default(() => tf.nn.softmax(x, { axis: 0 })).eval()).rejects.toThrow(tf.errors.InvalidArgumentError);
    });
  });

  it('testInvalidAxis', () => {
    const { g } = session();
    g.as_default(() => {
      const ones = tf.ones([2, 3]);
      expect(() => tf.nn.softmax(ones, { axis: 2 })).toThrow(tf.errors.InvalidArgumentError);
    });
  });

  it('testLargeDims', async () => {
    const random = rng(4425);
    for (const dims of [129, 256]) {
      const ones = new tf.NDArray(Float32Array.from({ length: dims * dims }, random), [dims, dims], 'float32');
      const npSm = npSoftmax(ones);
      // TF1 runs it with and without the GPU; both are the CPU backend here.
      const { g, sess } = session();
      const { x, y } = g.as_default(() => {
        const x = tf.placeholder(tf.float32);
        return { x, y: tf.nn.softmax(x) };
      });
      assertAllClose(await sess.run(y, new Map([[x, ones]])), npSm);
    }
  });
});
