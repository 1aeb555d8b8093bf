import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

const W = [
  [1, 2, 3, 4],
  [5, 6, 7, 8],
  [9, 10, 11, 12],
];
const X = [
  [0.5, -1, 2],
  [1.5, 0.25, -0.75],
];

function matmulGraph() {
  const g = new tf.Graph();
  return g.as_default(() => {
    const x = tf.placeholder(tf.float64, [2, 3]);
    const w = tf.constant(W, { dtype: tf.float64 });
    return { g, x, w, y: tf.matmul(x, w) };
  });
}

describe('tf.test.compute_gradient', () => {
  it("returns TF1's [x_size, y_size] Jacobians: row = element of x, column = element of y", async () => {
    const { x, y } = matmulGraph();
    const [t, n] = await tf.test.compute_gradient(x, [2, 3], y, [2, 4], { x_init_value: X });
    expect(t.shape).toEqual([6, 8]);
    expect(n.shape).toEqual([6, 8]);
    expect(t.dtype).toBe('float64');
    // d y[i][j] / d x[i'][k] = (i == i') * W[k][j]
    for (let i = 0; i < 2; i++)
      for (let k = 0; k < 3; k++)
        for (let i2 = 0; i2 < 2; i2++)
          for (let j = 0; j < 4; j++) {
            const expected = i === i2 ? W[k]![j]! : 0;
            expect(t.get(i * 3 + k, i2 * 4 + j)).toBe(expected);
            expect(n.get(i * 3 + k, i2 * 4 + j)).toBeCloseTo(expected, 9);
          }
  });

  it('gives one pair per x for a list of xs, the other xs fed their own points', async () => {
    const g = new tf.Graph();
    const { a, b, y } = g.as_default(() => {
      const a = tf.placeholder(tf.float64, [2]);
      const b = tf.placeholder(tf.float64, [3]);
      // y[i][j] = a[i]^2 * b[j]
      return { a, b, y: tf.reshape(tf.square(a), [2, 1]).mul(b) };
    });
    const pairs = await tf.test.compute_gradient([a, b], [[2], [3]], y, [2, 3], {
      x_init_value: [
        [1, 2],
        [3, 4, 5],
      ],
    });
    expect(pairs).toHaveLength(2);
    const [[ta, na], [tb, nb]] = pairs as [[tf.NDArray, tf.NDArray], [tf.NDArray, tf.NDArray]];
    expect(ta.shape).toEqual([2, 6]);
    expect(tb.shape).toEqual([3, 6]);
    expect(ta.tolist()).toEqual([
      [6, 8, 10, 0, 0, 0],
      [0, 0, 0, 12, 16, 20],
    ]);
    expect(tb.tolist()).toEqual([
      [1, 0, 0, 4, 0, 0],
      [0, 1, 0, 0, 4, 0],
      [0, 0, 1, 0, 0, 4],
    ]);
    for (const [t, n] of [
      [ta, na],
      [tb, nb],
    ] as const)
      for (let i = 0; i < t.size; i++) expect(n.data[i]!).toBeCloseTo(t.data[i]!, 6);
  });

  it("draws x from [0, 1) when no x_init_value is given, as TF1's random_sample", async () => {
    const g = new tf.Graph();
    const { x, y } = g.as_default(() => {
      const x = tf.placeholder(tf.float64, [50]);
      return { x, y: tf.square(x) };
    });
    const [t] = await tf.test.compute_gradient(x, [50], y, [50]);
    const diag = Array.from({ length: 50 }, (_, i) => t.get(i, i) / 2);
    expect(diag.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(diag).size).toBe(50);
  });

  it('feeds extra_feed_dict, runs init_targets, and runs in the default session', async () => {
    const g = new tf.Graph();
    const { x, p, v, y } = g.as_default(() => {
      const x = tf.placeholder(tf.float64, [2]);
      const p = tf.placeholder(tf.float64, []);
      const v = tf.Variable(tf.constant([3, 5], { dtype: tf.float64 }));
      return { x, p, v, y: x.mul(p).mul(v) };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const [t, n] = await sess.as_default(() =>
      tf.test.compute_gradient(x, [2], y, [2], {
        x_init_value: [1, 1],
        extra_feed_dict: new Map([[p, 2]]),
        init_targets: [v.initializer],
      }),
    );
    expect(t.tolist()).toEqual([
      [6, 0],
      [0, 10],
    ]);
    expect(n.get(1, 1)).toBeCloseTo(10, 9);
    // The session stays open for the caller, variables initialized.
    expect((await sess.run(v)).tolist()).toEqual([3, 5]);
    sess.close();
  });

  it('differentiates with respect to a Variable, fed through its storage', async () => {
    const g = new tf.Graph();
    const { v, y, init } = g.as_default(() => {
      const v = tf.Variable(tf.constant([1, 2], { dtype: tf.float64 }));
      return { v, y: tf.reduce_sum(tf.square(v)), init: tf.global_variables_initializer() };
    });
    const [t, n] = await tf.test.compute_gradient(v, [2], y, [], { x_init_value: [3, -1], init_targets: [init] });
    expect(t.tolist()).toEqual([[6], [-2]]);
    expect(n.get(0, 0)).toBeCloseTo(6, 6);
  });

  it('works in float32 too, with float32 Jacobians and TF1-sized errors', async () => {
    const g = new tf.Graph();
    const { x, y } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [3]);
      return { x, y: tf.exp(x) };
    });
    const [t, n] = await tf.test.compute_gradient(x, [3], y, [3], { x_init_value: new Float32Array([0.1, 0.2, 0.3]) });
    expect(t.dtype).toBe('float32');
    expect(n.dtype).toBe('float32');
    const err = await tf.test.compute_gradient_error(x, [3], y, [3], { x_init_value: new Float32Array([0.1, 0.2, 0.3]) });
    expect(err).toBeGreaterThan(1e-8);
    expect(err).toBeLessThan(1e-2);
  });

  it('gives zero Jacobians where y does not depend on x', async () => {
    const g = new tf.Graph();
    const { a, b, y } = g.as_default(() => {
      const a = tf.placeholder(tf.float64, [2]);
      const b = tf.placeholder(tf.float64, [2]);
      return { a, b, y: tf.exp(a) };
    });
    const [, [tb, nb]] = (await tf.test.compute_gradient([a, b], [[2], [2]], y, [2], {
      x_init_value: [
        [0, 1],
        [2, 3],
      ],
    })) as [tf.test.JacobianPair, tf.test.JacobianPair];
    expect(Array.from(tb.data)).toEqual([0, 0, 0, 0]);
    expect(Array.from(nb.data)).toEqual([0, 0, 0, 0]);
  });

  it("takes a y_shape of another shape with y's number of elements, as TF1 (its dy has that shape)", async () => {
    const g = new tf.Graph();
    const { x, y } = g.as_default(() => {
      const x = tf.placeholder(tf.float64, [2, 3]);
      return { x, y: tf.reduce_sum(tf.square(x)) };
    });
    const [t] = await tf.test.compute_gradient(x, [2, 3], y, [1], {
      x_init_value: [
        [1, 2, 3],
        [4, 5, 6],
      ],
    });
    expect(Array.from(t.data)).toEqual([2, 4, 6, 8, 10, 12]);
  });

  it("raises TF1's errors for a bad x_init_value shape, an integer x, and a y_shape that y does not have", async () => {
    const { x, y } = matmulGraph();
    await expect(
      tf.test.compute_gradient(x, [2, 3], y, [2, 4], {
        x_init_value: [
          [1, 2],
          [3, 4],
        ],
      }),
    ).rejects.toThrow('x_shape = [2, 3], init_data shape = [2, 2]');
    await expect(tf.test.compute_gradient(x, [2, 3], y, [9], { x_init_value: X })).rejects.toThrow('y_shape = [9] does not have the 8 elements of y (2, 4)');
    // The right size in another shape reaches the gradient graph, where MatMul's rule refuses it, as in TF1.
    await expect(tf.test.compute_gradient(x, [2, 3], y, [8], { x_init_value: X })).rejects.toThrow(tf.errors.ValueError);
    const g2 = new tf.Graph();
    const [u, v] = g2.as_default(() => {
      const u = tf.placeholder(tf.float64, [null]);
      return [u, tf.exp(u)];
    });
    await expect(tf.test.compute_gradient(u!, [2], v!, [3], { x_init_value: [1, 2] })).rejects.toThrow('y_shape = [3], but y evaluates to shape [2]');
    const g = new tf.Graph();
    const i = g.as_default(() => tf.placeholder(tf.int32, [2]));
    await expect(
      tf.test.compute_gradient(
        i,
        [2],
        g.as_default(() => tf.cast(i, tf.float64)),
        [2],
      ),
    ).rejects.toThrow("Don't support type int32 for x");
  });
});

describe('tf.test.compute_gradient_error', () => {
  it('is the largest |theoretical - numerical| over all pairs', async () => {
    const g = new tf.Graph();
    const { a, b, y } = g.as_default(() => {
      const a = tf.placeholder(tf.float64, [2]);
      const b = tf.placeholder(tf.float64, [2]);
      return { a, b, y: tf.exp(a).mul(tf.log(b)) };
    });
    const opts = {
      x_init_value: [
        [0.5, 1],
        [2, 3],
      ],
      delta: 1e-2,
    };
    const pairs = await tf.test.compute_gradient([a, b], [[2], [2]], y, [2], opts);
    let expected = 0;
    for (const [t, n] of pairs) for (let i = 0; i < t.size; i++) expected = Math.max(expected, Math.abs(t.data[i]! - n.data[i]!));
    expect(expected).toBeGreaterThan(1e-6); // a coarse delta leaves a visible truncation error
    expect(await tf.test.compute_gradient_error([a, b], [[2], [2]], y, [2], opts)).toBe(expected);
  });

  it('is NaN when a Jacobian has a NaN, as numpy', async () => {
    const g = new tf.Graph();
    const { x, y } = g.as_default(() => {
      const x = tf.placeholder(tf.float64, [2]);
      return { x, y: tf.sqrt(x) };
    });
    expect(await tf.test.compute_gradient_error(x, [2], y, [2], { x_init_value: [1, -1] })).toBeNaN();
  });

  it("runs an empty y's gradients once, as TF1: empty Jacobians, and ValueError for a gradient of another shape or nonzero", async () => {
    tf.RegisterGradient('EmptyCheckWrongShape')((_op, [g]) => tf.reshape(g!, [3, 0]));
    tf.RegisterGradient('EmptyCheckNonzero')((op) => [tf.ones_like(op.inputs[0]!), null]);
    const g = new tf.Graph();
    const { x, y, wrong, x2, nonzero } = g.as_default(() => {
      const x = tf.placeholder(tf.float64);
      const y = tf.identity(x);
      const wrong = g.gradient_override_map({ Identity: 'EmptyCheckWrongShape' }, () => tf.identity(x));
      const x2 = tf.placeholder(tf.float64, [2]);
      const nonzero = g.gradient_override_map({ Tile: 'EmptyCheckNonzero' }, () => tf.tile(x2, [0]));
      return { x, y, wrong, x2, nonzero };
    });
    const [t, n] = await tf.test.compute_gradient(x, [0, 3], y, [0, 3]);
    expect([t.shape, n.shape]).toEqual([
      [0, 0],
      [0, 0],
    ]);
    await expect(tf.test.compute_gradient(x, [0, 3], wrong, [0, 3])).rejects.toThrow(
      new tf.errors.ValueError('Empty gradient has wrong shape: expected (0, 3), got (3, 0)'),
    );
    await expect(tf.test.compute_gradient(x2, [2], nonzero, [0])).rejects.toThrow(new tf.errors.ValueError('Empty tensor with nonzero gradients'));
  });
});
