// TF1's tensorflow/python/training/rmsprop_test.py, ported (dense float32 variables, as TF1's _DATA_TYPES less
// half; source read: r1.15's copy, whose dense cases are r1.12's). Sparse cases are in
// rmsprop_test_sparse.test.ts; resource cases are NOT_PORTED.
// Also: the slots' TF1 names in TF1's creation order (rms, mg when centered, momentum).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose } from './helpers.js';
import { closeByType, initialized, twoVars, varValue } from './optimizer_helpers.js';
import { checkFourSteps, TEST_PARAM_VALUES, type State } from './rmsprop_helpers.js';

/** TF1's _rmsprop_update_numpy. */
function rmspropUpdate(s: State, g: number[], lr: number, decay: number, momentum: number, epsilon: number, centered: boolean): State {
  const rms = s.rms.map((r, i) => r * decay + (1 - decay) * g[i]! * g[i]!);
  const mg = centered ? s.mg.map((m, i) => m * decay + (1 - decay) * g[i]!) : s.mg;
  const denom = rms.map((r, i) => r + epsilon - (centered ? mg[i]! * mg[i]! : 0));
  const mom = s.mom.map((m, i) => momentum * m + (lr * g[i]!) / Math.sqrt(denom[i]!));
  return { v: s.v.map((x, i) => x - mom[i]!), mg, rms, mom };
}

describe('RMSPropOptimizerTest', () => {
  it('testDense', async () => {
    for (const [learning_rate, decay, momentum, epsilon, centered, use_resource] of TEST_PARAM_VALUES) {
      if (use_resource) continue;
      const t = await initialized(() => {
        const var0 = tf.Variable(tf.constant([1.0, 2.0], tf.float32));
        const var1 = tf.Variable(tf.constant([3.0, 4.0], tf.float32));
        const grads0 = tf.constant([0.1, 0.2], tf.float32);
        const grads1 = tf.constant([0.01, 0.2], tf.float32);
        const opt = new tf.train.RMSPropOptimizer({ learning_rate, decay, momentum, epsilon, centered });
        const update = opt.apply_gradients([
          [grads0, var0],
          [grads1, var1],
        ]);
        return { var0, var1, opt, update };
      });
      const grads = [
        [0.1, 0.2],
        [0.01, 0.2],
      ];
      await checkFourSteps(t, centered, (s, k) => rmspropUpdate(s, grads[k]!, learning_rate, decay, momentum, epsilon, centered));
    }
  });

  it('testWithoutMomentum', async () => {
    const t = await twoVars('float32', () => new tf.train.RMSPropOptimizer({ learning_rate: 2.0, decay: 0.9, momentum: 0.0, epsilon: 1.0 }));
    const [rms0, rms1] = [t.opt.get_slot(t.var0, 'rms'), t.opt.get_slot(t.var1, 'rms')];
    expect(t.opt.get_slot(t.var0, 'momentum')).not.toBeNull();
    // Step 1: the rms accumulators where 1. So we should see a normal update: v -= grad * learning_rate
    await t.sess.run(t.updates[0]!);
    closeByType(await varValue(t.sess, rms0), [0.901, 0.901]);
    closeByType(await varValue(t.sess, rms1), [0.90001, 0.90001]);
    const d0 = (0.1 * 2.0) / Math.sqrt(0.901 + 1.0);
    const d1 = (0.01 * 2.0) / Math.sqrt(0.90001 + 1.0);
    closeByType(await varValue(t.sess, t.var0), [1.0 - d0, 2.0 - d0]);
    closeByType(await varValue(t.sess, t.var1), [3.0 - d1, 4.0 - d1]);
    // Step 2: the root mean square accumulators contain the previous update.
    await t.sess.run(t.updates[0]!);
    closeByType(await varValue(t.sess, rms0), [0.901 * 0.9 + 0.001, 0.901 * 0.9 + 0.001]);
    closeByType(await varValue(t.sess, rms1), [0.90001 * 0.9 + 1e-5, 0.90001 * 0.9 + 1e-5]);
    const e0 = (0.1 * 2.0) / Math.sqrt(0.901 * 0.9 + 0.001 + 1.0);
    const e1 = (0.01 * 2.0) / Math.sqrt(0.90001 * 0.9 + 1e-5 + 1.0);
    closeByType(await varValue(t.sess, t.var0), [1.0 - d0 - e0, 2.0 - d0 - e0]);
    closeByType(await varValue(t.sess, t.var1), [3.0 - d1 - e1, 4.0 - d1 - e1]);
    t.sess.close();
  });
  it('testWithMomentum', async () => {
    const t = await twoVars('float32', () => new tf.train.RMSPropOptimizer({ learning_rate: 2.0, decay: 0.9, momentum: 0.5, epsilon: 1e-5 }));
    const [rms0, rms1] = [t.opt.get_slot(t.var0, 'rms'), t.opt.get_slot(t.var1, 'rms')];
    const [mom0, mom1] = [t.opt.get_slot(t.var0, 'momentum'), t.opt.get_slot(t.var1, 'momentum')];
    // Step 1: rms = 1, mom = 0. So we should see a normal update: v -= grad * learning_rate
    await t.sess.run(t.updates[0]!);
    closeByType(await varValue(t.sess, rms0), [0.901, 0.901]);
    closeByType(await varValue(t.sess, rms1), [0.90001, 0.90001]);
    const d0 = (0.1 * 2.0) / Math.sqrt(0.901 + 1e-5);
    const d1 = (0.01 * 2.0) / Math.sqrt(0.90001 + 1e-5);
    closeByType(await varValue(t.sess, mom0), [d0, d0]);
    closeByType(await varValue(t.sess, mom1), [d1, d1]);
    closeByType(await varValue(t.sess, t.var0), [1.0 - d0, 2.0 - d0]);
    closeByType(await varValue(t.sess, t.var1), [3.0 - d1, 4.0 - d1]);
    // Step 2: the root mean square accumulators contain the previous update.
    await t.sess.run(t.updates[0]!);
    closeByType(await varValue(t.sess, rms0), [0.901 * 0.9 + 0.001, 0.901 * 0.9 + 0.001]);
    closeByType(await varValue(t.sess, rms1), [0.90001 * 0.9 + 1e-5, 0.90001 * 0.9 + 1e-5]);
    const e0 = 0.5 * d0 + (0.1 * 2.0) / Math.sqrt(0.901 * 0.9 + 0.001 + 1e-5);
    const e1 = 0.5 * d1 + (0.01 * 2.0) / Math.sqrt(0.90001 * 0.9 + 2e-5);
    closeByType(await varValue(t.sess, mom0), [e0, e0]);
    closeByType(await varValue(t.sess, mom1), [e1, e1]);
    closeByType(await varValue(t.sess, t.var0), [1.0 - d0 - e0, 2.0 - d0 - e0]);
    closeByType(await varValue(t.sess, t.var1), [3.0 - d1 - e1, 4.0 - d1 - e1]);
    t.sess.close();
  });
});

describe("RMSPropOptimizer's graph, as TF1 builds it", () => {
  for (const centered of [false, true]) {
    it(`names the slots in TF1's order (centered=${centered}), rms starting at ones`, async () => {
      const g = new tf.Graph();
      const { opt, W, init } = g.as_default(() => {
        const W = tf.Variable(tf.zeros([2]), { name: 'W' });
        const opt = new tf.train.RMSPropOptimizer(0.1, { centered });
        opt.minimize(tf.reduce_sum(W.value()));
        return { opt, W, init: tf.global_variables_initializer() };
      });
      expect(opt.get_slot_names()).toEqual(centered ? ['mg', 'momentum', 'rms'] : ['momentum', 'rms']);
      expect(opt.get_slot(W, 'rms')!.name).toBe('W/RMSProp:0');
      if (centered) expect(opt.get_slot(W, 'mg')!.name).toBe('W/RMSProp_1:0');
      expect(opt.get_slot(W, 'momentum')!.name).toBe(centered ? 'W/RMSProp_2:0' : 'W/RMSProp_1:0');
      const apply = g.get_operation_by_name(`RMSProp/update_W/${centered ? 'ApplyCenteredRMSProp' : 'ApplyRMSProp'}`);
      expect(apply.inputs.map((t) => t.name).slice(-5, -1)).toEqual(['RMSProp/learning_rate:0', 'RMSProp/decay:0', 'RMSProp/momentum:0', 'RMSProp/epsilon:0']);
      // momentum=0.0 is Python's float: a float32 constant, no Cast.
      expect(g.get_operation_by_name('RMSProp/momentum').outputs[0]!.dtype).toBe('float32');
      const sess = new tf.Session({ graph: g, backend: 'cpu' });
      await sess.run(init);
      assertAllClose(await varValue(sess, opt.get_slot(W, 'rms')), [1, 1]);
      sess.close();
    });
  }
});
