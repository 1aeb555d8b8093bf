import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

/** Builds `fn` in a fresh graph and runs it on the CPU backend, returning nested JS values. */
async function evalIn(fn: () => tf.Tensor | tf.Tensor[]): Promise<unknown> {
  const g = new tf.Graph();
  const out = g.as_default(fn);
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  await sess.run(g.as_default(() => tf.global_variables_initializer()));
  const res = await sess.run(out as tf.Tensor);
  sess.close();
  return Array.isArray(res) ? res.map((r) => r.tolist()) : (res as tf.NDArray).tolist();
}

const close = (got: unknown, want: unknown, tol = 1e-6): void => {
  if (Array.isArray(want)) {
    expect(Array.isArray(got)).toBe(true);
    expect((got as unknown[]).length).toBe(want.length);
    want.forEach((w, i) => close((got as unknown[])[i], w, tol));
  } else if (typeof want === 'number') expect(Math.abs((got as number) - want)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(want)));
  else expect(got).toEqual(want);
};

const f64 = (v: tf.TensorLike): tf.Tensor => tf.constant(v as number[], { dtype: tf.float64 });

describe('forward values of every op, against hand-computed results', () => {
  it('sources: constant, zeros, ones, fill, placeholder with default-free feed', async () => {
    close(await evalIn(() => tf.constant(7, { shape: [2, 2] })), [
      [7, 7],
      [7, 7],
    ]);
    close(await evalIn(() => tf.zeros([2, 3])), [
      [0, 0, 0],
      [0, 0, 0],
    ]);
    close(await evalIn(() => tf.zeros([40, 30])), Array(40).fill(Array(30).fill(0)));
    close(await evalIn(() => tf.ones([2], tf.int32)), [1, 1]);
    close(await evalIn(() => tf.fill([2, 1], 3.5)), [[3.5], [3.5]]);
  });

  it('broadcasting arithmetic: add, subtract, multiply, divide, maximum, minimum, floordiv, floormod', async () => {
    const a = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    close(await evalIn(() => tf.add(f64(a), f64([10, 20, 30]))), [
      [11, 22, 33],
      [14, 25, 36],
    ]);
    close(await evalIn(() => tf.subtract(f64(a), f64([[1], [2]]))), [
      [0, 1, 2],
      [2, 3, 4],
    ]);
    close(await evalIn(() => tf.multiply(f64(a), 2)), [
      [2, 4, 6],
      [8, 10, 12],
    ]);
    close(await evalIn(() => tf.divide(f64(a), f64([2, 4, 8]))), [
      [0.5, 0.5, 0.375],
      [2, 1.25, 0.75],
    ]);
    close(await evalIn(() => tf.divide(tf.constant([3, 4]), tf.constant([2, 8]))), [1.5, 0.5]);
    close(await evalIn(() => tf.maximum(f64([1, 5, -2]), 0)), [1, 5, 0]);
    close(await evalIn(() => tf.minimum(f64([1, 5, -2]), 0)), [0, 0, -2]);
    close(await evalIn(() => tf.floordiv(tf.constant([7, -7]), tf.constant([2, 2]))), [3, -4]);
    close(await evalIn(() => tf.floormod(tf.constant([7, -7]), tf.constant([3, 3]))), [1, 2]);
  });

  it('comparisons give bools', async () => {
    close(await evalIn(() => tf.equal(tf.constant([1, 2, 3]), tf.constant([1, 0, 3]))), [true, false, true]);
    close(await evalIn(() => tf.greater(f64([1, 2]), f64([2, 1]))), [false, true]);
    close(await evalIn(() => tf.less_equal(f64([1, 2]), f64([2, 2]))), [true, true]);
  });

  it('unary math: negative, log, exp, sqrt, square, reciprocal, relu', async () => {
    close(await evalIn(() => tf.negative(f64([1, -2]))), [-1, 2]);
    close(await evalIn(() => tf.log(f64([1, Math.E]))), [0, 1]);
    close(await evalIn(() => tf.exp(f64([0, 1]))), [1, Math.E]);
    close(await evalIn(() => tf.sqrt(f64([4, 2]))), [2, Math.SQRT2]);
    close(await evalIn(() => tf.square(f64([3, -1.5]))), [9, 2.25]);
    close(await evalIn(() => tf.reciprocal(f64([4, -0.5]))), [0.25, -2]);
    close(await evalIn(() => tf.nn.relu(f64([-1, 0, 2]))), [0, 0, 2]);
  });

  it('reductions over axes, with keep_dims, and argmax', async () => {
    const a = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    close(await evalIn(() => tf.reduce_sum(f64(a))), 21);
    close(await evalIn(() => tf.reduce_sum(f64(a), { axis: 0 })), [5, 7, 9]);
    close(await evalIn(() => tf.reduce_sum(f64(a), { reduction_indices: [1], keep_dims: true })), [[6], [15]]);
    close(await evalIn(() => tf.reduce_mean(f64(a), { axis: -1 })), [2, 5]);
    close(await evalIn(() => tf.reduce_max(f64(a), { axis: 0 })), [4, 5, 6]);
    close(await evalIn(() => tf.reduce_prod(f64(a), { axis: 1 })), [6, 120]);
    close(
      await evalIn(() =>
        tf.argmax(
          f64([
            [1, 9, 3],
            [7, 5, 7],
          ]),
          1,
        ),
      ),
      [1, 0],
    );
    close(
      await evalIn(() =>
        tf.argmax(
          f64([
            [1, 9, 3],
            [7, 5, 7],
          ]),
          0,
        ),
      ),
      [1, 0, 1],
    );
  });

  it('matmul with both transposes', async () => {
    const a = [
      [1, 2],
      [3, 4],
      [5, 6],
    ];
    const b = [
      [1, 0, 2],
      [0, 1, 3],
    ];
    close(await evalIn(() => tf.matmul(f64(a), f64(b))), [
      [1, 2, 8],
      [3, 4, 18],
      [5, 6, 28],
    ]);
    close(await evalIn(() => tf.matmul(f64(a), f64(a), { transpose_a: true })), [
      [35, 44],
      [44, 56],
    ]);
    close(await evalIn(() => tf.matmul(f64(a), f64(a), { transpose_b: true })), [
      [5, 11, 17],
      [11, 25, 39],
      [17, 39, 61],
    ]);
    close(await evalIn(() => tf.matmul(f64(b), f64(a), { transpose_a: true, transpose_b: true })), [
      [1, 3, 5],
      [2, 4, 6],
      [8, 18, 28],
    ]);
  });

  it('softmax, log_softmax and the stable cross entropy', async () => {
    close(await evalIn(() => tf.nn.softmax(tf.zeros([4]))), [0.25, 0.25, 0.25, 0.25]);
    const e = [Math.exp(0.1), Math.exp(0.005), Math.exp(2)];
    const z = e[0]! + e[1]! + e[2]!;
    close(
      await evalIn(() => tf.nn.softmax(tf.constant([0.1, 0.005, 2]))),
      e.map((v) => v / z),
      1e-6,
    );
    close(await evalIn(() => tf.nn.log_softmax(f64([[0, 0]]))), [[-Math.LN2, -Math.LN2]]);
    const xent = await evalIn(() =>
      tf.nn.softmax_cross_entropy_with_logits({
        labels: f64([
          [0, 1],
          [1, 0],
        ]),
        logits: f64([
          [1000, -1000],
          [0, 0],
        ]),
      }),
    );
    close(xent, [2000, Math.LN2]);
  });

  it('arrays: cast, reshape, expand_dims, shape, size, rank, tile, range, identity, add_n, zeros_like', async () => {
    close(await evalIn(() => tf.cast(f64([1.7, -1.7, 0]), tf.int32)), [1, -1, 0]);
    close(await evalIn(() => tf.cast(f64([2, 0]), tf.bool)), [true, false]);
    close(await evalIn(() => tf.reshape(tf.range(0, 6), [-1, 2])), [
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
    close(await evalIn(() => tf.expand_dims(tf.constant([1, 2]), 0)), [[1, 2]]);
    close(await evalIn(() => tf.tile(tf.constant([[1, 2]]), [2, 2])), [
      [1, 2, 1, 2],
      [1, 2, 1, 2],
    ]);
    close(await evalIn(() => tf.range(1, 10, 3)), [1, 4, 7]);
    close(await evalIn(() => tf.identity(tf.constant([5]))), [5]);
    close(await evalIn(() => tf.add_n([f64([1, 2]), f64([3, 4]), f64([5, 6])])), [9, 12]);
    close(await evalIn(() => tf.zeros_like(f64([3, 4]))), [0, 0]);
    close(await evalIn(() => tf.ones_like(f64([3, 4]))), [1, 1]);
  });

  it('shape, size and rank of a fed tensor, and random ops drawing fresh values each run', async () => {
    const g = new tf.Graph();
    const { x, sh, sz, rk, rn, ru, tn } = g.as_default(() => {
      tf.set_random_seed(42);
      const x = tf.placeholder(tf.float32, [null, 3]);
      return {
        x,
        sh: tf.shape(x),
        sz: tf.size(x),
        rk: tf.rank(x),
        rn: tf.random_normal([2000], { mean: 1, stddev: 2 }),
        ru: tf.random_uniform([2000], { minval: -1, maxval: 1 }),
        tn: tf.truncated_normal([2000]),
      };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const [s, n, r] = await sess.run(
      [sh, sz, rk] as const,
      new Map([
        [
          x,
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
        ],
      ]),
    );
    expect([s.tolist(), n.item(), r.item()]).toEqual([[2, 3], 6, 2]);
    const [a, u, t] = await sess.run([rn, ru, tn] as const);
    const mean = (v: tf.NDArray): number => Array.from(v.data).reduce((p, q) => p + q, 0) / v.size;
    expect(mean(a)).toBeGreaterThan(0.8);
    expect(mean(a)).toBeLessThan(1.2);
    expect(Math.min(...u.data)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...u.data)).toBeLessThan(1);
    expect(Math.max(...Array.from(t.data).map(Math.abs))).toBeLessThanOrEqual(2);
    const again = await sess.run(rn);
    expect(again.tolist()).not.toEqual(a.tolist());
    const sess2 = new tf.Session({ graph: g, backend: 'cpu' });
    expect((await sess2.run(rn)).tolist()).toEqual(a.tolist()); // same seeds, same first draw
  });
});
