// TF1's tensorflow/python/training/momentum_test.py, ported (dense float variables; source read: r1.15's copy, whose
// dense cases are r1.12's). TF1's half dtype is left out (tf1-ts has no float16); sparse and resource cases are
// NOT_PORTED. Also: the slot variables' TF1 names, and that ApplyMomentum has no gradient.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose } from './helpers.js';
import { closeByType, expectSlots, FLOAT_DTYPES, twoVars, varValue } from './optimizer_helpers.js';

/** TF1's _update_nesterov_momentum_numpy. */
function nesterov(v: number[], accum: number[], g: number[], lr: number, momentum: number): [number[], number[]] {
  const a = accum.map((x, i) => x * momentum + g[i]!);
  return [v.map((x, i) => x + accum[i]! * lr * momentum - lr * a[i]! - a[i]! * lr * momentum), a];
}

/** The two steps testBasic, testTensorLearningRateAndMomentum and testSharing check, with `run(step)` applying one. */
async function twoSteps(t: Awaited<ReturnType<typeof twoVars<tf.train.MomentumOptimizer>>>, run: (step: number) => Promise<unknown>): Promise<void> {
  expectSlots(t, ['momentum']);
  const slot0 = t.opt.get_slot(t.var0, 'momentum');
  const slot1 = t.opt.get_slot(t.var1, 'momentum');
  // Step 1: the momentum accumulators where 0. So we should see a normal update: v -= grad * learning_rate
  await run(0);
  closeByType(await varValue(t.sess, slot0), [0.1, 0.1]);
  closeByType(await varValue(t.sess, slot1), [0.01, 0.01]);
  closeByType(await varValue(t.sess, t.var0), [1.0 - 0.1 * 2.0, 2.0 - 0.1 * 2.0]);
  closeByType(await varValue(t.sess, t.var1), [3.0 - 0.01 * 2.0, 4.0 - 0.01 * 2.0]);
  // Step 2: the momentum accumulators contain the previous update.
  await run(1);
  closeByType(await varValue(t.sess, slot0), [0.9 * 0.1 + 0.1, 0.9 * 0.1 + 0.1]);
  closeByType(await varValue(t.sess, slot1), [0.9 * 0.01 + 0.01, 0.9 * 0.01 + 0.01]);
  closeByType(await varValue(t.sess, t.var0), [1.0 - 0.1 * 2.0 - (0.9 * 0.1 + 0.1) * 2.0, 2.0 - 0.1 * 2.0 - (0.9 * 0.1 + 0.1) * 2.0]);
  closeByType(await varValue(t.sess, t.var1), [2.98 - (0.9 * 0.01 + 0.01) * 2.0, 3.98 - (0.9 * 0.01 + 0.01) * 2.0]);
  t.sess.close();
}

describe('MomentumOptimizerTest', () => {
  it('testBasic', async () => {
    for (const dtype of FLOAT_DTYPES) {
      const t = await twoVars(dtype, () => new tf.train.MomentumOptimizer({ learning_rate: 2.0, momentum: 0.9 }));
      await twoSteps(t, () => t.sess.run(t.updates[0]!));
    }
  });

  it('testTensorLearningRateAndMomentum', async () => {
    for (const dtype of FLOAT_DTYPES) {
      const t = await twoVars(
        dtype,
        () => new tf.train.MomentumOptimizer({ learning_rate: tf.constant(2.0, tf.float32), momentum: tf.constant(0.9, tf.float32) }),
      );
      await twoSteps(t, () => t.sess.run(t.updates[0]!));
    }
  });

  it('testSharing', async () => {
    for (const dtype of FLOAT_DTYPES) {
      const t = await twoVars(dtype, () => new tf.train.MomentumOptimizer(2.0, 0.9), 2);
      // Step 1 by the first update op, step 2 by the second: they share the accumulators.
      await twoSteps(t, (step) => t.sess.run(t.updates[step]!));
    }
  });

  it('testNesterovMomentum', async () => {
    for (const dtype of FLOAT_DTYPES) {
      const g = new tf.Graph();
      const { var0, var1, optOp, init } = g.as_default(() => {
        const var0 = tf.Variable(tf.constant([1.0, 2.0], dtype));
        const var1 = tf.Variable(tf.constant([3.0, 4.0], dtype));
        const cost = tf.constant(5, dtype).mul(var0.value()).mul(var0.value()).add(tf.constant(3, dtype).mul(var1.value()));
        const global_step = tf.Variable(tf.zeros([], tf.int64), { name: 'global_step' });
        const mom = new tf.train.MomentumOptimizer({ learning_rate: 2.0, momentum: 0.9, use_nesterov: true });
        const optOp = mom.minimize(cost, global_step, [var0, var1]);
        return { var0, var1, optOp, init: tf.global_variables_initializer() };
      });
      const sess = new tf.Session({ graph: g, backend: 'cpu' });
      await sess.run(init);
      let [v0, a0] = [
        [1.0, 2.0],
        [0, 0],
      ];
      let [v1, a1] = [
        [3.0, 4.0],
        [0, 0],
      ];
      for (let step = 1; step < 5; step++) {
        await sess.run(optOp);
        [v0, a0] = nesterov(
          v0,
          a0,
          v0.map((x) => x * 10),
          2.0,
          0.9,
        );
        [v1, a1] = nesterov(v1, a1, [3, 3], 2.0, 0.9);
        assertAllClose(await varValue(sess, var0), v0);
        assertAllClose(await varValue(sess, var1), v1);
      }
      sess.close();
    }
  });

  it('testVariablesAcrossGraphs (ref variables)', () => {
    const optimizer = new tf.train.MomentumOptimizer(0.01, 0.5);
    for (const [a, b] of [
      ['var0', 'var1'],
      ['var2', 'var3'],
    ] as const) {
      const g = new tf.Graph();
      g.as_default(() => {
        const x = tf.Variable(tf.constant([1.0, 2.0], tf.float32), { name: a });
        const y = tf.Variable(tf.constant([3.0, 4.0], tf.float32), { name: b });
        optimizer.minimize(tf.reduce_sum(x.value().add(y.value())));
        const vars = optimizer.variables();
        expect(vars.map((v) => v.name)).toEqual([`${a}/Momentum:0`, `${b}/Momentum:0`]);
      });
    }
  });
});

describe("MomentumOptimizer's graph, as TF1 builds it", () => {
  it('names the slot W/Momentum, initialized by W/Momentum/Initializer/zeros, and updates under Momentum/update_W', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const W = tf.Variable(tf.zeros([3, 2]), { name: 'W' });
      const opt = new tf.train.MomentumOptimizer(0.1, 0.9);
      const train = opt.minimize(tf.reduce_sum(W.value()));
      expect(train.name).toBe('Momentum');
      expect(opt.get_slot(W, 'momentum')!.name).toBe('W/Momentum:0');
      expect(opt.get_slot(W, 'nope')).toBeNull();
      const apply = g.get_operation_by_name('Momentum/update_W/ApplyMomentum');
      expect(apply.inputs.map((t) => t.name)).toEqual(['W:0', 'W/Momentum:0', 'Momentum/learning_rate:0', 'gradients/Sum_grad/Tile:0', 'Momentum/momentum:0']);
      expect(apply.get_attr('use_nesterov')).toBe(false);
      expect(g.get_operation_by_name('W/Momentum/Initializer/zeros').type).toBe('Const');
      expect(tf.global_variables().map((v) => v.name)).toEqual(['W:0', 'W/Momentum:0']);
      // TF1 registers no gradient for ApplyMomentum: differentiating through it is a LookupError.
      expect(() => tf.gradients(apply.outputs[0]!, [apply.inputs[2]!])).toThrow(tf.LookupError);
    });
  });
});
