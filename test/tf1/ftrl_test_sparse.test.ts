// TF1 r1.12's tensorflow/python/training/ftrl_test.py, its sparse cases ported: testFtrlWithL1_L2_L2ShrinkageSparse
// (SparseApplyFtrlV2) and testEquivSparseAdagradwithoutRegularization (SparseApplyFtrl against SparseApplyAdagrad),
// in float32 (TF1's dtypes less half). testEquivSparseGradientDescentwithoutRegularization is NOT_PORTED until
// GradientDescentOptimizer has its _apply_sparse.
import { describe, it } from 'vitest';
import * as tf from '../../src/index.js';
import { applySparse, closeByType, initialized, slices } from './optimizer_helpers.js';

describe('FtrlOptimizerTest (sparse)', () => {
  it('testFtrlWithL1_L2_L2ShrinkageSparse', async () => {
    const dtype = tf.float32;
    const t = await initialized(() => {
      const var0 = tf.Variable(tf.constant([[1.0], [2.0]], dtype));
      const var1 = tf.Variable(tf.constant([[4.0], [3.0]], dtype));
      const grads0 = slices([[0.1]], [0], [2, 1], dtype);
      const grads1 = slices([[0.02]], [1], [2, 1], dtype);
      const opt = new tf.train.FtrlOptimizer(3.0, {
        initial_accumulator_value: 0.1,
        l1_regularization_strength: 0.001,
        l2_regularization_strength: 2.0,
        l2_shrinkage_regularization_strength: 0.1,
      });
      const update = opt.apply_gradients([
        [grads0, var0],
        [grads1, var1],
      ]);
      return { var0, var1, update };
    });
    let [v0, v1] = await t.sess.run([t.var0.value(), t.var1.value()]);
    closeByType(v0!, [[1.0], [2.0]]);
    closeByType(v1!, [[4.0], [3.0]]);
    // Run 10 steps FTRL
    for (let i = 0; i < 10; i++) await t.sess.run(t.update);
    [v0, v1] = await t.sess.run([t.var0.value(), t.var1.value()]);
    closeByType(v0!, [[-0.22578995], [2.0]]);
    closeByType(v1!, [[4.0], [-0.13229476]]);
    t.sess.close();
  });

  it('testEquivSparseAdagradwithoutRegularization', async () => {
    const dtype = tf.float32;
    const zeros = [[0.0], [0.0]];
    const [val0, val1] = await applySparse(
      // Adagrad learning rate
      new tf.train.FtrlOptimizer(3.0, {
        learning_rate_power: -0.5,
        initial_accumulator_value: 0.1,
        l1_regularization_strength: 0.0,
        l2_regularization_strength: 0.0,
      }),
      dtype,
      zeros,
      zeros,
    );
    const [val2, val3] = await applySparse(new tf.train.AdagradOptimizer(3.0, { initial_accumulator_value: 0.1 }), dtype, zeros, zeros);
    closeByType(val0, val2);
    closeByType(val1, val3);
  });
});
