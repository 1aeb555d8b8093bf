// TF1 r1.12's tensorflow/python/kernel_tests/in_topk_op_test.py (InTopKTest), ported: one `it` per TF1 test method.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertShapeEqual, inSession, np } from './helpers.js';

/** TF1's `_validateInTopK`. */
async function validateInTopK(predictions: unknown, target: unknown, k: number | (() => tf.Tensor), expected: boolean[]): Promise<void> {
  await inSession(async (g, sess) => {
    const precision = g.as_default(() => tf.nn.in_top_k(predictions as number[][], target as number[], typeof k === 'number' ? k : k()));
    const out = await sess.run(precision);
    expect(out.dtype).toBe('bool');
    assertAllClose(out, expected);
    assertShapeEqual(np(expected), precision);
  });
}

describe('InTopKTest', () => {
  it('testInTop1', async () => {
    await validateInTopK(
      [
        [0.1, 0.3, 0.2, 0.4],
        [0.1, 0.2, 0.3, 0.4],
      ],
      [3, 1],
      1,
      [true, false],
    );
  });

  it('testInTop2', async () => {
    await validateInTopK(
      [
        [0.1, 0.3, 0.2, 0.4],
        [0.1, 0.2, 0.3, 0.4],
      ],
      [0, 2],
      2,
      [false, true],
    );
  });

  it('testInTop2Tie', async () => {
    // Class 2 and 3 tie for 2nd, so both are considered in top 2.
    await validateInTopK(
      [
        [0.1, 0.3, 0.2, 0.2],
        [0.1, 0.3, 0.2, 0.2],
      ],
      [2, 3],
      2,
      [true, true],
    );
  });

  it('testInTop2_int64Target', async () => {
    await validateInTopK(
      [
        [0.1, 0.3, 0.2, 0.4],
        [0.1, 0.2, 0.3, 0.4],
      ],
      np([0, 2], 'int64'),
      2,
      [false, true],
    );
  });

  it('testInTopNan', async () => {
    await validateInTopK(
      [
        [0.1, Number.NaN, 0.2, 0.4],
        [0.1, 0.2, 0.3, Number.POSITIVE_INFINITY],
      ],
      [1, 3],
      2,
      [false, false],
    );
  });

  it('testBadTarget', async () => {
    // Must return false for an invalid target.
    await validateInTopK(
      [
        [0.1, 0.3, 0.2, 0.2],
        [0.1, 0.3, 0.2, 0.2],
      ],
      [2, 4],
      2,
      [true, false],
    );
  });

  it('testEmpty', async () => {
    await validateInTopK(tf.NDArray.zeros([0, 5], 'float32'), np([], 'int32'), 2, []);
  });

  it('testTensorK', async () => {
    await validateInTopK(
      [
        [0.1, 0.3, 0.2, 0.4],
        [0.1, 0.2, 0.3, 0.4],
      ],
      [0, 2],
      () => tf.constant(3),
      [false, true],
    );
  });
});
