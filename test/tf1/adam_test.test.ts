// TF1's tensorflow/python/training/adam_test.py, ported (dense float variables; source read: r1.15's copy, whose
// dense cases are r1.12's). TF1's half dtype is left out (tf1-ts has no float16); sparse cases are in
// adam_test_sparse.test.ts; resource and eager cases are NOT_PORTED. Also: the graph TF1 builds (slot and non-slot names, the powers' update after the ApplyAdam ops).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { adamUpdate, closeByType, FLOAT_DTYPES, twoVars, varValue, type TwoVars } from './optimizer_helpers.js';

/** Three steps of Adam, `run(t)` applying step t; the powers are checked before each step (`powerAfter`: after). */
async function threeSteps(t: TwoVars<tf.train.AdamOptimizer>, run: (step: number) => Promise<unknown>, powerAfter: boolean): Promise<void> {
  const [beta1Power, beta2Power] = t.opt._get_beta_accumulators(t.graph);
  let s0 = { param: [1.0, 2.0], m: [0, 0], v: [0, 0] };
  let s1 = { param: [3.0, 4.0], m: [0, 0], v: [0, 0] };
  for (let step = 1; step < 4; step++) {
    if (!powerAfter) {
      closeByType(await varValue(t.sess, beta1Power), 0.9 ** step);
      closeByType(await varValue(t.sess, beta2Power), 0.999 ** step);
    }
    await run(step);
    if (powerAfter) {
      closeByType(await varValue(t.sess, beta1Power), 0.9 ** (step + 1));
      closeByType(await varValue(t.sess, beta2Power), 0.999 ** (step + 1));
    }
    s0 = adamUpdate(s0.param, [0.1, 0.1], step, s0.m, s0.v);
    s1 = adamUpdate(s1.param, [0.01, 0.01], step, s1.m, s1.v);
    closeByType(await varValue(t.sess, t.var0), s0.param);
    closeByType(await varValue(t.sess, t.var1), s1.param);
  }
  t.sess.close();
}

describe('AdamOptimizerTest', () => {
  it('testBasic', async () => {
    for (const dtype of FLOAT_DTYPES) {
      const t = await twoVars(dtype, () => new tf.train.AdamOptimizer({ learning_rate: 0.001 }));
      const optVariables = t.graph.as_default(() => t.opt.variables());
      const [beta1Power, beta2Power] = t.opt._get_beta_accumulators(t.graph);
      expect(optVariables).toContain(beta1Power);
      expect(optVariables).toContain(beta2Power);
      // Shouldn't return non-slot variables from other graphs.
      expect(new tf.Graph().as_default(() => t.opt.variables())).toHaveLength(0);
      await threeSteps(t, () => t.sess.run(t.updates[0]!), true);
    }
  });

  it('testTensorLearningRate', async () => {
    for (const dtype of FLOAT_DTYPES) {
      const t = await twoVars(dtype, () => new tf.train.AdamOptimizer(tf.constant(0.001, tf.float32)));
      await threeSteps(t, () => t.sess.run(t.updates[0]!), false);
    }
  });

  it('testSharing', async () => {
    for (const dtype of FLOAT_DTYPES) {
      const t = await twoVars(dtype, () => new tf.train.AdamOptimizer(), 2);
      // Run 3 steps of intertwined Adam1 and Adam2.
      await threeSteps(t, (step) => t.sess.run(t.updates[step % 2 === 0 ? 0 : 1]!), false);
    }
  });
});

describe("AdamOptimizer's graph, as TF1 builds it", () => {
  it('slots W/Adam and W/Adam_1, non-slot beta1_power and beta2_power, powers multiplied after every ApplyAdam', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const W = tf.Variable(tf.zeros([3, 2]), { name: 'W' });
      const b = tf.Variable(tf.zeros([2]), { name: 'b' });
      const opt = new tf.train.AdamOptimizer();
      const train = opt.minimize(tf.reduce_sum(W.value()).add(tf.reduce_sum(b.value())));
      expect(opt.get_slot_names()).toEqual(['m', 'v']);
      expect(opt.get_slot(W, 'm')!.name).toBe('W/Adam:0');
      expect(opt.get_slot(W, 'v')!.name).toBe('W/Adam_1:0');
      expect(opt.get_slot(b, 'v')!.name).toBe('b/Adam_1:0');
      expect(tf.global_variables().map((v) => v.name)).toEqual([
        'W:0',
        'b:0',
        'beta1_power:0',
        'beta2_power:0',
        'W/Adam:0',
        'W/Adam_1:0',
        'b/Adam:0',
        'b/Adam_1:0',
      ]);
      const apply = g.get_operation_by_name('Adam/update_W/ApplyAdam');
      expect(apply.inputs.map((t) => t.name).slice(0, 9)).toEqual([
        'W:0',
        'W/Adam:0',
        'W/Adam_1:0',
        'beta1_power/read:0',
        'beta2_power/read:0',
        'Adam/learning_rate:0',
        'Adam/beta1:0',
        'Adam/beta2:0',
        'Adam/epsilon:0',
      ]);
      const mul = g.get_operation_by_name('Adam/mul');
      expect(mul.inputs.map((t) => t.name)).toEqual(['beta1_power/read:0', 'Adam/beta1:0']);
      expect(mul.control_inputs.map((o) => o.name)).toEqual(['Adam/update_W/ApplyAdam', 'Adam/update_b/ApplyAdam']);
      expect(g.get_operation_by_name('Adam/Assign').inputs.map((t) => t.name)).toEqual(['beta1_power:0', 'Adam/mul:0']);
      expect(g.get_operation_by_name('Adam/Assign_1').inputs.map((t) => t.name)).toEqual(['beta2_power:0', 'Adam/mul_1:0']);
      expect(train.name).toBe('Adam');
      expect(train.control_inputs.map((o) => o.name)).toEqual(['Adam/update_W/ApplyAdam', 'Adam/update_b/ApplyAdam', 'Adam/Assign', 'Adam/Assign_1']);
    });
  });

  it('with a global_step, the group is Adam/update and the step increment is Adam', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const W = tf.Variable(tf.zeros([2]), { name: 'W' });
      const step = tf.Variable(0, { name: 'global_step', trainable: false });
      const train = new tf.train.AdamOptimizer().minimize(tf.reduce_sum(W.value()), step);
      expect(train.name).toBe('Adam');
      expect(train.type).toBe('AssignAdd');
      // The increment's constant was made under the dependency, so it carries it (TF1 drops it from the AssignAdd).
      expect(train.inputs[1]!.op.control_inputs.map((o) => o.name)).toEqual(['Adam/update']);
      expect(g.get_operation_by_name('Adam/update').control_inputs.map((o) => o.name)).toEqual(['Adam/update_W/ApplyAdam', 'Adam/Assign', 'Adam/Assign_1']);
    });
  });
});
