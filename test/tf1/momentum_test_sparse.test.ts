// TF1 r1.12's tensorflow/python/training/momentum_test.py, its sparse cases ported: testSparse and
// testSparseNesterovMomentum (IndexedSlices gradients through MomentumOptimizer's _apply_sparse, SparseApplyMomentum).
// float16 is left out (tf1-ts has none); testMinimizeSparseResourceVariable and
// testMinimizeWith2DIndiciesForEmbeddingLookup are NOT_PORTED (resource variables, embedding_lookup).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose } from './helpers.js';
import { closeByType, FLOAT_DTYPES, initialized, nesterov, rowOf, slices } from './optimizer_helpers.js';

describe('MomentumOptimizerTest (sparse)', () => {
  it('testSparse', async () => {
    for (const dtype of FLOAT_DTYPES) {
      const t = await initialized(() => {
        const var0 = tf.Variable(tf.zeros([4, 2], dtype));
        const var1 = tf.Variable(tf.constant(1.0, dtype, [4, 2]));
        const grads0 = slices([[0.1, 0.1]], [1], [4, 2], dtype);
        const grads1 = slices(
          [
            [0.01, 0.01],
            [0.01, 0.01],
          ],
          [2, 3],
          [4, 2],
          dtype,
        );
        const opt = new tf.train.MomentumOptimizer({ learning_rate: 2.0, momentum: 0.9 });
        const update = opt.apply_gradients([
          [grads0, var0],
          [grads1, var1],
        ]);
        return { var0, var1, opt, update };
      });
      const ev = async (v: tf.RefVariable | null) => t.sess.run(v!.value());
      // Check we have slots
      expect(t.opt.get_slot_names()).toEqual(['momentum']);
      const slot0 = t.opt.get_slot(t.var0, 'momentum');
      expect(slot0!.get_shape().as_list()).toEqual(t.var0.get_shape().as_list());
      const slot1 = t.opt.get_slot(t.var1, 'momentum');
      expect(slot1!.get_shape().as_list()).toEqual(t.var1.get_shape().as_list());
      // Fetch params to validate initial values
      assertAllClose(rowOf(await ev(t.var0), 0), [0, 0]);
      assertAllClose(rowOf(await ev(t.var0), 1), [0, 0]);
      assertAllClose(rowOf(await ev(t.var1), 2), [1, 1]);
      // Step 1: the momentum accumulators are 0. So we should see a normal update: v -= grad * learning_rate
      await t.sess.run(t.update);
      closeByType(rowOf(await ev(slot0), 0), [0, 0]);
      closeByType(rowOf(await ev(slot0), 1), [0.1, 0.1]);
      closeByType(rowOf(await ev(slot1), 2), [0.01, 0.01]);
      closeByType(rowOf(await ev(t.var0), 0), [0, 0]);
      closeByType(rowOf(await ev(t.var0), 1), [-(0.1 * 2.0), -(0.1 * 2.0)]);
      closeByType(rowOf(await ev(t.var1), 2), [1.0 - 0.01 * 2.0, 1.0 - 0.01 * 2.0]);
      // Step 2: the momentum accumulators contain the previous update.
      await t.sess.run(t.update);
      assertAllClose(rowOf(await ev(slot0), 0), [0, 0]);
      closeByType(rowOf(await ev(slot0), 1), [0.9 * 0.1 + 0.1, 0.9 * 0.1 + 0.1]);
      closeByType(rowOf(await ev(slot1), 2), [0.9 * 0.01 + 0.01, 0.9 * 0.01 + 0.01]);
      assertAllClose(rowOf(await ev(t.var0), 0), [0, 0]);
      closeByType(rowOf(await ev(t.var0), 1), [-(0.1 * 2.0) - (0.9 * 0.1 + 0.1) * 2.0, -(0.1 * 2.0) - (0.9 * 0.1 + 0.1) * 2.0]);
      closeByType(rowOf(await ev(t.var1), 2), [0.98 - (0.9 * 0.01 + 0.01) * 2.0, 0.98 - (0.9 * 0.01 + 0.01) * 2.0]);
      t.sess.close();
    }
  });

  it('testSparseNesterovMomentum', async () => {
    for (const dtype of FLOAT_DTYPES) {
      let [var0_np, var1_np, accum0_np, accum1_np] = [
        [1.0, 2.0],
        [3.0, 4.0],
        [0.0, 0.0],
        [0.0, 0.0],
      ];
      const grads: number[][] = [];
      for (let step = 1; step < 5; step++) {
        grads.push(var0_np.map((x) => x * 10));
        [var0_np, accum0_np] = nesterov(
          var0_np,
          accum0_np!,
          var0_np.map((x) => x * 10),
          2.0,
          0.9,
        );
        [var1_np, accum1_np] = nesterov(var1_np!, accum1_np!, [3, 3], 2.0, 0.9);
      }
      [var0_np, var1_np, accum0_np, accum1_np] = [
        [1.0, 2.0],
        [3.0, 4.0],
        [0.0, 0.0],
        [0.0, 0.0],
      ];
      const t = await initialized(() => {
        const var0 = tf.Variable(tf.constant([1.0, 2.0], dtype));
        const var1 = tf.Variable(tf.constant([3.0, 4.0], dtype));
        const mom_op = new tf.train.MomentumOptimizer({ learning_rate: 2.0, momentum: 0.9, use_nesterov: true });
        const x_feed = tf.placeholder(dtype);
        const y_feed = new tf.IndexedSlices(x_feed, tf.constant([0, 1]), tf.constant([2]));
        const opt_update = mom_op.apply_gradients([
          [y_feed, var0],
          [tf.constant([3.0, 3.0], dtype), var1],
        ]);
        return { var0, var1, x_feed, opt_update };
      });
      for (let step = 1; step < 5; step++) {
        const feed = tf.NDArray.zeros([2], dtype);
        feed.data.set(grads[step - 1]!);
        await t.sess.run(t.opt_update, new Map([[t.x_feed, feed]]));
        [var0_np, accum0_np] = nesterov(
          var0_np!,
          accum0_np!,
          var0_np!.map((x) => x * 10),
          2.0,
          0.9,
        );
        [var1_np, accum1_np] = nesterov(var1_np!, accum1_np!, [3, 3], 2.0, 0.9);
        assertAllClose(await t.sess.run(t.var0.value()), var0_np);
        assertAllClose(await t.sess.run(t.var1.value()), var1_np);
      }
      t.sess.close();
    }
  });

  it("builds TF1's nodes: update_<var>/SparseApplyMomentum on the deduplicated rows (beyond TF1's file)", async () => {
    const t = await initialized(() => {
      const W = tf.Variable(tf.zeros([3, 2]), { name: 'W' });
      const grad = slices([[1, 1]], [2], [3, 2], tf.float32);
      const opt = new tf.train.MomentumOptimizer(0.5, 0.9);
      return { W, update: opt.apply_gradients([[grad, W]]) };
    });
    const apply = t.graph.get_operation_by_name('Momentum/update_W/SparseApplyMomentum');
    expect(apply.type).toBe('SparseApplyMomentum');
    expect(apply.inputs.map((x) => x.op.name)).toEqual([
      'W',
      'W/Momentum',
      'Momentum/learning_rate',
      'Momentum/update_W/UnsortedSegmentSum',
      'Momentum/update_W/Unique',
      'Momentum/momentum',
    ]);
    await t.sess.run(t.update);
    expect(Array.from((await t.sess.run(t.W.value())).data)).toEqual([0, 0, 0, 0, -0.5, -0.5]);
    t.sess.close();
  });
});
