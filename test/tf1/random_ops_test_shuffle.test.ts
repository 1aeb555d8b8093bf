// tf.random_shuffle: TF1 r1.12's own cases are testShuffle1d and testShuffle2d of
// tensorflow/compiler/tests/random_ops_test.py (python/kernel_tests has none besides the queues), ported; then
// what TF1's RandomShuffle op and random_ops.random_shuffle do: any dtype, rows of any rank, a scalar or one row
// unchanged, the shape inferred unchanged, the seeds of get_seed, not differentiable.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { inGraph, inSession } from './helpers.js';

/** `np.diag(range(n))`. */
const diag = (n: number): number[][] => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? i : 0)));

/** The rows of a [n, ...] result, each as a string. */
function rows(v: tf.NDArray): string[] {
  const n = v.shape[0]!;
  const w = v.size / n;
  return Array.from({ length: n }, (_, i) => Array.from(v.data.subarray(i * w, (i + 1) * w)).join(','));
}

describe('RandomOpsTest (compiler/tests)', () => {
  it('testShuffle1d', async () => {
    const result = await inSession(async (g, sess) => sess.run(g.as_default(() => tf.random_shuffle(tf.range(20)))));
    // Compare sets to avoid randomness behavior changes but make sure still have all the values.
    expect(new Set(result.data)).toEqual(new Set(Array.from({ length: 20 }, (_, i) => i)));
  });

  it('testShuffle2d', async () => {
    const result = await inSession(async (g, sess) => sess.run(g.as_default(() => tf.random_shuffle(tf.diag(tf.range(20))))));
    const expected = diag(20).flat();
    expect(result.size).toBe(expected.length);
    expect(new Set(result.data)).toEqual(new Set(expected));
  });
});

describe('random_shuffle as TF1 builds and runs it', () => {
  it('permutes whole rows of any dtype; every row once', async () => {
    for (const dtype of ['float32', 'float64', 'int32', 'int64', 'bool', 'uint8'] as const) {
      const x = Array.from({ length: 50 }, (_, i) => [
        [i % 2, i],
        [i, 1],
      ]);
      const v = await inSession(async (g, sess) => sess.run(g.as_default(() => tf.random_shuffle(tf.cast(tf.constant(x), dtype)))));
      expect(v.dtype).toBe(dtype);
      expect(v.shape).toEqual([50, 2, 2]);
      const want = rows(await inSession(async (g, sess) => sess.run(g.as_default(() => tf.cast(tf.constant(x), dtype)))));
      expect([...rows(v)].sort()).toEqual([...want].sort());
      if (dtype !== 'bool') expect(rows(v)).not.toEqual(want);
    }
  });

  it('a scalar, an empty value and a single row come back unchanged', async () => {
    await inSession(async (g, sess) => {
      const [a, b, c] = g.as_default(() => [tf.random_shuffle(7), tf.random_shuffle(tf.zeros([0, 3])), tf.random_shuffle([[1, 2, 3]])]);
      const [av, bv, cv] = await sess.run([a!, b!, c!]);
      expect([av!.shape, Array.from(av!.data)]).toEqual([[], [7]]);
      expect(bv!.shape).toEqual([0, 3]);
      expect(Array.from(cv!.data)).toEqual([1, 2, 3]);
    });
  });

  it('node names, the unchanged static shape, and the seeds of get_seed', () => {
    inGraph((g) => {
      const x = tf.placeholder(tf.float32, [null, 4]);
      const s = tf.random_shuffle(x);
      expect([s.op.name, s.op.type, s.shape.as_list()]).toEqual(['RandomShuffle', 'RandomShuffle', [null, 4]]);
      expect(s.op.attrs).toEqual({ seed: 0, seed2: 0 });
      const c = tf.random_shuffle([1, 2, 3], 5, 'shuf');
      expect(c.op.inputs[0]!.name).toBe('shuf/value:0');
      expect(c.op.attrs).toEqual({ seed: 87654321, seed2: 5 });
      g.seed = 9;
      const p = tf.placeholder(tf.int32);
      const count = g.version;
      const u = tf.random_shuffle(p);
      expect(u.shape.ndims).toBeNull();
      // The op seed is the graph's op count when get_seed runs, before the op itself exists.
      expect(u.op.attrs).toEqual({ seed: 9, seed2: count });
      expect(count).toBeGreaterThan(0);
    });
  });

  it('equal seeds shuffle alike in new sessions; runs of one op differ', async () => {
    const draw = async (): Promise<number[][]> =>
      inSession(async (g, sess) => {
        const s = g.as_default(() => tf.random_shuffle(tf.range(100), 42));
        return [Array.from((await sess.run(s)).data), Array.from((await sess.run(s)).data)];
      });
    const [a, b] = [await draw(), await draw()];
    expect(a).toEqual(b);
    expect(a[0]).not.toEqual(a[1]);
  });

  it('is not differentiable (TF1: ops.NotDifferentiable("RandomShuffle"))', () => {
    inGraph(() => {
      const x = tf.constant([1, 2, 3], tf.float32);
      expect(tf.gradients(tf.reduce_sum(tf.random_shuffle(x)), x)).toEqual([null]);
    });
  });
});
