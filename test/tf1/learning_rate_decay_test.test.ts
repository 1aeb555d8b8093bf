// TF1's tensorflow/python/training/learning_rate_decay_test.py (r1.12), ported: graph mode (TF1 runs each case in
// graph and eager modes; tf1-ts has graph mode only). cosine_decay_restarts, linear_cosine_decay and
// noisy_linear_cosine_decay are NOT_PORTED (not in tf1-ts). JS has no float literal: a float-typed value TF1 writes
// as `1.0` is an explicit float32 tensor here where the dtype is the point of the case.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, evaluate, session, thrown } from './helpers.js';

/** Builds `build(step)` on a variable step, then evaluates it after each assignment of `steps`. */
async function overSteps(
  init: number,
  build: (step: tf.RefVariable) => tf.Tensor,
  steps: number[],
  expected: (s: number) => number,
  dtype: tf.DType = 'int32',
  rtol = 1e-6,
) {
  const { g, sess } = session();
  try {
    const { step, lr, assigns } = g.as_default(() => {
      const step = tf.Variable(init, { dtype });
      return { step, lr: build(step), assigns: steps.map((s) => step.assign(s)) };
    });
    await sess.run(g.as_default(() => tf.global_variables_initializer()));
    for (let i = 0; i < steps.length; i++) {
      await sess.run(assigns[i]!.op);
      assertAllClose(await sess.run(lr), expected(steps[i]!), { rtol, msg: `step ${steps[i]}` });
    }
    void step;
  } finally {
    sess.close();
  }
}
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('LRDecayTest', () => {
  it('testContinuous', async () => {
    assertAllClose(await evaluate(() => tf.train.exponential_decay(0.05, 5, 10, 0.96)), 0.05 * 0.96 ** (5.0 / 10.0), { rtol: 1e-6 });
  });

  it('testStaircase / testVariables', async () => {
    await overSteps(
      1,
      (s) => tf.train.exponential_decay(0.1, s, 3, 0.96, { staircase: true }),
      [1, 2, 100],
      (s) => 0.1 * 0.96 ** Math.floor(s / 3),
    );
  });

  it('testPiecewiseConstant', async () => {
    const expected = new Map([
      [-999, 1.0],
      [100, 1.0],
      [105, 0.1],
      [110, 0.1],
      [120, 0.01],
      [999, 0.001],
    ]);
    await overSteps(
      -999,
      (x) => tf.train.piecewise_constant(x, [100, 110, 120], [1.0, 0.1, 0.01, 0.001]),
      [...expected.keys()],
      (s) => expected.get(s)!,
    );
  });

  it('testPiecewiseConstantEdgeCases', async () => {
    const f32 = (v: number) => tf.constant(v, { dtype: 'float32' });
    tf.reset_default_graph();
    const xInt = tf.Variable(0, { dtype: 'int32' });
    expect(thrown(() => tf.train.piecewise_constant(xInt, [f32(-1.0), f32(1.0)], [1, 2, 3]))).toBeInstanceOf(tf.errors.ValueError);
    const x = tf.Variable(0.0, { dtype: 'float32' });
    expect(thrown(() => tf.train.piecewise_constant(x, [-1.0, 1.0], [f32(1.0), 2, 3]))).toBeInstanceOf(tf.errors.ValueError);
    // ref types are valid
    const xRef = tf.Variable(0.0, { dtype: 'float32' }).op.outputs[0]!;
    expect(xRef.dtype).toBe('float32');
    tf.train.piecewise_constant(xRef, [1.0, 2.0], [1, 2, 3]);
    // int32 boundaries are cast to an int64 x's dtype
    const expected = new Map([
      [0, 0.4],
      [1, 0.4],
      [2, 0.5],
      [3, 0.6],
      [4, 0.7],
    ]);
    await overSteps(
      0,
      (x64) => tf.train.piecewise_constant(x64, [1, 2, 3], [0.4, 0.5, 0.6, 0.7]),
      [...expected.keys()],
      (s) => expected.get(s)!,
      'int64',
    );
  });
});

describe('LinearDecayTest / SqrtDecayTest / PolynomialDecayTest', () => {
  const lr = 0.05;
  for (const power of [1.0, 0.5]) {
    const poly = (step: number, endLr: number, cycle = false) => evaluate(() => tf.train.polynomial_decay(lr, step, 10, endLr, { power, cycle }));
    it(`testHalfWay (power ${power})`, async () => assertAllClose(await poly(5, 0.0), lr * 0.5 ** power, { rtol: 1e-6 }));
    it(`testEnd (power ${power})`, async () => assertAllClose(await poly(10, 0.001), 0.001, { rtol: 1e-6 }));
    it(`testHalfWayWithEnd (power ${power})`, async () => assertAllClose(await poly(5, 0.001), (lr - 0.001) * 0.5 ** power + 0.001, { rtol: 1e-6 }));
    it(`testBeyondEnd (power ${power})`, async () => assertAllClose(await poly(15, 0.001), 0.001, { rtol: 1e-6 }));
    it(`testBeyondEndWithCycle (power ${power})`, async () =>
      assertAllClose(await poly(15, 0.001, true), (lr - 0.001) * 0.25 ** power + 0.001, { rtol: 1e-6 }));
  }
  it('testBeginWithCycle', async () => {
    assertAllClose(await evaluate(() => tf.train.polynomial_decay(0.001, 0, 10, { cycle: true })), 0.001, { rtol: 1e-6 });
  });
});

describe('ExponentialDecayTest (natural_exp_decay) / InverseDecayTest', () => {
  const k = 10;
  const rate = 0.96;
  it('natural_exp_decay testDecay', async () => {
    await overSteps(
      0,
      (s) => tf.train.natural_exp_decay(0.1, s, k, rate),
      range(k + 1),
      (i) => 0.1 * Math.exp((-i / k) * rate),
    );
  });
  it('natural_exp_decay testStaircase', async () => {
    await overSteps(
      0,
      (s) => tf.train.natural_exp_decay(0.1, s, k, rate, { staircase: true }),
      range(k + 1),
      (i) => 0.1 * Math.exp(-rate * Math.floor(i / k)),
    );
  });
  it('inverse_time_decay testDecay', async () => {
    await overSteps(
      0,
      (s) => tf.train.inverse_time_decay(0.1, s, k, rate),
      range(k + 1),
      (i) => 0.1 / (1 + (i / k) * rate),
    );
  });
  it('inverse_time_decay testStaircase', async () => {
    await overSteps(
      0,
      (s) => tf.train.inverse_time_decay(0.1, s, k, rate, { staircase: true }),
      range(k + 1),
      (i) => 0.1 / (1 + rate * Math.floor(i / k)),
    );
  });
});

describe('CosineDecayTest', () => {
  const npCosineDecay = (step: number, decaySteps: number, alpha = 0.0) => {
    const fraction = Math.min(step, decaySteps) / decaySteps;
    return (1.0 - alpha) * 0.5 * (1.0 + Math.cos(Math.PI * fraction)) + alpha;
  };
  for (const alpha of [0.0, 0.1]) {
    it(alpha === 0 ? 'testDecay' : 'testAlpha', async () => {
      for (let step = 0; step < 1500; step += 250) {
        const got = await evaluate(() => tf.train.cosine_decay(1.0, step, 1000, alpha));
        assertAllClose(got, npCosineDecay(step, 1000, alpha), { atol: 2e-6, rtol: 1e-6 });
      }
    });
  }
});

describe('graph structure and the global step', () => {
  it('builds the ops in the decay scope, named as TF1', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const lr = tf.train.exponential_decay(0.1, tf.train.get_or_create_global_step(), 100, 0.96, { staircase: true });
      expect(lr.name).toBe('ExponentialDecay:0');
      expect(lr.dtype).toBe('float32');
      expect(g.get_operations().map((o) => o.name)).toContain('ExponentialDecay/learning_rate');
      expect(g.get_operations().map((o) => o.name)).toContain('ExponentialDecay/Floor');
      expect(tf.train.polynomial_decay(0.1, 3, 10).name).toBe('PolynomialDecay:0');
      expect(tf.train.inverse_time_decay(0.1, 3, 10, 0.5).name).toBe('InverseTimeDecay:0');
      expect(tf.train.piecewise_constant(3, [1, 2], [0.1, 0.2, 0.3]).name).toBe('PiecewiseConstant/case:0');
    });
  });

  it('get_or_create_global_step makes one int64 `global_step`, incremented by minimize', async () => {
    const { g, sess } = session();
    try {
      const { step, train, lr } = g.as_default(() => {
        expect(tf.train.get_global_step()).toBeNull();
        const step = tf.train.get_or_create_global_step() as tf.RefVariable;
        expect(tf.train.get_or_create_global_step()).toBe(step);
        expect(tf.train.get_global_step()).toBe(step);
        expect(thrown(() => tf.train.create_global_step()).message).toBe('"global_step" already exists.');
        expect(step.name).toBe('global_step:0');
        expect(step.dtype).toBe('int64');
        expect(tf.trainable_variables()).not.toContain(step);
        const w = tf.Variable(1.5);
        const lr = tf.train.exponential_decay(0.5, step, 1, 0.5);
        const train = new tf.train.GradientDescentOptimizer(lr).minimize(tf.multiply(w, w), step);
        return { step, train, lr };
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      for (let i = 1; i <= 3; i++) {
        await sess.run(train);
        assertAllClose(await sess.run(step.value()), i);
        assertAllClose(await sess.run(lr), 0.5 * 0.5 ** i, { rtol: 1e-6 });
      }
    } finally {
      sess.close();
    }
  });
});
