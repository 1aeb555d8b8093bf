// TF1's tensorflow/python/training/proximal_adagrad_test.py, ported (dense ref variables; source read: a later
// snapshot, theIArchitecture/tensorflow, whose dense cases and expected values are r1.12's). Sparse cases are in
// proximal_adagrad_test_sparse.test.ts; resource cases are in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose } from './helpers.js';

type Opt = tf.train.Optimizer;

/** TF1's setup: var0, var1 from `init0`, `init1`, gradients [0.1, 0.2] and [0.01, 0.02]; `steps` updates; the values. */
async function run(
  makeOpt: () => Opt,
  init0: number[],
  init1: number[],
  steps: number,
): Promise<{ v0: tf.NDArray; v1: tf.NDArray; opt: Opt; names: string[] }> {
  const g = new tf.Graph();
  const b = g.as_default(() => {
    const var0 = tf.Variable(init0, { dtype: tf.float32 });
    const var1 = tf.Variable(init1, { dtype: tf.float32 });
    const grads0 = tf.constant([0.1, 0.2], tf.float32);
    const grads1 = tf.constant([0.01, 0.02], tf.float32);
    const opt = makeOpt();
    const update = opt.apply_gradients([
      [grads0, var0],
      [grads1, var1],
    ]);
    return { var0, var1, opt, update, init: tf.global_variables_initializer() };
  });
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  try {
    await sess.run(b.init);
    assertAllClose(await sess.run(b.var0.value()), init0);
    assertAllClose(await sess.run(b.var1.value()), init1);
    for (let i = 0; i < steps; i++) await sess.run(b.update);
    const names = g.as_default(() => b.opt.variables().map((v) => v.name));
    return { v0: await sess.run(b.var0.value()), v1: await sess.run(b.var1.value()), opt: b.opt, names };
  } finally {
    sess.close();
  }
}

const proximal =
  (l1: number, l2: number): (() => Opt) =>
  () =>
    new tf.train.ProximalAdagradOptimizer(3.0, { initial_accumulator_value: 0.1, l1_regularization_strength: l1, l2_regularization_strength: l2 });

describe('ProximalAdagradOptimizerTest', () => {
  it('testProximalAdagradwithoutRegularization', async () => {
    // Run 3 steps Proximal Adagrad.
    const { v0, v1, names } = await run(proximal(0.0, 0.0), [0.0, 0.0], [0.0, 0.0], 3);
    assertAllClose(v0, [-2.60260963, -4.29698515]);
    assertAllClose(v1, [-0.28432083, -0.56694895]);
    expect(names).toEqual(['Variable/ProximalAdagrad:0', 'Variable_1/ProximalAdagrad:0']);
  });

  it('testProximalAdagradwithoutRegularization2', async () => {
    const { v0, v1 } = await run(proximal(0.0, 0.0), [1.0, 2.0], [4.0, 3.0], 3);
    assertAllClose(v0, [-1.60261, -2.296985]);
    assertAllClose(v1, [3.715679, 2.433051]);
  });

  it('testProximalAdagradWithL1', async () => {
    // Run 10 steps Proximal Adagrad
    const { v0, v1 } = await run(proximal(0.001, 0.0), [1.0, 2.0], [4.0, 3.0], 10);
    assertAllClose(v0, [-6.663634, -9.190331]);
    assertAllClose(v1, [2.959304, 1.029232]);
  });

  it('testProximalAdagradWithL1_L2', async () => {
    const { v0, v1 } = await run(proximal(0.001, 2.0), [1.0, 2.0], [4.0, 3.0], 10);
    assertAllClose(v0, [-0.0495, -0.0995]);
    assertAllClose(v1, [-0.0045, -0.0095]);
  });

  it('testEquivAdagradwithoutRegularization', async () => {
    const a = await run(proximal(0.0, 0.0), [1.0, 2.0], [3.0, 4.0], 5);
    const b = await run(() => new tf.train.AdagradOptimizer(3.0, { initial_accumulator_value: 0.1 }), [1.0, 2.0], [3.0, 4.0], 5);
    assertAllClose(a.v0, b.v0);
    assertAllClose(a.v1, b.v1);
  });
});

describe("ProximalAdagradOptimizer's graph and arguments, as TF1's", () => {
  it('makes the accumulator W/ProximalAdagrad from a root constant, and ApplyProximalAdagrad under ProximalAdagrad/update_W', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const W = tf.Variable(tf.zeros([2]), { name: 'W' });
      new tf.train.ProximalAdagradOptimizer(0.5).minimize(tf.reduce_sum(W.value()));
      const slot = g.get_operation_by_name('W/ProximalAdagrad');
      expect(slot.type).toBe('VariableV2');
      // reduce_sum's axes took `Const`; the slot's constant is the next at the root.
      expect(g.get_operation_by_name('W/ProximalAdagrad/Assign').inputs[1]!.name).toBe('Const_1:0');
      const update = g.get_operation_by_name('ProximalAdagrad/update_W/ApplyProximalAdagrad');
      expect(update.inputs.slice(0, 5).map((t) => t.name)).toEqual([
        'W:0',
        'W/ProximalAdagrad:0',
        'ProximalAdagrad/learning_rate:0',
        'ProximalAdagrad/l1_regularization_strength:0',
        'ProximalAdagrad/l2_regularization_strength:0',
      ]);
    });
  });

  it('refuses an initial accumulator value that is not positive', () => {
    expect(() => new tf.train.ProximalAdagradOptimizer(1.0, 0)).toThrow('initial_accumulator_value must be positive: 0');
  });
});
