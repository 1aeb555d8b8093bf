// TF1's tensorflow/python/training/adagrad_test.py, ported (dense float variables; source read: r1.15's copy, whose
// dense cases are r1.12's). TF1's half dtype is left out (tf1-ts has no float16); sparse cases are in
// adagrad_test_sparse.test.ts; resource, eager and dynamic-shape cases are NOT_PORTED. Also: the slot's TF1 name and initializer, and the constructor's ValueError.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { closeByType, expectSlots, FLOAT_DTYPES, twoVars, varValue, type TwoVars } from './optimizer_helpers.js';

/** The values every test expects after three Adagrad steps with learning rate 3 from accumulators of 0.1. */
async function expectThreeSteps(t: TwoVars<tf.train.AdagradOptimizer>): Promise<void> {
  closeByType(await varValue(t.sess, t.var0), [-1.6026098728179932, -0.6026098728179932]);
  closeByType(await varValue(t.sess, t.var1), [2.715679168701172, 3.715679168701172]);
  t.sess.close();
}

describe('AdagradOptimizerTest', () => {
  for (const [name, use_locking] of [
    ['testBasic', false],
    ['testBasicLocked', true],
  ] as const) {
    it(name, async () => {
      for (const dtype of FLOAT_DTYPES) {
        const t = await twoVars(dtype, () => new tf.train.AdagradOptimizer(3.0, { initial_accumulator_value: 0.1, use_locking }));
        // Run 3 steps of adagrad
        for (let i = 0; i < 3; i++) await t.sess.run(t.updates[0]!);
        await expectThreeSteps(t);
      }
    });
  }

  it('testTensorLearningRate', async () => {
    for (const dtype of FLOAT_DTYPES) {
      const t = await twoVars(dtype, () => new tf.train.AdagradOptimizer(tf.constant(3.0, tf.float32), { initial_accumulator_value: 0.1 }));
      for (let i = 0; i < 3; i++) await t.sess.run(t.updates[0]!);
      await expectThreeSteps(t);
    }
  });

  it('testSharing', async () => {
    for (const dtype of FLOAT_DTYPES) {
      // Apply the optimizer twice. Both applications will use the same accums.
      const t = await twoVars(dtype, () => new tf.train.AdagradOptimizer(3.0), 2);
      expectSlots(t, ['accumulator']);
      // Mix the first and the second adagrad for 3 steps.
      for (const k of [0, 1, 0]) await t.sess.run(t.updates[k]!);
      // Validate updated params (the same as with only 1 Adagrad).
      await expectThreeSteps(t);
    }
  });
});

describe("AdagradOptimizer's graph and arguments, as TF1's", () => {
  it('names the slot W/Adagrad, initialized by the constant W/Adagrad/Initializer/Const', async () => {
    const g = new tf.Graph();
    const { opt, W, init } = g.as_default(() => {
      const W = tf.Variable(tf.zeros([2, 3]), { name: 'W' });
      const opt = new tf.train.AdagradOptimizer(0.5, 0.25);
      opt.minimize(tf.reduce_sum(W.value()));
      return { opt, W, init: tf.global_variables_initializer() };
    });
    expect(opt.get_slot(W, 'accumulator')!.name).toBe('W/Adagrad:0');
    expect(g.get_operation_by_name('W/Adagrad/Initializer/Const').type).toBe('Const');
    expect(g.get_operation_by_name('Adagrad/update_W/ApplyAdagrad').get_attr('update_slots')).toBe(true);
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(init);
    closeByType(await varValue(sess, opt.get_slot(W, 'accumulator')), [
      [0.25, 0.25, 0.25],
      [0.25, 0.25, 0.25],
    ]);
    sess.close();
  });

  it('refuses an initial accumulator value that is not positive', () => {
    expect(() => new tf.train.AdagradOptimizer(1.0, 0)).toThrow('initial_accumulator_value must be positive: 0');
  });
});
