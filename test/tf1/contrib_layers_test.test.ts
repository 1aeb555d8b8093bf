// TF1's tensorflow/contrib/layers/python/layers/initializers_test.py and regularizers_test.py, ported (source read:
// tensorflow/tensorflow). The cases of l2_regularizer and l1_l2_regularizer (which need tf.nn.l2_loss) are listed in
// NOT_PORTED.md. JavaScript's 0 and 0. are one number, so TF1's "integer scale" ValueError has no counterpart.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, inSession, np, thrown } from './helpers.js';

const layers = tf.contrib.layers;

/** NumPy's np.var. */
function variance(x: tf.NDArray): number {
  const m = Array.from(x.data).reduce((a, b) => a + b, 0) / x.size;
  return Array.from(x.data).reduce((a, b) => a + (b - m) ** 2, 0) / x.size;
}

/** get_variable('test', shape, float32, initializer) initialized: np.var of its values against `expected` (rtol = atol = 1e-3). */
async function checkVariance(initializer: (...a: unknown[]) => tf.Tensor, shape: number[], expected: number): Promise<void> {
  await inSession(async (g, sess) => {
    const v = g.as_default(() => tf.get_variable('test', { shape, dtype: tf.float32, initializer: initializer as never }));
    await sess.run(g.as_default(() => tf.global_variables_initializer()));
    assertAllClose(variance(await sess.run(v.value())), expected, { rtol: 1e-3, atol: 1e-3 });
  });
}

describe('InitializerTest', () => {
  it('test_xavier_wrong_dtype', () => {
    const e = thrown(() => layers.xavier_initializer({ dtype: tf.int32 }));
    expect(e).toBeInstanceOf(tf.errors.TypeError);
    expect(e.message).toMatch(/Cannot create initializer for non-floating point type\./);
    expect(layers.l1_regularizer(0)(null as never)).toBe(null);
  });
  it('test_xavier_uniform', () => checkVariance(layers.xavier_initializer({ uniform: true, seed: 1 }), [100, 40], 2 / (100 + 40)));
  it('test_xavier_normal', () => checkVariance(layers.xavier_initializer({ uniform: false, seed: 1 }), [100, 40], 2 / (100 + 40)));
  it('test_xavier_conv2d_uniform', () =>
    checkVariance(layers.xavier_initializer_conv2d({ uniform: true, seed: 1 }), [100, 40, 5, 7], 2 / (100 * 40 * (5 + 7))));
  it('test_xavier_conv2d_normal', () =>
    checkVariance(layers.xavier_initializer_conv2d({ uniform: false, seed: 1 }), [100, 40, 5, 7], 2 / (100 * 40 * (5 + 7))));
});

describe('VarianceScalingInitializerTest', () => {
  it('test_wrong_dtype', () => {
    expect(thrown(() => layers.variance_scaling_initializer({ dtype: tf.int32 })).message).toMatch(/Cannot create initializer for non-floating point type\./);
    const initializer = layers.variance_scaling_initializer();
    const e = thrown(() => new tf.Graph().as_default(() => initializer([], { dtype: tf.int32 })));
    expect(e).toBeInstanceOf(tf.errors.TypeError);
    expect(e.message).toMatch(/Cannot create initializer for non-floating point type\./);
  });

  const cases: [string, number[], number, number, string, boolean[]][] = [
    ['test_fan_in', [100, 40], 2 / 100, 2, 'FAN_IN', [false, true]],
    ['test_fan_out', [100, 40], 2 / 40, 2, 'FAN_OUT', [false, true]],
    ['test_fan_avg', [100, 40], 4 / (100 + 40), 2, 'FAN_AVG', [false, true]],
    ['test_conv2d_fan_in', [100, 40, 5, 7], 2 / (100 * 40 * 5), 2, 'FAN_IN', [false, true]],
    ['test_conv2d_fan_out', [100, 40, 5, 7], 2 / (100 * 40 * 7), 2, 'FAN_OUT', [false, true]],
    ['test_conv2d_fan_avg', [100, 40, 5, 7], 2 / (100 * 40 * (5 + 7)), 2, 'FAN_AVG', [false, true]],
    ['test_xavier_uniform', [100, 40], 2 / (100 + 40), 1, 'FAN_AVG', [true]],
    ['test_xavier_normal', [100, 40], 2 / (100 + 40), 1, 'FAN_AVG', [false]],
    ['test_xavier_conv2d_uniform', [100, 40, 5, 7], 2 / (100 * 40 * (5 + 7)), 1, 'FAN_AVG', [true]],
    ['test_xavier_conv2d_normal', [100, 40, 5, 7], 2 / (100 * 40 * (5 + 7)), 1, 'FAN_AVG', [true]], // TF1's case passes uniform=True too
  ];
  for (const [name, shape, expected, factor, mode, uniforms] of cases) {
    it(name, async () => {
      for (const uniform of uniforms) await checkVariance(layers.variance_scaling_initializer({ factor, mode, uniform, seed: 1 }), shape, expected);
    });
  }

  // The variance of 100 draws is within 1e-3 of 2/100 for TF1's Philox stream only (its sampling error is ~3e-3):
  // these cases check the scale the fans of a 1-D shape give, exactly (uniform's limit, the normal's stddev).
  const oneD: [string, string, number][] = [
    ['test_1d_shape_fan_in', 'FAN_IN', 100],
    ['test_1d_shape_fan_out', 'FAN_OUT', 100],
    ['test_1d_shape_fan_avg', 'FAN_AVG', (100 + 100) / 2],
  ];
  for (const [name, mode, n] of oneD) {
    it(name, () => {
      for (const uniform of [false, true]) {
        const g = new tf.Graph();
        g.as_default(() => layers.variance_scaling_initializer({ factor: 2, mode, uniform, seed: 1 })([100]));
        const scale = g.get_operation_by_name(uniform ? 'random_uniform/max' : 'truncated_normal/stddev');
        const value = (scale.attrs as { value: tf.NDArray }).value.data[0]!;
        expect(value).toBeCloseTo(uniform ? Math.sqrt((3 * 2) / n) : Math.sqrt((1.3 * 2) / n), 6);
      }
    });
  }
});

describe('RegularizerTest', () => {
  const values = [1, -1, 4, 2];
  const run = (build: () => tf.Tensor): Promise<tf.NDArray> => inSession(async (g, sess) => sess.run(g.as_default(build)));

  it('test_l1', async () => {
    expect(thrown(() => layers.l1_regularizer(-1))).toBeInstanceOf(tf.errors.ValueError);
    expect(layers.l1_regularizer(0)(null as never)).toBe(null);
    const result = await run(() => layers.l1_regularizer(0.5)(tf.constant(np(values)))!);
    assertAllClose(result, (1 + 1 + 4 + 2) * 0.5);
  });

  it('test_sum_regularizer', async () => {
    const l1 = layers.l1_regularizer(0.1);
    const l2 = layers.l2_regularizer(0.2);
    expect(layers.sum_regularizer([])).toBe(null);
    expect(layers.sum_regularizer([null])).toBe(null);
    assertAllClose(await run(() => layers.sum_regularizer([l1])!(tf.constant(np([-3])))!), 0.1 * 3);
    assertAllClose(await run(() => layers.sum_regularizer([l1, null])!(tf.constant(np([-3])))!), 0.1 * 3);
    assertAllClose(await run(() => layers.sum_regularizer([l1, l2])!(tf.constant(np([-3])))!), 0.1 * 3 + (0.2 * 9) / 2.0);
  });

  it('test_l2', async () => {
    expect(thrown(() => layers.l2_regularizer(-1))).toBeInstanceOf(tf.errors.ValueError);
    // TF1's l2_regularizer(0) ValueError (a Python int scale) has no JavaScript form: 0 is 0.
    expect(layers.l2_regularizer(0)(null as never)).toBe(null);
    const result = await run(() => layers.l2_regularizer(0.42)(tf.constant(np(values)))!);
    assertAllClose(result, (values.reduce((a, v) => a + v * v, 0) / 2.0) * 0.42);
  });

  const numElem = 5 * 5 * 5;
  const ones = () => tf.constant(1.0, { shape: [5, 5, 5], dtype: 'float32' });
  for (const [name, l1, l2, expected] of [
    ['test_l1_l2', 1.0, 1.0, numElem + numElem / 2],
    ['test_l1_l2_scale_l1Zero', 0.0, 1.0, numElem / 2],
    ['test_l1_l2_scale_l2Zero', 1.0, 0.0, numElem],
  ] as const) {
    it(name, async () => {
      if (name === 'test_l1_l2') {
        expect(thrown(() => layers.l1_l2_regularizer(-1, 0.5))).toBeInstanceOf(tf.errors.ValueError);
        expect(thrown(() => layers.l1_l2_regularizer(0.5, -1))).toBeInstanceOf(tf.errors.ValueError);
      }
      await inSession(async (g, sess) => {
        const loss = g.as_default(() => layers.l1_l2_regularizer(l1, l2)!(ones()))!;
        expect(loss.op.name).toBe('l1_l2_regularizer');
        assertAllClose(await sess.run(loss), expected, { atol: 1e-5 });
      });
    });
  }

  it('test_l1_l2_scales_Zero', () => {
    tf.reset_default_graph();
    expect(layers.l1_l2_regularizer(0.0, 0.0)!(ones())).toBe(null);
  });

  it('testL1L2RegularizerWithScope', async () => {
    await inSession(async (g, sess) => {
      const loss = g.as_default(() => tf.name_scope('foo', () => layers.l1_l2_regularizer(1.0, 1.0, 'l1_l2')!(ones())))!;
      expect(loss.op.name).toBe('foo/l1_l2');
      assertAllClose(await sess.run(loss), numElem + numElem / 2, { atol: 1e-5 });
    });
  });

  const weightsList = [[1.5], [2, 3, 4.2], [10, 42, 666.6]];

  it('test_apply_regularization', async () => {
    const dummy = (x: tf.Tensor | tf.RefVariable): tf.Tensor => tf.reduce_sum(tf.multiply(2, x));
    const expected = weightsList.flat().reduce((a, x) => a + 2 * x, 0);
    const result = await run(() =>
      layers.apply_regularization(
        dummy,
        weightsList.map((w) => tf.constant(w, tf.float32)),
      ),
    );
    assertAllClose(result, expected, { rtol: 1e-6, atol: 1e-4 });
  });

  it('test_apply_zero_regularization', async () => {
    const result = await run(() =>
      layers.apply_regularization(
        layers.l2_regularizer(0.0),
        weightsList.map((w) => tf.constant(w, tf.float32)),
      ),
    );
    assertAllClose(result, 0.0);
  });

  it('test_apply_regularization_invalid_regularizer', () => {
    const nonScalar = (x: tf.Tensor | tf.RefVariable): tf.Tensor => tf.tile(x, [2]);
    const e = thrown(() =>
      new tf.Graph().as_default(() =>
        layers.apply_regularization(
          nonScalar,
          weightsList.map((w) => tf.constant(w, tf.float32)),
        ),
      ),
    );
    expect(e).toBeInstanceOf(tf.errors.ValueError);
  });
});

describe('get_regularization_loss(es) (TF1 r1.12 losses/util.py)', () => {
  it('sums REGULARIZATION_LOSSES, filtered by scope, as total_regularization_loss; 0.0 when there are none', async () => {
    await inSession(async (g, sess) => {
      const [empty, total, losses] = g.as_default(() => {
        const empty = tf.losses.get_regularization_loss();
        tf.variable_scope('a', { regularizer: layers.l1_regularizer(0.5) }, () => tf.get_variable('w', { initializer: tf.constant([1, -2], tf.float32) }));
        tf.variable_scope('b', { regularizer: layers.l1_regularizer(2.0) }, () => tf.get_variable('w', { initializer: tf.constant([3], tf.float32) }));
        return [empty, tf.losses.get_regularization_loss(), tf.losses.get_regularization_losses('b')];
      });
      expect(empty.op.type).toBe('Const');
      expect(total.name).toBe('total_regularization_loss:0');
      expect(losses.map((l) => l.name)).toEqual(['b/w/Regularizer/l1_regularizer:0']);
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      assertAllClose(await sess.run(empty), 0);
      assertAllClose(await sess.run(total), 0.5 * 3 + 2 * 3);
    });
  });

  it("tf.losses.get_total_loss includes the losses tf.get_variable's regularizer adds", async () => {
    await inSession(async (g, sess) => {
      const total = g.as_default(() => {
        const w = tf.get_variable('w', { initializer: tf.constant([1, -2], tf.float32), regularizer: layers.l2_regularizer(0.5) });
        tf.losses.absolute_difference(tf.constant([0, 0], tf.float32), w);
        expect(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES).length).toBe(1);
        return tf.losses.get_total_loss();
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      // mean |w| = 1.5, plus 0.5 * (1 + 4) / 2
      assertAllClose(await sess.run(total), 1.5 + 1.25, { rtol: 1e-6 });
    });
  });
});
