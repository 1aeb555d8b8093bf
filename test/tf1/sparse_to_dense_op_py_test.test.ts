// TF1's tensorflow/python/kernel_tests/sparse_to_dense_op_py_test.py (SparseToDenseTest), ported: one `it` per TF1
// test method, same inputs and expected values. testString needs the string dtype (NOT_PORTED.md).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertAllEqual, evaluate, inGraph, rejected, staticShape, thrown } from './helpers.js';

type V = tf.Tensor | number | number[] | number[][];
const sparseToDense = (indices: V, size: V, values: V, dflt: V, validate = true): Promise<tf.NDArray> =>
  evaluate(() => tf.sparse_to_dense(indices, size, values, { default_value: dflt, validate_indices: validate }));

describe('SparseToDenseTest', () => {
  it('testInt', async () => {
    const ans = await sparseToDense([1, 3], [5], 1, 0);
    expect(ans.dtype).toBe('int32');
    assertAllClose(ans, [0, 1, 0, 1, 0]);
  });

  it('testFloat', async () => {
    const ans = await evaluate(() => tf.sparse_to_dense([1, 3], [5], tf.constant(1, tf.float32), tf.constant(0, tf.float32)));
    expect(ans.dtype).toBe('float32');
    assertAllClose(ans, [0, 1, 0, 1, 0]);
  });

  it('testEmptyNonZeros', async () => {
    const ans = await evaluate(() => tf.sparse_to_dense(tf.constant([], tf.int32), [5], tf.constant([], tf.float32), 0));
    assertAllClose(ans, [0, 0, 0, 0, 0]);
  });

  it('testSetValue', async () => {
    assertAllClose(await sparseToDense([1, 3], [5], [1, 2], -1), [-1, 1, -1, 2, -1]);
  });

  it('testSetSingleValue', async () => {
    assertAllClose(await sparseToDense([1, 3], [5], 1, -1), [-1, 1, -1, 1, -1]);
  });

  it('test2d', async () => {
    const ans = await sparseToDense(
      [
        [1, 3],
        [2, 0],
      ],
      [3, 4],
      1,
      -1,
    );
    assertAllClose(ans, [
      [-1, -1, -1, -1],
      [-1, -1, -1, 1],
      [1, -1, -1, -1],
    ]);
  });

  it('testZeroDefault', async () => {
    assertAllEqual(await evaluate(() => tf.sparse_to_dense(2, [4], 7)), [0, 0, 7, 0]);
  });

  it('test3d', async () => {
    const ans = await sparseToDense(
      [
        [1, 3, 0],
        [2, 0, 1],
      ],
      [3, 4, 2],
      1,
      -1,
    );
    const expected = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => [-1, -1]));
    expected[1]![3]![0] = 1;
    expected[2]![0]![1] = 1;
    assertAllClose(ans, expected);
  });

  it('testBadShape', () => {
    inGraph(() => {
      const e = thrown(() => tf.sparse_to_dense([1, 3], [[5], [3]], 1, -1));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toContain('must be rank 1');
    });
  });

  it('testBadValue', async () => {
    const e = await rejected(sparseToDense([1, 3], [5], [[5], [3]], -1));
    expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect(e.message).toContain('sparse_values has incorrect shape [2,1], should be [] or [2]');
  });

  it('testBadNumValues', async () => {
    expect((await rejected(sparseToDense([1, 3], [5], [1, 2, 3], -1))).message).toContain('sparse_values has incorrect shape [3], should be [] or [2]');
  });

  it('testBadDefault', async () => {
    expect((await rejected(sparseToDense([1, 3], [5], [1, 2], [0]))).message).toContain('default_value should be a scalar');
  });

  it('testOutOfBoundsIndicesWithWithoutValidation', async () => {
    const idx = [[1], [10]];
    const vals = (v: number[]) => tf.constant(v, tf.float32);
    const e = await rejected(evaluate(() => tf.sparse_to_dense(idx, [5], vals([1, 1]), 0)));
    expect(e.message).toMatch(/indices\[1\] = \[10\] is out of bounds: need 0 <= index < \[5\]/);
    // Disable checks, the allocation should still fail.
    const e2 = await rejected(evaluate(() => tf.sparse_to_dense(idx, [5], vals([-1, 1]), 0, false)));
    expect(e2.message).toContain('out of bounds');
  });

  it('testRepeatingIndicesWithWithoutValidation', async () => {
    const build = (validate: boolean) => () => tf.sparse_to_dense([[1], [1]], [5], tf.constant([-1, 1], tf.float32), 0, validate);
    expect((await rejected(evaluate(build(true)))).message).toMatch(/indices\[1\] = \[1\] is repeated/);
    // Disable checks
    await evaluate(build(false));
  });

  it('testUnsortedIndicesWithWithoutValidation', async () => {
    const build = (validate: boolean) => () => tf.sparse_to_dense([[2], [1]], [5], tf.constant([-1, 1], tf.float32), 0, validate);
    expect((await rejected(evaluate(build(true)))).message).toMatch(/indices\[1\] = \[1\] is out of order/);
    // Disable checks
    await evaluate(build(false));
  });

  it('testShapeInferenceKnownShape', () => {
    inGraph(() => {
      const indices = tf.placeholder(tf.int64);
      expect(staticShape(tf.sparse_to_dense(indices, [4, 5, 6], 1, 0))).toEqual([4, 5, 6]);
      const shape = tf.placeholder(tf.int64, [3]);
      expect(staticShape(tf.sparse_to_dense(indices, shape, 1, 0))).toEqual([null, null, null]);
    });
  });

  it('testShapeInferenceUnknownShape', () => {
    inGraph(() => {
      const indices = tf.placeholder(tf.int64);
      const shape = tf.placeholder(tf.int64);
      expect(staticShape(tf.sparse_to_dense(indices, shape, 1, 0))).toBeNull();
    });
  });
});
