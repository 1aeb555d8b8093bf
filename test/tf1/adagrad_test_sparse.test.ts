// TF1 r1.12's tensorflow/python/training/adagrad_test.py, its sparse cases ported: testSparseBasic,
// testSparseRepeatedIndices and testSparseStability (IndexedSlices gradients through AdagradOptimizer's _apply_sparse,
// SparseApplyAdagrad). float16 is left out (tf1-ts has none); the resource-variable and embedding_lookup cases are
// NOT_PORTED.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose } from './helpers.js';
import { closeByType, FLOAT_DTYPES, initialized, slices, sparseRepeatedIndices } from './optimizer_helpers.js';

describe('AdagradOptimizerTest (sparse)', () => {
  it('testSparseBasic', async () => {
    for (const dtype of FLOAT_DTYPES) {
      const t = await initialized(() => {
        const var0 = tf.Variable(tf.constant([[1.0], [2.0]], dtype));
        const var1 = tf.Variable(tf.constant([[3.0], [4.0]], dtype));
        const grads0 = slices([[0.1]], [0], [2, 1], dtype);
        const grads1 = slices([[0.01]], [1], [2, 1], dtype);
        const ada_opt = new tf.train.AdagradOptimizer(3.0, { initial_accumulator_value: 0.1 });
        const ada_update = ada_opt.apply_gradients([
          [grads0, var0],
          [grads1, var1],
        ]);
        return { var0, var1, ada_update };
      });
      // Fetch params to validate initial values
      assertAllClose(await t.sess.run(t.var0.value()), [[1.0], [2.0]]);
      assertAllClose(await t.sess.run(t.var1.value()), [[3.0], [4.0]]);
      // Run 3 step of sgd
      for (let i = 0; i < 3; i++) await t.sess.run(t.ada_update);
      // Validate updated params
      closeByType(await t.sess.run(t.var0.value()), [[-1.6026098728179932], [2.0]]);
      closeByType(await t.sess.run(t.var1.value()), [[3.0], [3.715679168701172]]);
      t.sess.close();
    }
  });

  it('testSparseRepeatedIndices', async () => {
    for (const dtype of FLOAT_DTYPES) {
      const r = await sparseRepeatedIndices(dtype, () => new tf.train.AdagradOptimizer(3.0));
      // beyond TF1's file: the row moved, the other did not
      expect(r.data[0]).toBe(1);
      expect(r.data[1]).not.toBe(2);
    }
  });

  it('testSparseStability', async () => {
    for (const dtype of FLOAT_DTYPES) {
      const shape = [1, 6];
      const t = await initialized(() => {
        const var0 = tf.Variable(tf.constant([[0.00872496, -0.106952, 0.110467, 0.226505, -0.0147257, -0.0105945]], dtype));
        const grads0 = new tf.IndexedSlices(
          tf.constant([[-5.91278e-5, 5.31673e-5, -2.5779e-6, 4.29153e-5, -8.4877e-5, -9.48906e-5]], dtype, shape),
          tf.constant([0]),
          tf.constant(shape),
        );
        const ada_opt = new tf.train.AdagradOptimizer(1.0, { initial_accumulator_value: 0.1 });
        const ada_update = ada_opt.apply_gradients([[grads0, var0]]);
        return { var0, ada_opt, ada_update };
      });
      expect(t.ada_opt.get_slot_names()).toEqual(['accumulator']);
      const slot0 = t.ada_opt.get_slot(t.var0, 'accumulator')!;
      const init = t.graph.as_default(() => tf.global_variables_initializer());
      for (let i = 0; i < 100; i++) {
        await t.sess.run(init);
        await t.sess.run(t.ada_update);
        closeByType(await t.sess.run(slot0.value()), [[0.1, 0.1, 0.1, 0.1, 0.1, 0.1]]);
        closeByType(await t.sess.run(t.var0.value()), [[0.00891194, -0.10712013, 0.11047515, 0.22636929, -0.0144573, -0.01029443]]);
      }
      t.sess.close();
    }
  });
});
