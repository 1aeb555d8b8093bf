// TF1's tensorflow/python/kernel_tests/topk_op_test.py (TopKTest), ported: one `it` per TF1 test method.
// float16 halves are not ported (NOT_PORTED.md); use_gpu runs are CPU-backend runs; np.random is a seeded stream.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { assertAllClose, assertAllEqual, assertShapeEqual, inGraph, inSession, np, rejected, thrown } from './helpers.js';
import { Rng, linspace } from './np.js';

const rng = new Rng(11);

/** `np.random.permutation(values)`. */
function permutation(values: number[]): number[] {
  const a = values.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.randint(0, i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Per row of `rows`: the (stable) descending argsort's first k indices and their values. */
function expectedTopK(rows: number[][], k: number): { values: number[][]; indices: number[][] } {
  const indices = rows.map((r) =>
    r
      .map((_, i) => i)
      .sort((a, b) => r[b]! - r[a]! || a - b)
      .slice(0, k),
  );
  return { values: indices.map((ix, i) => ix.map((j) => rows[i]![j]!)), indices };
}

type Nested = number | Nested[];

/** TF1's `_validateTopK`. */
async function validateTopK(
  inputs: Nested[] | tf.NDArray,
  k: number | (() => tf.Tensor),
  expectedValues: Nested[],
  expectedIndices: Nested[],
  sorted = true,
): Promise<void> {
  await inSession(async (g, sess) => {
    const [valuesOp, indicesOp] = g.as_default(() => tf.nn.top_k(inputs as tf.NDArray, typeof k === 'number' ? k : k(), { sorted }));
    const [values, indices] = (await sess.run([valuesOp, indicesOp])) as [tf.NDArray, tf.NDArray];
    assertShapeEqual(np(expectedValues), valuesOp);
    assertShapeEqual(np(expectedIndices), indicesOp);
    if (sorted) {
      assertAllClose(values, np(expectedValues));
      assertAllEqual(indices, np(expectedIndices));
      return;
    }
    // Valid indices, equal values in index order, and the expected sets.
    const rows = np(inputs as Nested[]);
    const [B, K] = [values.shape[0]!, values.shape[1]!];
    const C = rows.shape[1]!;
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < K; j++) expect(values.data[b * K + j]).toBeCloseTo(rows.data[b * C + indices.data[b * K + j]!]!, 7);
      for (let j = 0; j < K - 1; j++)
        if (Math.abs(values.data[b * K + j]! - values.data[b * K + j + 1]!) < 1e-8) expect(indices.data[b * K + j]).toBeLessThan(indices.data[b * K + j + 1]!);
    }
    const sortedRows = (a: ArrayLike<number>): number[][] =>
      Array.from({ length: B }, (_, b) =>
        Array.from(a)
          .slice(b * K, (b + 1) * K)
          .sort((x, y) => x - y),
      );
    expect(sortedRows(indices.data)).toEqual(sortedRows(np(expectedIndices).data));
    assertAllClose(sortedRows(values.data), sortedRows(np(expectedValues).data));
  });
}

/** `np.random.permutation(np.linspace(0, 100, b * n, dtype)).reshape(b, n)` as rows. */
function permutedRows(b: number, n: number, stop = 100, int = false): number[][] {
  const flat = permutation(linspace(0, stop, b * n).map((v) => (int ? Math.trunc(v) : Math.fround(v))));
  return Array.from({ length: b }, (_, i) => flat.slice(i * n, (i + 1) * n));
}

describe('TopKTest', () => {
  it('testTop1', async () => {
    await validateTopK(
      [
        [0.1, 0.3, 0.2, 0.4],
        [0.1, 0.3, 0.3, 0.2],
      ],
      1,
      [[0.4], [0.3]],
      [[3], [1]],
    );
  });

  it('testTop2', async () => {
    await validateTopK(
      [
        [0.1, 0.3, 0.2, 0.4],
        [0.1, 0.3, 0.4, 0.2],
      ],
      2,
      [
        [0.4, 0.3],
        [0.4, 0.3],
      ],
      [
        [3, 1],
        [2, 1],
      ],
    );
  });

  it('testTop3', async () => {
    const k = 5;
    const inputs = permutation(linspace(0, 100, 6140));
    const { values, indices } = expectedTopK([inputs], k);
    await validateTopK(np(inputs, 'float64'), k, values[0]!, indices[0]!);
  });

  it('testTop1AllNan', async () => {
    await validateTopK(
      [
        [Number.NaN, Number.NaN],
        [Number.NaN, Number.NaN],
      ],
      1,
      [[Number.NaN], [Number.NaN]],
      [[0], [0]],
    );
  });

  it('testLargeSort', async () => {
    const rows = permutedRows(10, 5000);
    const { values, indices } = expectedTopK(rows, 5000);
    await validateTopK(np(rows, 'float32'), 5000, values, indices);
  });

  it('testLargeTopK', async () => {
    const rows = permutedRows(10, 5000);
    const { values, indices } = expectedTopK(rows, 4999);
    await validateTopK(np(rows, 'float32'), 4999, values, indices);
  });

  it('testMediumTopK', async () => {
    const rows = permutedRows(5, 500);
    const { values, indices } = expectedTopK(rows, 50);
    await validateTopK(np(rows, 'float32'), 50, values, indices);
  });

  it('testStableSort', async () => {
    for (const k of [1, 5, 50, 500]) {
      // Lots of repeated integers taking values in [0, 3].
      const rows = permutedRows(5, 500, 3, true);
      const { values, indices } = expectedTopK(rows, k);
      await validateTopK(np(rows, 'int32'), k, values, indices);
    }
  });

  it('testTopAll', async () => {
    await validateTopK(
      [
        [0.1, 0.3, 0.2, 0.4],
        [0.1, 0.3, 0.3, 0.2],
      ],
      4,
      [
        [0.4, 0.3, 0.2, 0.1],
        [0.3, 0.3, 0.2, 0.1],
      ],
      [
        [3, 1, 2, 0],
        [1, 2, 3, 0],
      ],
    );
  });

  it('testTop3Unsorted', async () => {
    await validateTopK(
      [
        [0.1, 0.3, 0.2, 0.4],
        [0.1, 0.4, 0.3, 0.2],
      ],
      3,
      [
        [0.2, 0.3, 0.4],
        [0.2, 0.4, 0.3],
      ],
      [
        [2, 1, 3],
        [3, 1, 2],
      ],
      false,
    );
  });

  it('testTop3Vector', async () => {
    await validateTopK([3, 6, 15, 18, 6, 12, 1, 17, 3, 0, 4, 19, 1, 6], 3, [19, 18, 17], [11, 3, 7]);
  });

  it('testTensorK', async () => {
    await validateTopK([3, 6, 15, 18, 6, 12, 1, 17, 3, 0, 4, 19, 1, 6], () => tf.constant(3), [19, 18, 17], [11, 3, 7]);
  });

  it('testTop3ZeroRows', async () => {
    // np.zeros([0, 3]) has no nested-list form here: the shapes and dtypes are checked directly.
    await inSession(async (g, sess) => {
      const [v, i] = g.as_default(() => tf.nn.top_k(tf.NDArray.zeros([0, 10], 'float32'), 3));
      expect(v.shape.as_list()).toEqual([0, 3]);
      expect(i.shape.as_list()).toEqual([0, 3]);
      const [vv, iv] = (await sess.run([v, i])) as tf.NDArray[];
      expect([vv!.shape, vv!.dtype, iv!.shape, iv!.dtype]).toEqual([[0, 3], 'float32', [0, 3], 'int32']);
    });
  });

  it('testKNegative', async () => {
    await inSession(async (g, sess) => {
      const [values, k] = g.as_default(() => {
        const k = tf.placeholder(tf.int32);
        return [
          tf.nn.top_k(
            [
              [0.1, 0.2],
              [0.3, 0.4],
            ],
            k,
          )[0],
          k,
        ];
      });
      const e = await rejected(sess.run(values, new Map([[k, -7]]) as never));
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e.message).toContain('Need k >= 0, got -7');
    });
  });

  it('testKTooLarge', () => {
    inGraph(() => {
      const e = thrown(() =>
        tf.nn.top_k(
          [
            [0.1, 0.2],
            [0.3, 0.4],
          ],
          4,
        ),
      );
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/must have last dimension >= k = 4/);
    });
  });

  it('testTopKGradients', async () => {
    await inSession(async (g, sess) => {
      const [grad, inputs] = g.as_default(() => {
        const inputs = tf.placeholder(tf.float32, [2, 5]);
        const [values] = tf.nn.top_k(inputs, 3);
        return [
          denseGradients(values, inputs, {
            grad_ys: [
              tf.constant(
                [
                  [1, 2, 3],
                  [4, 5, 6],
                ],
                tf.float32,
              ),
            ],
          })[0]!,
          inputs,
        ];
      });
      const value = await sess.run(
        grad,
        new Map([
          [
            inputs,
            [
              [2, -1, 1000, 3, 4],
              [1, 5, 2, 4, 3],
            ],
          ],
        ]) as never,
      );
      assertAllEqual(value, [
        [0, 0, 1, 3, 2],
        [0, 4, 0, 5, 6],
      ]);
    });
  });
});
