// TF1's tensorflow/python/kernel_tests/reduction_ops_test.py, CountNonzeroReductionTest ported (the test_session
// era's file; testStringReduce* of later versions need string tensors). TF1 runs each _compare with use_gpu True
// and False: both are CPU-backend runs here.
import { describe, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertAllEqual, assertShapeEqual, np, session } from './helpers.js';

/** `np.sum((x != 0).astype(np.int32), axes, keepdims)` (every axis for null), as doubles. */
function npCount(x: tf.NDArray, axes: number | readonly number[] | null, keepdims: boolean): tf.NDArray {
  const r = x.shape.length;
  const list = axes === null ? [...Array(r).keys()] : typeof axes === 'number' ? [axes] : axes;
  const red = new Set(list.map((a) => (a < 0 ? a + r : a)));
  const outShape = x.shape.flatMap((d, i) => (red.has(i) ? (keepdims ? [1] : []) : [d]));
  const keptDims = x.shape.map((d, i) => (red.has(i) ? 1 : d));
  const acc = new Float64Array(outShape.reduce((a, b) => a * b, 1));
  const idx = new Array<number>(r).fill(0);
  for (let p = 0; p < x.size; p++) {
    let o = 0;
    for (let i = 0; i < r; i++) o = o * keptDims[i]! + (red.has(i) ? 0 : idx[i]!);
    acc[o] = acc[o]! + Number(x.data[p] !== 0);
    for (let i = r - 1; i >= 0; i--)
      if (++idx[i]! < x.shape[i]!) break;
      else idx[i] = 0;
  }
  return new tf.NDArray(acc, outShape, 'float64');
}

/** _compare: count_nonzero(x, reduction_axes (an int32 array), keep_dims) against NumPy, values and static shape. */
async function compare(x: tf.NDArray, axes: number | number[] | null, keepDims: boolean): Promise<void> {
  const npAns = npCount(x, axes, keepDims);
  const { g, sess } = session();
  try {
    const ax = axes === null || typeof axes === 'number' ? axes : Int32Array.from(axes);
    const tfAns = g.as_default(() => tf.count_nonzero(x, ax as number[] | null, keepDims));
    assertAllClose(npAns, (await sess.run(tfAns)) as tf.NDArray);
    assertShapeEqual(npAns, tfAns);
  } finally {
    sess.close();
  }
}

/** _compareAll: a one-element axes list also as a scalar; keep_dims False and True, use_gpu True and False. */
async function compareAll(x: tf.NDArray, axes: number | number[] | null): Promise<void> {
  if (Array.isArray(axes) && axes.length === 1) await compareAll(x, axes[0]!);
  for (const keepDims of [false, true]) for (let useGpu = 0; useGpu < 2; useGpu++) await compare(x, axes, keepDims);
}

describe('CountNonzeroReductionTest', () => {
  it('testBoolReduce1D', async () => {
    const x = np([false, false, true, false, false, true], 'bool');
    await compareAll(x, null);
    await compareAll(x, []);
    await compareAll(x, [0]);
  });

  it('testFloatReduce1D', () => compareAll(np([0.0, 1.0, -1.0, 0.0, 0.0, 3.0], 'float32'), [0]));

  it('testFloatReduce4D', async () => {
    const x = new tf.NDArray(
      Float32Array.from({ length: 210 }, (_, i) => Math.floor(i / 100)),
      [2, 3, 5, 7],
      'float32',
    );
    await compareAll(x, null);
    for (const axes of [[], [0], [1], [2], [0, 1], [1, 2], [0, 1, 2], [1, 2, 3], [0, 1, 2, 3]]) await compareAll(x, axes);
  });

  it('testExpand', () => compareAll(tf.NDArray.zeros([5, 0], 'float64'), [1]));

  it('testDegenerate', async () => {
    for (let useGpu = 0; useGpu < 2; useGpu++) {
      const { g, sess } = session();
      try {
        const y = g.as_default(() => tf.count_nonzero(tf.zeros([0, 9938], tf.bool), [0]));
        assertAllEqual((await sess.run(y)) as tf.NDArray, np(Array(9938).fill(0)));
      } finally {
        sess.close();
      }
    }
  });
});
