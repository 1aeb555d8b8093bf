// TF1's tensorflow/python/training/proximal_gradient_descent_test.py, ported (dense ref variables; source read: a later
// snapshot, theIArchitecture/tensorflow, whose dense cases and expected values are r1.12's). Resource and sparse
// cases are in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose } from './helpers.js';

/** TF1's setup: var0, var1 from `init0`, `init1`, gradients [0.1, 0.2] and [0.01, 0.02]; `steps` updates; the values. */
async function run(makeOpt: () => tf.train.Optimizer, init0: number[], init1: number[], steps: number): Promise<[tf.NDArray, tf.NDArray]> {
  const g = new tf.Graph();
  const b = g.as_default(() => {
    const var0 = tf.Variable(init0, { dtype: tf.float32 });
    const var1 = tf.Variable(init1, { dtype: tf.float32 });
    const update = makeOpt().apply_gradients([
      [tf.constant([0.1, 0.2], tf.float32), var0],
      [tf.constant([0.01, 0.02], tf.float32), var1],
    ]);
    return { var0, var1, update, init: tf.global_variables_initializer() };
  });
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  try {
    await sess.run(b.init);
    assertAllClose(await sess.run(b.var0.value()), init0);
    assertAllClose(await sess.run(b.var1.value()), init1);
    for (let i = 0; i < steps; i++) await sess.run(b.update);
    return [await sess.run(b.var0.value()), await sess.run(b.var1.value())];
  } finally {
    sess.close();
  }
}

const proximal = (l1: number, l2: number) => () =>
  new tf.train.ProximalGradientDescentOptimizer(3.0, { l1_regularization_strength: l1, l2_regularization_strength: l2 });

describe('ProximalGradientDescentOptimizerTest', () => {
  it('testProximalGradientDescentwithoutRegularization', async () => {
    // Run 3 steps Proximal Gradient Descent.
    const [v0, v1] = await run(proximal(0.0, 0.0), [0.0, 0.0], [0.0, 0.0], 3);
    assertAllClose(v0, [-0.9, -1.8]);
    assertAllClose(v1, [-0.09, -0.18]);
  });

  it('testProximalGradientDescentwithoutRegularization2', async () => {
    const [v0, v1] = await run(proximal(0.0, 0.0), [1.0, 2.0], [4.0, 3.0], 3);
    assertAllClose(v0, [0.1, 0.2]);
    assertAllClose(v1, [3.91, 2.82]);
  });

  it('testProximalGradientDescentWithL1_L2', async () => {
    // Run 10 steps Proximal Gradient Descent
    const [v0, v1] = await run(proximal(0.001, 2.0), [1.0, 2.0], [4.0, 3.0], 10);
    assertAllClose(v0, [-0.0495, -0.0995]);
    assertAllClose(v1, [-0.0045, -0.0095]);
  });

  it('testEquivGradientDescentwithoutRegularization', async () => {
    const [val0, val1] = await run(proximal(0.0, 0.0), [1.0, 2.0], [3.0, 4.0], 5);
    const [val2, val3] = await run(() => new tf.train.GradientDescentOptimizer(3.0), [1.0, 2.0], [3.0, 4.0], 5);
    assertAllClose(val0, val2);
    assertAllClose(val1, val3);
  });
});

describe("ProximalGradientDescentOptimizer's graph, as TF1's", () => {
  it('adds ProximalGradientDescent/update_W/ApplyProximalGradientDescent of the variable, the three hyperparameters and the gradient', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const W = tf.Variable(tf.zeros([2]), { name: 'W' });
      new tf.train.ProximalGradientDescentOptimizer(0.5).minimize(tf.reduce_sum(W.value()));
      const update = g.get_operation_by_name('ProximalGradientDescent/update_W/ApplyProximalGradientDescent');
      expect(update.inputs.slice(0, 4).map((t) => t.name)).toEqual([
        'W:0',
        'ProximalGradientDescent/learning_rate:0',
        'ProximalGradientDescent/l1_regularization_strength:0',
        'ProximalGradientDescent/l2_regularization_strength:0',
      ]);
    });
  });
});
