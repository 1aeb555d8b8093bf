// TF1 r1.12's diag_op_test.py, continued: MatrixDiagPartTest, DiagTest, DiagPartOpTest, DiagGradOpTest and
// DiagGradPartOpTest (use_gpu runs are the CPU backend; complex cases are in NOT_PORTED.md).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { atEval, gradError, npDiag } from './diag_helpers.js';
import { assertAllClose, assertAllEqual, assertShapeEqual, evaluate, inGraph, np, rand, thrown, type Value } from './helpers.js';
import { astype } from './np.js';

/** `x[i, j, ..., i, j, ...]` of an array of shape s + s: its diagonal, of shape s. */
function diagOf(x: tf.NDArray): tf.NDArray {
  const s = x.shape.slice(0, x.shape.length / 2);
  const n = s.reduce((a, b) => a * b, 1);
  const out = tf.NDArray.zeros(s, x.dtype);
  for (let i = 0; i < n; i++) out.data[i] = x.data[i * n + i]!;
  return out;
}

/** `np.diag` of any rank: the tensor of shape s + s with `x` on its diagonal. */
function diagFrom(x: tf.NDArray): tf.NDArray {
  const out = tf.NDArray.zeros([...x.shape, ...x.shape], x.dtype);
  for (let i = 0; i < x.size; i++) out.data[i * x.size + i] = x.data[i]!;
  return out;
}

/** TF1's DiagTest._diagOp: diag of `diag` is `expected`, diag_part of `expected` is `diag`, static shapes included. */
async function diagOp(diag: tf.NDArray, dtype: tf.DType, expected: tf.NDArray): Promise<void> {
  const [out, inv] = await evaluate(() => {
    const d = tf.diag(tf.convert_to_tensor(astype(diag, dtype)));
    const p = tf.diag_part(expected);
    assertShapeEqual(expected, d);
    assertShapeEqual(diag, p);
    return [d, p];
  });
  assertAllClose(out!, expected, { rtol: 1e-6, atol: 1e-6 });
  assertAllClose(inv!, diag, { rtol: 1e-6, atol: 1e-6 });
}

/** TF1's DiagPartOpTest._diagPartOp. */
async function diagPartOp(tensor: tf.NDArray, dtype: tf.DType, expected: Value): Promise<void> {
  const out = await evaluate(() => {
    const p = tf.diag_part(tf.convert_to_tensor(astype(tensor, dtype)));
    assertShapeEqual(expected, p);
    return p;
  });
  assertAllClose(out, expected);
}

describe('MatrixDiagPartTest', () => {
  it('testSquare', async () => {
    const out = await evaluate(() => {
      const d = tf.matrix_diag_part(np(npDiag([1.0, 2.0, 3.0])));
      expect(d.shape.as_list()).toEqual([3]);
      return d;
    });
    assertAllEqual(out, [1.0, 2.0, 3.0]);
  });

  it('testRectangular', async () => {
    const wide = np([
      [1.0, 2.0, 3.0],
      [4.0, 5.0, 6.0],
    ]);
    assertAllEqual(await evaluate(() => tf.matrix_diag_part(wide)), [1.0, 5.0]);
    const tall = np([
      [1.0, 2.0],
      [3.0, 4.0],
      [5.0, 6.0],
    ]);
    assertAllEqual(await evaluate(() => tf.matrix_diag_part(tall)), [1.0, 4.0]);
  });

  it('testSquareBatch', async () => {
    for (const dtype of ['float32', 'float64', 'int32', 'int64', 'bool'] as const) {
      const vBatch = astype(
        np([
          [1.0, 0.0, 3.0],
          [4.0, 5.0, 6.0],
        ]),
        dtype,
      );
      const matBatch = astype(np([npDiag([1, 0, 3]), npDiag([4, 5, 6])]), dtype);
      expect(matBatch.shape).toEqual([2, 3, 3]);
      const out = await evaluate(() => {
        const d = tf.matrix_diag_part(matBatch);
        expect(d.shape.as_list()).toEqual([2, 3]);
        return d;
      });
      assertAllEqual(out, vBatch);
    }
  });

  it('testRectangularBatch', async () => {
    const matBatch = np([
      [
        [1.0, 0.0, 0.0],
        [0.0, 2.0, 0.0],
      ],
      [
        [4.0, 0.0, 0.0],
        [0.0, 5.0, 0.0],
      ],
    ]);
    const out = await evaluate(() => {
      const d = tf.matrix_diag_part(matBatch);
      expect(d.shape.as_list()).toEqual([2, 2]);
      return d;
    });
    assertAllEqual(out, [
      [1.0, 2.0],
      [4.0, 5.0],
    ]);
  });

  it('testInvalidShape', () => {
    inGraph(() => {
      const e = thrown(() => tf.matrix_diag_part(0));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/must be at least rank 2/);
    });
  });

  it('testInvalidShapeAtEval', async () => {
    const e = await atEval((v) => tf.matrix_diag_part(v));
    // TF1's kernel says "input must be at least 2-dim"; tf1-ts checks fed shapes with the op's shape rule before any kernel runs.
    expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
    expect(e.message).toMatch(/^Shape must be at least rank 2 but is rank 0 for 'MatrixDiagPart'/);
  });

  it('testGrad', async () => {
    for (const shape of [
      [3, 3],
      [2, 3],
      [3, 2],
      [5, 3, 3],
    ])
      expect(await gradError(shape, (x) => tf.matrix_diag_part(x))).toBeLessThan(1e-4);
  });
});

describe('DiagTest', () => {
  it('testEmptyTensor', async () => {
    await diagOp(np([]), 'int32', tf.NDArray.zeros([0, 0], 'float64'));
  });

  it('testRankOneIntTensor', async () => {
    const x = np([1, 2, 3], 'int64');
    for (const dtype of ['int32', 'int64'] as const) await diagOp(x, dtype, diagFrom(x));
  });

  it('testRankOneFloatTensor', async () => {
    const x = np([1.1, 2.2, 3.3]);
    for (const dtype of ['float32', 'float64'] as const) await diagOp(x, dtype, diagFrom(x));
  });

  it('testRankTwoIntTensor, testRankTwoFloatTensor', async () => {
    const xi = np(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      'int64',
    );
    const expected = diagFrom(xi);
    // TF1's literal: out[0, 1, 0, 1] is 2, out[1, 2, 1, 2] is 6, all else off the diagonal 0.
    expect([expected.data[((0 * 3 + 1) * 2 + 0) * 3 + 1], expected.data[((1 * 3 + 2) * 2 + 1) * 3 + 2], expected.data[1]]).toEqual([2, 6, 0]);
    for (const dtype of ['int32', 'int64'] as const) await diagOp(xi, dtype, expected);
    const xf = np([
      [1.1, 2.2, 3.3],
      [4.4, 5.5, 6.6],
    ]);
    for (const dtype of ['float32', 'float64'] as const) await diagOp(xf, dtype, diagFrom(xf));
  });

  it('testRankThreeFloatTensor', async () => {
    const x = np([
      [
        [1.1, 2.2],
        [3.3, 4.4],
      ],
      [
        [5.5, 6.6],
        [7.7, 8.8],
      ],
    ]);
    for (const dtype of ['float32', 'float64'] as const) await diagOp(x, dtype, diagFrom(x));
  });

  it('testRankFourNumberTensor', async () => {
    for (const dtype of ['float32', 'float64', 'int64', 'int32'] as const) {
      // Input with shape [2, 1, 2, 3]; output with shape [2, 1, 2, 3, 2, 1, 2, 3].
      const x = astype(
        np([
          [
            [
              [1, 2, 3],
              [4, 5, 6],
            ],
          ],
          [
            [
              [7, 8, 9],
              [10, 11, 12],
            ],
          ],
        ]),
        dtype,
      );
      await diagOp(x, dtype, diagFrom(x));
    }
  });

  it('testInvalidRank', () => {
    inGraph(() => {
      const e = thrown(() => tf.diag(tf.constant(0, tf.float32)));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/must be at least rank 1/);
    });
  });
});

describe('DiagPartOpTest', () => {
  it('testRankTwoFloatTensor', async () => {
    const x = rand([3, 3], 'float64');
    for (const dtype of ['float32', 'float64'] as const) await diagPartOp(x, dtype, astype(diagOf(x), dtype));
  });

  it('testRankFourFloatTensorUnknownShape', async () => {
    const x = rand([3, 3], 'float64');
    for (const shape of [null, [null, 3], [3, null]]) {
      const out = await evaluate(() => {
        const t = tf.convert_to_tensor(astype(x, 'float32'));
        t.set_shape(shape);
        const p = tf.diag_part(t);
        assertShapeEqual(diagOf(x), p);
        return p;
      });
      assertAllClose(out, diagOf(x));
    }
  });

  it('testRankFourFloatTensor, testRankSixFloatTensor', async () => {
    for (const shape of [
      [2, 3, 2, 3],
      [2, 2, 2, 2, 2, 2],
    ]) {
      const x = rand(shape, 'float64');
      for (const dtype of ['float32', 'float64'] as const) await diagPartOp(x, dtype, astype(diagOf(x), dtype));
    }
  });

  it('testOddRank', () => {
    inGraph(() => {
      for (const s of [[2], [2, 2, 2]]) expect(() => tf.diag_part(rand(s))).toThrow(tf.errors.ValueError);
      expect(() => tf.diag_part(tf.constant(0, tf.float32))).toThrow(tf.errors.ValueError);
    });
  });

  it('testUnevenDimensions', () => {
    inGraph(() => {
      for (const s of [
        [2, 5],
        [2, 1, 2, 3],
      ])
        expect(() => tf.diag_part(rand(s))).toThrow(tf.errors.ValueError);
    });
  });
});

describe('DiagGradOpTest, DiagGradPartOpTest', () => {
  it('testDiagGrad', async () => {
    for (const shape of [[3], [3, 3], [3, 3, 3]])
      for (const dtype of ['float32', 'float64'] as const) expect(await gradError(shape, (x) => tf.diag(x), dtype)).toBeLessThan(1e-4);
  });

  it('testDiagPartGrad', async () => {
    for (const shape of [
      [3, 3],
      [3, 3, 3, 3],
    ])
      for (const dtype of ['float32', 'float64'] as const) expect(await gradError(shape, (x) => tf.diag_part(x), dtype)).toBeLessThan(1e-4);
  });
});
