// TF1's tensorflow/python/training/gradient_descent_test.py (GradientDescentOptimizerTest), ported for ref variables in
// float32 and float64 (read from imdone/tensorflow, r1.12's era). The half dtype and the ResourceVariable cases
// (testBasicResourceVariable, testMinimizeResourceVariable, testMinimizeSparseResourceVariable) are in NOT_PORTED.md.
// testSparseBasic goes through r1.12's `_apply_sparse_duplicate_indices` override: `var.scatter_sub` of the values
// times the learning rate, with no Unique (a repeated row is subtracted once per occurrence, the same sum).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, inSession, thrown } from './helpers.js';

const DTYPES = [tf.float32, tf.float64] as const;

describe('GradientDescentOptimizerTest', () => {
  for (const dtype of DTYPES) {
    it(`testBasic (${dtype})`, async () => {
      await inSession(async (g, sess) => {
        const b = g.as_default(() => {
          const var0 = tf.Variable([1.0, 2.0], { dtype });
          const var1 = tf.Variable([3.0, 4.0], { dtype });
          const optimizer = new tf.train.GradientDescentOptimizer(3.0);
          const sgd = optimizer.apply_gradients([
            [tf.constant([0.1, 0.1], dtype), var0],
            [tf.constant([0.01, 0.01], dtype), var1],
          ]);
          return { var0, var1, sgd, optimizer, init: tf.global_variables_initializer() };
        });
        await sess.run(b.init);
        assertAllClose(await sess.run(b.var0), [1.0, 2.0]);
        assertAllClose(await sess.run(b.var1), [3.0, 4.0]);
        await sess.run(b.sgd);
        assertAllClose(await sess.run(b.var0), [1.0 - 3.0 * 0.1, 2.0 - 3.0 * 0.1]);
        assertAllClose(await sess.run(b.var1), [3.0 - 3.0 * 0.01, 4.0 - 3.0 * 0.01]);
        expect(g.as_default(() => b.optimizer.variables())).toHaveLength(0);
      });
    });

    it(`testTensorLearningRate (${dtype})`, async () => {
      await inSession(async (g, sess) => {
        const b = g.as_default(() => {
          const var0 = tf.Variable([1.0, 2.0], { dtype });
          const var1 = tf.Variable([3.0, 4.0], { dtype });
          const lrate = tf.constant(3.0, tf.float32);
          const sgd = new tf.train.GradientDescentOptimizer(lrate).apply_gradients([
            [tf.constant([0.1, 0.1], dtype), var0],
            [tf.constant([0.01, 0.01], dtype), var1],
          ]);
          return { var0, var1, sgd, init: tf.global_variables_initializer() };
        });
        await sess.run(b.init);
        await sess.run(b.sgd);
        assertAllClose(await sess.run(b.var0), [1.0 - 3.0 * 0.1, 2.0 - 3.0 * 0.1]);
        assertAllClose(await sess.run(b.var1), [3.0 - 3.0 * 0.01, 4.0 - 3.0 * 0.01]);
      });
    });

    it(`testGradWrtRef (${dtype})`, async () => {
      await inSession(async (g, sess) => {
        const b = g.as_default(() => {
          const opt = new tf.train.GradientDescentOptimizer(3.0);
          const vars = [1.0, 3.0].map((v) => tf.Variable([v], { dtype }));
          const gv = opt.compute_gradients(vars[0]!.value().add(vars[1]!), vars);
          return { gv, init: tf.global_variables_initializer() };
        });
        await sess.run(b.init);
        for (const [grad] of b.gv) assertAllClose(await sess.run(grad as tf.Tensor), [1.0]);
      });
    });

    it(`testWithGlobalStep (${dtype})`, async () => {
      await inSession(async (g, sess) => {
        const b = g.as_default(() => {
          const global_step = tf.Variable(0, { trainable: false });
          const var0 = tf.Variable([1.0, 2.0], { dtype });
          const var1 = tf.Variable([3.0, 4.0], { dtype });
          const sgd = new tf.train.GradientDescentOptimizer(3.0).apply_gradients(
            [
              [tf.constant([0.1, 0.1], dtype), var0],
              [tf.constant([0.01, 0.01], dtype), var1],
            ],
            { global_step },
          );
          return { var0, var1, global_step, sgd, init: tf.global_variables_initializer() };
        });
        await sess.run(b.init);
        await sess.run(b.sgd);
        assertAllClose(await sess.run(b.var0), [1.0 - 3.0 * 0.1, 2.0 - 3.0 * 0.1]);
        assertAllClose(await sess.run(b.var1), [3.0 - 3.0 * 0.01, 4.0 - 3.0 * 0.01]);
        assertAllClose(await sess.run(b.global_step), 1);
      });
    });

    it(`testSparseBasic (${dtype})`, async () => {
      await inSession(async (g, sess) => {
        const b = g.as_default(() => {
          const var0 = tf.Variable([[1.0], [2.0]], { dtype });
          const var1 = tf.Variable([[3.0], [4.0]], { dtype });
          const grads0 = new tf.IndexedSlices(tf.constant([0.1], dtype, [1, 1]), tf.constant([0]), tf.constant([2, 1]));
          const grads1 = new tf.IndexedSlices(tf.constant([0.01], dtype, [1, 1]), tf.constant([1]), tf.constant([2, 1]));
          const sgd = new tf.train.GradientDescentOptimizer(3.0).apply_gradients([
            [grads0, var0],
            [grads1, var1],
          ]);
          return { var0, var1, sgd, init: tf.global_variables_initializer() };
        });
        await sess.run(b.init);
        assertAllClose(await sess.run(b.var0), [[1.0], [2.0]]);
        assertAllClose(await sess.run(b.var1), [[3.0], [4.0]]);
        await sess.run(b.sgd);
        assertAllClose(await sess.run(b.var0), [[1.0 - 3.0 * 0.1], [2.0]]);
        assertAllClose(await sess.run(b.var1), [[3.0], [4.0 - 3.0 * 0.01]]);
        // r1.12's override: the values scaled by the cast learning rate (`mul`) and ScatterSub, no Unique.
        const types = g.get_operations().map((op) => op.type);
        expect(types).toContain('ScatterSub');
        expect(types).not.toContain('Unique');
        expect(g.get_operation_by_name('GradientDescent/update_Variable/ScatterSub').inputs[2]!.op.name).toBe('GradientDescent/update_Variable/mul');
      });
    });
  }
});

describe('RefVariable.scatter_sub, scatter_add, scatter_update (variables.py)', () => {
  it('apply an IndexedSlices to the rows it names; anything else is a ValueError', async () => {
    await inSession(async (g, sess) => {
      const b = g.as_default(() => {
        const v = tf.Variable([[1.0], [2.0], [3.0]], { dtype: tf.float32 });
        const delta = new tf.IndexedSlices(tf.constant([[10], [20]], tf.float32), tf.constant([2, 0]));
        return {
          v,
          sub: v.scatter_sub(delta),
          add: v.scatter_add(delta),
          upd: v.scatter_update(delta, { name: 'upd' }),
          init: tf.global_variables_initializer(),
        };
      });
      expect(b.sub.op.type).toBe('ScatterSub');
      expect(b.add.op.type).toBe('ScatterAdd');
      expect(b.upd.op.type).toBe('ScatterUpdate');
      expect(b.upd.op.name).toBe('upd');
      // TF1's methods pass use_locking=False, ScatterUpdate's own default (True) notwithstanding.
      expect(b.upd.op.get_attr('use_locking')).toBe(false);
      await sess.run(b.init);
      assertAllClose(await sess.run(b.sub), [[-19], [2], [-7]]);
      assertAllClose(await sess.run(b.add), [[1], [2], [3]]);
      assertAllClose(await sess.run(b.upd), [[20], [2], [10]]);
      const e = thrown(() => g.as_default(() => b.v.scatter_sub(tf.constant([1.0], tf.float32, undefined, 'c') as never)));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toBe('sparse_delta is not IndexedSlices: Tensor("c:0", shape=(1,), dtype=float32)');
    });
  });
});
