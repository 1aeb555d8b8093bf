// TF1 r1.12's tensorflow/python/training/adam_test.py, its sparse cases ported: testSparse (doTestSparse with ref
// variables) and testSparseRepeatedIndices (IndexedSlices gradients through AdamOptimizer's _apply_sparse_shared:
// Assign, ScatterAdd, AssignSub). float16 is left out (tf1-ts has none); testResourceSparse (resource variables) and
// testSparseDevicePlacement (a GPU placement check, through gather's gradient) are NOT_PORTED.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose } from './helpers.js';
import { adamUpdate, closeByType, FLOAT_DTYPES, initialized, slices, sparseRepeatedIndices } from './optimizer_helpers.js';

describe('AdamOptimizerTest (sparse)', () => {
  it('testSparse', async () => {
    for (const dtype of FLOAT_DTYPES) {
      // Initialize variables for numpy implementation.
      let s0 = { param: [1.0, 2.0], m: [0, 0], v: [0, 0] };
      let s1 = { param: [3.0, 4.0], m: [0, 0], v: [0, 0] };
      const t = await initialized(() => {
        const var0 = tf.Variable(tf.constant([1.0, 2.0], dtype));
        const var1 = tf.Variable(tf.constant([3.0, 4.0], dtype));
        const grads0 = slices([0.1, 0.1], [0, 1], [2], dtype);
        const grads1 = slices([0.01, 0.01], [0, 1], [2], dtype);
        const opt = new tf.train.AdamOptimizer();
        const update = opt.apply_gradients([
          [grads0, var0],
          [grads1, var1],
        ]);
        return { var0, var1, opt, update };
      });
      // Fetch params to validate initial values
      assertAllClose(await t.sess.run(t.var0.value()), [1.0, 2.0]);
      assertAllClose(await t.sess.run(t.var1.value()), [3.0, 4.0]);
      const [beta1_power, beta2_power] = t.opt._get_beta_accumulators(t.graph);
      // Run 3 steps of Adam
      for (let step = 1; step < 4; step++) {
        closeByType(await t.sess.run(beta1_power.value()), 0.9 ** step);
        closeByType(await t.sess.run(beta2_power.value()), 0.999 ** step);
        await t.sess.run(t.update);
        s0 = adamUpdate(s0.param, [0.1, 0.1], step, s0.m, s0.v);
        s1 = adamUpdate(s1.param, [0.01, 0.01], step, s1.m, s1.v);
        // Validate updated params
        closeByType(await t.sess.run(t.var0.value()), s0.param);
        closeByType(await t.sess.run(t.var1.value()), s1.param);
      }
      t.sess.close();
    }
  });

  it('testSparseRepeatedIndices', async () => {
    for (const dtype of FLOAT_DTYPES) await sparseRepeatedIndices(dtype, () => new tf.train.AdamOptimizer());
  });

  it("builds r1.12's _apply_sparse_shared graph under Adam/update_<var>/ (beyond TF1's file)", async () => {
    const t = await initialized(() => {
      const W = tf.Variable(tf.zeros([3, 2]), { name: 'W' });
      const opt = new tf.train.AdamOptimizer(0.1);
      return { W, opt, update: opt.apply_gradients([[slices([[1, 1]], [2], [3, 2], tf.float32), W]]) };
    });
    const names = t.graph
      .get_operations()
      .map((o) => o.name)
      .filter((n) => n.startsWith('Adam/update_W/'))
      .map((n) => n.slice('Adam/update_W/'.length));
    expect(names).toEqual([
      'Unique',
      'Shape',
      'strided_slice/stack',
      'strided_slice/stack_1',
      'strided_slice/stack_2',
      'strided_slice',
      'UnsortedSegmentSum',
      'sub/x',
      'sub',
      'Sqrt',
      'mul',
      'sub_1/x',
      'sub_1',
      'truediv',
      'sub_2/x',
      'sub_2',
      'mul_1',
      'mul_2',
      'Assign',
      'ScatterAdd',
      'mul_3',
      'sub_3/x',
      'sub_3',
      'mul_4',
      'mul_5',
      'Assign_1',
      'ScatterAdd_1',
      'Sqrt_1',
      'mul_6',
      'add',
      'truediv_1',
      'AssignSub',
      'group_deps',
    ]);
    const scatter = t.graph.get_operation_by_name('Adam/update_W/ScatterAdd');
    expect(scatter.control_inputs.map((o) => o.name)).toEqual(['Adam/update_W/Assign']);
    // one step from m = v = 0: the indexed row moves by lr·√(1−β2)/(1−β1)·m/(√v + ε), the others not at all
    await t.sess.run(t.update);
    const w = Array.from((await t.sess.run(t.W.value())).data);
    expect(w.slice(0, 4)).toEqual([0, 0, 0, 0]);
    closeByType(new tf.NDArray(Float64Array.from(w.slice(4)), [2], 'float64'), [-0.1, -0.1]);
    t.sess.close();
  });
});
