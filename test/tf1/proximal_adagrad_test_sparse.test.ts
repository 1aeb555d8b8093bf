// TF1 r1.12's tensorflow/python/training/proximal_adagrad_test.py, its sparse case ported:
// testEquivSparseAdagradwithoutRegularization (SparseApplyProximalAdagrad against SparseApplyAdagrad). Beyond TF1's
// file: with l1 and l2 the untouched row keeps its value and the touched one moves as the dense update would.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose } from './helpers.js';
import { applySparse } from './optimizer_helpers.js';

const INIT0 = [[1.0], [2.0]];
const INIT1 = [[3.0], [4.0]];

describe('ProximalAdagradOptimizerTest (sparse)', () => {
  it('testEquivSparseAdagradwithoutRegularization', async () => {
    const [val0, val1] = await applySparse(
      new tf.train.ProximalAdagradOptimizer(3.0, { initial_accumulator_value: 0.1, l1_regularization_strength: 0.0, l2_regularization_strength: 0.0 }),
      tf.float32,
      INIT0,
      INIT1,
    );
    const [val2, val3] = await applySparse(new tf.train.AdagradOptimizer(3.0, { initial_accumulator_value: 0.1 }), tf.float32, INIT0, INIT1);
    assertAllClose(val0, val2);
    assertAllClose(val1, val3);
  });

  it('with l1 and l2, updates the indexed row as the dense update of that row, and no other', async () => {
    const make = () =>
      new tf.train.ProximalAdagradOptimizer(3.0, { initial_accumulator_value: 0.1, l1_regularization_strength: 0.001, l2_regularization_strength: 2.0 });
    const [val0, val1] = await applySparse(make(), tf.float32, INIT0, INIT1, 3);
    expect(val0.data[1]).toBe(2.0);
    expect(val1.data[0]).toBe(3.0);
    // the dense optimizer on the one row, its gradient 0.1 (var0) and 0.02 (var1); float32, as TF1 casts no hyperparameter here
    const g = new tf.Graph();
    const { a, b, update, init } = g.as_default(() => {
      const a = tf.Variable(tf.constant([1.0], tf.float32));
      const b = tf.Variable(tf.constant([4.0], tf.float32));
      const update = make().apply_gradients([
        [tf.constant([0.1], tf.float32), a],
        [tf.constant([0.02], tf.float32), b],
      ]);
      return { a, b, update, init: tf.global_variables_initializer() };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(init);
    for (let i = 0; i < 3; i++) await sess.run(update);
    assertAllClose([val0.data[0]!, val1.data[1]!], [(await sess.run(a.value())).data[0]!, (await sess.run(b.value())).data[0]!], { rtol: 1e-6, atol: 1e-6 });
    sess.close();
  });
});
