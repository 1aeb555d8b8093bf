// The reduction parts of TF1's tensorflow/python/ops/math_ops_test.py, ported (ReduceTest; LogSumExpTest and
// reduce_variance/reduce_std are in NOT_PORTED.md). The rest of that file is the elementwise ops' business.
// Read from microsoft/tensorflow-directml (TF 1.15; the r1.12 file is not in the index).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual, np, session } from './helpers.js';

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
