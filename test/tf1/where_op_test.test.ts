// Port of TF1 r1.12's tensorflow/python/kernel_tests/where_op_test.py (tf.where: the Where op with the condition
// alone, Select with x and y). One `it` per TF1 test method, with TF1's inputs and expected values; the complex cases
// are in NOT_PORTED.md. np.random draws come from a seeded generator.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import type { DType } from '../../src/framework/dtypes.js';
import { assertAllClose, assertAllEqual, evaluate, inGraph, staticShape, thrown } from './helpers.js';
import * as np from './np.js';

type NDArray = tf.NDArray;

/** np.vstack(np.where(x)).T: the coordinates of x's nonzero elements, one int64 row each, row-major. */
function npWhere(x: NDArray): NDArray {
  const rows: number[] = [];
  const rank = x.shape.length;
  x.data.forEach((v, i) => {
    if (v === 0) return;
    const coord = new Array<number>(rank);
    let rem = i;
    for (let k = rank - 1; k >= 0; k--) {
      coord[k] = rem % x.shape[k]!;
      rem = Math.floor(rem / x.shape[k]!);
    }
    rows.push(...coord);
  });
  return np.array(rows, [rows.length / Math.max(rank, 1), rank], 'int64');
}

async function testWhere(x: NDArray, truth: NDArray): Promise<void> {
  let shape: (number | null)[] | null = null;
  const tfAns = await evaluate(() => {
    const ans = tf.where(x);
    shape = staticShape(ans);
    return ans;
  });
  expect(shape).toEqual([null, x.shape.length]);
  assertAllClose(tfAns, truth, { atol: 1e-10 });
}

const bools = (values: boolean[], shape: number[] = [values.length]): NDArray => np.array(values.map(Number), shape, 'bool');

describe('WhereOpTest', () => {
  const rng = new np.Rng(2718);

  it('testWrongNumbers', () => {
    inGraph(() => {
      expect(thrown(() => tf.where([false, true], [1, 2], null))).toBeInstanceOf(tf.errors.ValueError);
      expect(thrown(() => tf.where([false, true], null, [1, 2]))).toBeInstanceOf(tf.errors.ValueError);
    });
  });

  it('testBasicVec', async () => {
    await testWhere(bools([true, false]), np.array([0], [1, 1], 'int64'));
    await testWhere(bools([false, true, false]), np.array([1], [1, 1], 'int64'));
    await testWhere(bools([false, false, true, false, true]), np.array([2, 4], [2, 1], 'int64'));
  });

  it('testRandomVec', async () => {
    const x = np.array(
      rng.many(1000000, () => (rng.uniform() > 0.5 ? 1 : 0)),
      [1000000],
      'bool',
    );
    await testWhere(x, npWhere(x));
  });

  it('testBasicMat', async () => {
    // Ensure RowMajor mode
    await testWhere(bools([true, false, true, false], [2, 2]), np.array([0, 0, 1, 0], [2, 2], 'int64'));
  });

  it('testBasic3Tensor', async () => {
    const x = bools([true, false, true, false, false, true, false, true, false, false, false, true], [3, 2, 2]);
    // Ensure RowMajor mode
    const truth = np.array([0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 1, 1, 2, 1, 1], [5, 3], 'int64');
    await testWhere(x, truth);
  });

  const testRandom = async (dtype: DType): Promise<void> => {
    const shape = [127, 33, 53];
    const n = 127 * 33 * 53;
    const x = np.array(
      rng.many(n, () => (rng.normal() > 0 ? 1 : 0)),
      shape,
      dtype,
    );
    await testWhere(x, npWhere(x));
  };
  it('testRandomBool', () => testRandom('bool'));
  it('testRandomInt32', () => testRandom('int32'));
  it('testRandomInt64', () => testRandom('int64'));
  it('testRandomFloat', () => testRandom('float32'));
  it('testRandomDouble', () => testRandom('float64'));
  it('testRandomUint8', () => testRandom('uint8'));
  it('testRandomInt8', () => testRandom('int8'));
  it('testRandomInt16', () => testRandom('int16'));

  it('testThreeArgument', async () => {
    const x = np.array([-2, 3, -1, 1, -3, -3], [2, 3], 'int64');
    const sq = np.multiply(x, x);
    const neg = np.array(
      Array.from(x.data, (v) => -v),
      [2, 3],
      'int64',
    );
    const npVal = new tf.NDArray(
      x.data.map((v, i) => (v > 0 ? sq.data[i]! : neg.data[i]!)),
      [2, 3],
      'int64',
    );
    const tfVal = await evaluate(() => tf.where(tf.greater(tf.constant(x), 0), sq, neg));
    assertAllEqual(tfVal, npVal);
  });

  it('testBatchSelect', async () => {
    const rowA = [-2, 3, -1];
    const rowB = [1, -3, -3];
    const x = np.array(
      Array.from({ length: 16384 }, (_, r) => Array.from({ length: 64 }, () => (r % 2 === 0 ? rowA : rowB)).flat()).flat(),
      [16384, 192],
      'int64',
    );
    const sq = np.multiply(x, x);
    const neg = np.array(
      Array.from(x.data, (v) => -v),
      [16384, 192],
      'int64',
    );
    const cVec = np.array(
      Array.from({ length: 16384 }, (_, r) => r % 2),
      [16384],
      'bool',
    );
    // np.where(c_mat, x * x, -x) with c_mat's rows all False, then all True.
    const npVal = new tf.NDArray(
      sq.data.map((v, i) => (Math.floor(i / 192) % 2 === 1 ? v : neg.data[i]!)),
      [16384, 192],
      'int64',
    );
    const tfVal = await evaluate(() => tf.where(cVec, sq, neg));
    assertAllEqual(tfVal, npVal);
  });
});
