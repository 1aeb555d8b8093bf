// TF1's tensorflow/python/kernel_tests/scatter_nd_ops_test.py, ported: StatefulScatterNdTest (scatter_nd_update,
// scatter_nd_add, scatter_nd_sub on variables) with TF1's inputs, NumPy reference loop and expected errors. NumPy's
// seeded draws become a seeded stream (np.ts's Rng). Its other classes (ScatterNdTest and friends) test
// array_ops.scatter_nd and tensor_scatter_*, ops without a variable: see NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { Rng } from './np.js';
import { assertAllClose, assertAllEqual, inSession, np, rejected, thrown } from './helpers.js';

type Scatter = typeof tf.scatter_nd_update;
type Combine = (p: number, u: number) => number;

const UPDATE: Combine = (_, u) => u;
const ADD: Combine = (p, u) => p + u;
const SUB: Combine = (p, u) => p - u;

/** TF1's _NumpyScatterNd: the ref's slices at each index row combined with the update rows, in order. */
function numpyScatterNd(ref: tf.NDArray, indices: number[][], updates: tf.NDArray, op: Combine): void {
  const ixdim = indices[0]!.length;
  const slice = ref.shape.slice(ixdim).reduce((a, b) => a * b, 1);
  indices.forEach((ix, i) => {
    const at = ix.reduce((t, v, k) => t * ref.shape[k]! + v, 0) * slice;
    for (let j = 0; j < slice; j++) ref.data[at + j] = op(ref.data[at + j]!, updates.data[i * slice + j]!);
  });
}

function randnAs(r: Rng, shape: readonly number[], dtype: tf.DType): tf.NDArray {
  const a = tf.NDArray.zeros(shape, dtype);
  for (let i = 0; i < a.size; i++) a.data[i] = dtype === 'int32' ? Math.trunc(r.normal()) : r.normal();
  return a;
}

function shuffle<T>(r: Rng, a: T[]): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = r.randint(0, i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
}

/** TF1's _VariableRankTest: each ref shape with its index depth, random distinct (or repeated) index rows. */
async function variableRankTest(op: Combine, scatter: Scatter, vtype: tf.DType, itype: tf.DType, repeat: boolean): Promise<void> {
  const r = new Rng(8);
  const refShapes = [
    [3, 6],
    [3, 6],
    [3, 6, 9],
    [3, 6, 9],
    [3, 6, 9],
    [3, 6, 9],
  ];
  const indicesShapes = [[2], [2, 2], [2], [2, 2], [2, 3], [2, 3, 3]];
  await inSession(async (g, sess) => {
    for (let c = 0; c < refShapes.length; c++) {
      const refShape = refShapes[c]!;
      const numUpdates = indicesShapes[c]![0]!;
      const ixdim = indicesShapes[c]!.at(-1)!;
      // every coordinate of the indexable area, in NumPy's ndenumerate order
      let all: number[][] = [[]];
      for (let k = 0; k < ixdim; k++) all = all.flatMap((p) => Array.from({ length: refShape[k]! }, (_, v) => [...p, v]));
      shuffle(r, all);
      let indices = all.slice(0, numUpdates);
      if (numUpdates > 1 && repeat) {
        indices = indices.slice(0, Math.floor(numUpdates / 2));
        for (let k = 0; k < numUpdates - Math.floor(numUpdates / 2); k++) indices.push(indices[r.randint(0, Math.floor(numUpdates / 2))]!);
        shuffle(r, indices);
      }
      const updates = randnAs(r, [numUpdates, ...refShape.slice(ixdim)], vtype);
      const ref = randnAs(r, refShape, vtype);
      const expected = ref.copy();
      numpyScatterNd(expected, indices, updates, op);
      const [v, s] = g.as_default(() => {
        const v = tf.Variable(ref);
        return [v, scatter(v, np(indices, itype), updates)] as const;
      });
      await sess.run(v.initializer);
      await sess.run(s);
      assertAllClose(await sess.run(v.value()), expected, { atol: 1e-6, rtol: 1e-6, msg: `${vtype} ${itype} ref ${refShape} ixdim ${ixdim}` });
    }
  });
}

/** TF1's _VariableRankTests without float16 and the complex dtypes (tf1-ts has neither). */
async function variableRankTests(op: Combine, scatter: Scatter, repeat = false): Promise<void> {
  for (const vtype of ['int32', 'float32', 'float64'] as const)
    for (const itype of ['int32', 'int64'] as const) await variableRankTest(op, scatter, vtype, itype, repeat);
}

/** Runs `scatter` built in a fresh graph on a variable initialized to `init`; its output's value. */
async function runScatter(build: () => tf.Tensor): Promise<tf.NDArray> {
  return inSession(async (g, sess) => {
    const s = g.as_default(build);
    await sess.run(g.as_default(() => tf.global_variables_initializer()));
    return sess.run(s);
  });
}

describe('StatefulScatterNdTest', () => {
  it('testSimple', async () => {
    const result = await runScatter(() => {
      const indices = tf.constant([[4], [3], [1], [7]], tf.int32);
      const updates = tf.constant([9, 10, 11, 12], tf.float32);
      const ref = tf.Variable([0, 0, 0, 0, 0, 0, 0, 0], { dtype: tf.float32 });
      return tf.scatter_nd_update(ref, indices, updates);
    });
    assertAllClose(result, [0, 11, 0, 10, 9, 0, 0, 12]);
  });

  it('testSimple2', async () => {
    const result = await runScatter(() => {
      const ref = tf.Variable(
        [
          [0, 0],
          [0, 0],
          [0, 0],
        ],
        { dtype: tf.float32 },
      );
      return tf.scatter_nd_update(
        ref,
        tf.constant(
          [
            [1, 0],
            [1, 1],
          ],
          tf.int32,
        ),
        tf.constant([11, 12], tf.float32),
      );
    });
    assertAllClose(result, [
      [0, 0],
      [11, 12],
      [0, 0],
    ]);
  });

  it('testSimple3', async () => {
    const result = await runScatter(() => {
      const ref = tf.Variable(
        [
          [0, 0],
          [0, 0],
          [0, 0],
        ],
        { dtype: tf.float32 },
      );
      return tf.scatter_nd_update(ref, tf.constant([[1]], tf.int32), tf.constant([[11, 12]], tf.float32));
    });
    assertAllClose(result, [
      [0, 0],
      [11, 12],
      [0, 0],
    ]);
  });

  it('testVariableRankUpdate', () => variableRankTests(UPDATE, tf.scatter_nd_update));
  it('testVariableRankAdd', () => variableRankTests(ADD, tf.scatter_nd_add));
  it('testVariableRankSub', () => variableRankTests(SUB, tf.scatter_nd_sub));

  it('testScatterRepeatIndices', async () => {
    await variableRankTests(ADD, tf.scatter_nd_add, true);
    await variableRankTests(SUB, tf.scatter_nd_sub, true);
  });

  it('testScatterOutOfRangeCpu', async () => {
    for (const op of [tf.scatter_nd_add, tf.scatter_nd_sub, tf.scatter_nd_update]) {
      await inSession(async (g, sess) => {
        const updates = np([-3, -4, -5], 'float32');
        const ref = g.as_default(() => tf.Variable(np([1, 2, 3, 4, 5, 6], 'float32')));
        await sess.run(ref.initializer);
        // Indices all in range, no problem.
        await sess.run(g.as_default(() => op(ref, np([[2], [0], [5]], 'int64'), updates)));
        const before = await sess.run(ref.value());
        for (const [indices, message] of [
          [[[-1], [0], [5]], 'indices[0] = [-1] does not index into shape [6]'],
          [[[2], [0], [6]], 'indices[2] = [6] does not index into shape [6]'],
        ] as const) {
          const e = await rejected(
            sess.run(
              g.as_default(() =>
                op(
                  ref,
                  np(
                    indices.map((row) => [...row]),
                    'int64',
                  ),
                  updates,
                ),
              ),
            ),
          );
          expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
          expect(e.message).toContain(message);
          // beyond TF1: every index is checked before anything is written
          assertAllEqual(await sess.run(ref.value()), before);
        }
      });
    }
  });

  it('testRank3ValidShape', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const indices = tf.zeros([2, 2, 2], tf.int32);
      const updates = tf.zeros([2, 2, 2], tf.int32);
      const ref = tf.Variable(tf.zeros([2, 2, 2], tf.int32));
      expect(tf.scatter_nd_update(ref, indices, updates).shape.as_list()).toEqual([2, 2, 2]);
    });
  });

  it('testResVarInvalidOutputShape', async () => {
    await inSession(async (g, sess) => {
      const [res, s] = g.as_default(() => {
        const res = tf.Variable(() => tf.zeros([], tf.float32), { dtype: tf.float32 });
        return [res, tf.scatter_nd_update(res, [[0]], [0.22])] as const;
      });
      await sess.run(res.initializer);
      const e = await rejected(sess.run(s));
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e.message).toContain('Output must be at least 1-D');
    });
  });

  it('testExtraIndicesDimensions', async () => {
    await inSession(async (g, sess) => {
      const [ref, s] = g.as_default(() => {
        const ref = tf.Variable(tf.zeros([2, 2], tf.int32));
        return [ref, tf.scatter_nd_update(ref, tf.zeros([1, 1, 2], tf.int32), tf.zeros([1, 1], tf.int32))] as const;
      });
      expect(s.shape.as_list()).toEqual([2, 2]);
      await sess.run(ref.initializer);
      assertAllEqual(await sess.run(s), [
        [0, 0],
        [0, 0],
      ]);
    });
  });

  it('testRank3InvalidShape1', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const ref = tf.Variable(tf.zeros([2, 2, 2], tf.int32));
      const e = thrown(() => tf.scatter_nd_update(ref, tf.zeros([3, 2, 2], tf.int32), tf.zeros([2, 2, 2], tf.int32)));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/The outer \d+ dimensions of indices\.shape=/);
    });
  });

  it('testRank3InvalidShape2', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const ref = tf.Variable(tf.zeros([2, 2, 2], tf.int32));
      const e = thrown(() => tf.scatter_nd_update(ref, tf.zeros([2, 2, 1], tf.int32), tf.zeros([2, 2], tf.int32)));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toMatch(/The inner \d+ dimensions of input\.shape=/);
    });
  });

  it('testConcurrentUpdates', async () => {
    const r = new Rng(8);
    const numUpdates = 10000;
    const values = r.many(numUpdates, () => r.uniform());
    const result = await runScatter(() => {
      const ref = tf.Variable(tf.NDArray.zeros([2, 2], 'float64'), { dtype: tf.float64 });
      const indices = tf.constant(
        Array.from({ length: numUpdates }, () => [0, 1]),
        tf.int32,
      );
      return tf.scatter_nd_add(ref, indices, tf.constant(values, tf.float64));
    });
    const expected = tf.NDArray.zeros([2, 2], 'float64');
    expected.data[1] = values.reduce((a, b) => a + b, 0);
    assertAllClose(result, expected);
  });
});
