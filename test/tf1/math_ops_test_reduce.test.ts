// The reduction parts of TF1's tensorflow/python/ops/math_ops_test.py, ported (ReduceTest, and LogSumExpTest
// from the test_session era's file, float16 left out; reduce_variance/reduce_std are in NOT_PORTED.md). The rest of that file is the elementwise ops' business.
// Read from microsoft/tensorflow-directml (TF 1.15; the r1.12 file is not in the index).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertAllEqual, assertShapeEqual, np, rand, session } from './helpers.js';

describe('ReduceTest', () => {
  it('testReduceAllDims', async () => {
    const x = np(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      'int32',
    );
    const { g, sess } = session();
    expect((await sess.run(g.as_default(() => tf.reduce_sum(x)))).tolist()).toBe(21);
  });

  it('testReduceExplicitAxes', async () => {
    const x = np(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      'int32',
    );
    const { g, sess } = session();
    const sum = (axis: number | number[] | null): tf.Tensor => g.as_default(() => tf.reduce_sum(x, { axis }));
    for (const axis of [0, -2, [0, 0], [0, -2]]) assertAllEqual(await sess.run(sum(axis)), [5, 7, 9]);
    for (const axis of [1, -1, [1, 1], [1, -1]]) assertAllEqual(await sess.run(sum(axis)), [6, 15]);
    for (const axis of [null, [0, 1], [-1, -2], [-2, -1, 0, 1]]) expect((await sess.run(sum(axis))).tolist()).toBe(21);
  });

  it('testReduceInvalidAxis', () => {
    const x = np(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      'int32',
    );
    const axis = np([[0], [1]], 'int64');
    const { g } = session();
    g.as_default(() => {
      expect(() => tf.reduce_sum(x, axis)).toThrow(tf.errors.ValueError);
      expect(() => tf.reduce_sum(x, axis)).toThrow(/must be at most rank 1/);
    });
  });
});

describe('LogSumExpTest', () => {
  /** `log(np.sum(exp(x), axis, keepdims))` in double precision. */
  const npLogSumExp = (x: tf.NDArray, axis: number | null, keepdims = false): tf.NDArray => {
    const [r, c] = x.shape as [number, number];
    const e = Array.from(x.data, Math.exp);
    if (axis === null) return np(keepdims ? [[Math.log(e.reduce((p, q) => p + q, 0))]] : Math.log(e.reduce((p, q) => p + q, 0)));
    return np(Array.from({ length: c }, (_, j) => Math.log(Array.from({ length: r }, (_, i) => e[i * c + j]!).reduce((p, q) => p + q, 0))));
  };
  const eval1 = async (build: () => tf.Tensor): Promise<{ t: tf.Tensor; v: tf.NDArray }> => {
    const { g, sess } = session();
    try {
      const t = g.as_default(build);
      return { t, v: (await sess.run(t)) as tf.NDArray };
    } finally {
      sess.close();
    }
  };

  it('testReduceLogSumExp', async () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const x = rand([5, 5], dtype);
      assertAllClose((await eval1(() => tf.reduce_logsumexp(x))).v, npLogSumExp(x, null));
    }
  });

  it('testReductionIndices', async () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const x = rand([5, 5], dtype);
      const yNp = npLogSumExp(x, 0);
      const { t, v } = await eval1(() => tf.reduce_logsumexp(x, { reduction_indices: [0] }));
      assertShapeEqual(yNp, t);
      assertAllClose(v, yNp);
    }
  });

  it('testKeepDims', async () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const x = rand([5, 5], dtype);
      const { v } = await eval1(() => tf.reduce_logsumexp(x, { keep_dims: true }));
      expect(v.shape.length).toBe(x.shape.length);
      assertAllClose(v, npLogSumExp(x, null, true));
    }
  });

  // log(sum(exp(x))) overflows (or underflows) in NumPy; TF1's answer is log(sum(exp(x - max))) + max.
  const stable = (values: number[]): number => {
    const max = Math.max(...values);
    return Math.log(values.reduce((p, v) => p + Math.exp(v - max), 0)) + max;
  };

  it('testOverflow', async () => {
    const x = [1000, 1001, 1002, 1003];
    expect(Math.log(x.reduce((p, v) => p + Math.exp(v), 0))).toBe(Infinity);
    for (const dtype of ['float32', 'float64'] as const) {
      const { v } = await eval1(() => tf.reduce_logsumexp(tf.constant(x, { dtype, shape: [4] })));
      assertAllClose(v, stable(x));
    }
  });

  it('testUnderflow', async () => {
    const x = [-1000, -1001, -1002, -1003];
    expect(Math.log(x.reduce((p, v) => p + Math.exp(v), 0))).toBe(-Infinity);
    for (const dtype of ['float32', 'float64'] as const) {
      const { v } = await eval1(() => tf.reduce_logsumexp(tf.constant(x, { dtype, shape: [4] })));
      assertAllClose(v, stable(x));
    }
  });
});
