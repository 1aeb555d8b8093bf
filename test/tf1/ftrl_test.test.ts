// TF1's tensorflow/python/training/ftrl_test.py, ported (dense ref variables, float32: TF1 loops over half and
// float32; source read: the snapshot with cached_session and sess.run, r1.12's era, whose expected values the r1.12
// ApplyFtrlV2 kernel gives). Sparse cases are in ftrl_test_sparse.test.ts; resource cases
// are in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { closeByType } from './optimizer_helpers.js';

type Opt = tf.train.Optimizer;

/**
 * TF1's setup (and its `applyOptimizer`): var0, var1 from `init0`, `init1`, gradients [0.1, 0.2] and [0.01, 0.02],
 * `steps` updates of one apply_gradients; the variables' values.
 */
async function run(makeOpt: () => Opt, init0: number[], init1: number[], steps: number): Promise<{ v0: tf.NDArray; v1: tf.NDArray }> {
  const g = new tf.Graph();
  const b = g.as_default(() => {
    const var0 = tf.Variable(init0, { dtype: tf.float32 });
    const var1 = tf.Variable(init1, { dtype: tf.float32 });
    const grads0 = tf.constant([0.1, 0.2], tf.float32);
    const grads1 = tf.constant([0.01, 0.02], tf.float32);
    const update = makeOpt().apply_gradients([
      [grads0, var0],
      [grads1, var1],
    ]);
    return { var0, var1, update, init: tf.global_variables_initializer() };
  });
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  try {
    await sess.run(b.init);
    closeByType(await sess.run(b.var0.value()), init0);
    closeByType(await sess.run(b.var1.value()), init1);
    for (let i = 0; i < steps; i++) await sess.run(b.update);
    return { v0: await sess.run(b.var0.value()), v1: await sess.run(b.var1.value()) };
  } finally {
    sess.close();
  }
}

const ftrl =
  (l1: number, l2: number, more: { learning_rate_power?: number; l2_shrinkage_regularization_strength?: number } = {}): (() => Opt) =>
  () =>
    new tf.train.FtrlOptimizer(3.0, { initial_accumulator_value: 0.1, l1_regularization_strength: l1, l2_regularization_strength: l2, ...more });

describe('FtrlOptimizerTest', () => {
  it('testFtrlWithoutRegularization', async () => {
    // Run 3 steps FTRL
    const { v0, v1 } = await run(ftrl(0.0, 0.0), [0.0, 0.0], [0.0, 0.0], 3);
    closeByType(v0, [-2.60260963, -4.29698515]);
    closeByType(v1, [-0.28432083, -0.56694895]);
  });

  it('testFtrlwithoutRegularization2', async () => {
    const { v0, v1 } = await run(ftrl(0.0, 0.0), [1.0, 2.0], [4.0, 3.0], 3);
    closeByType(v0, [-2.55607247, -3.98729396]);
    closeByType(v1, [-0.28232238, -0.56096673]);
  });

  it('testFtrlWithL1', async () => {
    // Run 10 steps FTRL
    const { v0, v1 } = await run(ftrl(0.001, 0.0), [1.0, 2.0], [4.0, 3.0], 10);
    closeByType(v0, [-7.66718769, -10.91273689]);
    closeByType(v1, [-0.93460727, -1.86147261]);
  });

  it('testFtrlWithL1_L2', async () => {
    const { v0, v1 } = await run(ftrl(0.001, 2.0), [1.0, 2.0], [4.0, 3.0], 10);
    closeByType(v0, [-0.24059935, -0.46829352]);
    closeByType(v1, [-0.02406147, -0.04830509]);
  });

  it('testFtrlWithL1_L2_L2Shrinkage', async () => {
    // The shrinkage places a constant pressure on weights towards the origin.
    const { v0, v1 } = await run(ftrl(0.001, 2.0, { l2_shrinkage_regularization_strength: 0.1 }), [1.0, 2.0], [4.0, 3.0], 10);
    closeByType(v0, [-0.22578995, -0.44345796]);
    closeByType(v1, [-0.14378493, -0.13229476]);
  });

  it('testFtrlWithL2ShrinkageDoesNotChangeLrSchedule', async () => {
    const g = new tf.Graph();
    const b = g.as_default(() => {
      const var0 = tf.Variable([1.0, 2.0], { dtype: tf.float32 });
      const var1 = tf.Variable([1.0, 2.0], { dtype: tf.float32 });
      const grads0 = tf.constant([0.1, 0.2], tf.float32);
      const grads1 = tf.constant([0.1, 0.2], tf.float32);
      const opt0 = ftrl(0.001, 2.0, { l2_shrinkage_regularization_strength: 0.1 })();
      const opt1 = ftrl(0.001, 2.0)();
      const update0 = opt0.apply_gradients([[grads0, var0]]);
      const update1 = opt1.apply_gradients([[grads1, var1]]);
      return { var0, var1, opt0, opt1, update0, update1, init: tf.global_variables_initializer() };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(b.init);
    closeByType(await sess.run(b.var0.value()), [1.0, 2.0]);
    closeByType(await sess.run(b.var1.value()), [1.0, 2.0]);
    // Run 10 steps FTRL
    for (let i = 0; i < 10; i++) {
      await sess.run(b.update0);
      await sess.run(b.update1);
    }
    const [v0, v1] = await sess.run([b.var0.value(), b.var1.value()]);
    // var0 is experiencing L2 shrinkage so it should be smaller than var1 in magnitude.
    for (let i = 0; i < 2; i++) expect(v0!.data[i]! ** 2).toBeLessThan(v1!.data[i]! ** 2);
    const accum0 = await sess.run(b.opt0.get_slot(b.var0, 'accum')!.value());
    const accum1 = await sess.run(b.opt1.get_slot(b.var1, 'accum')!.value());
    // L2 shrinkage should not change how we update grad accumulator.
    closeByType(accum0, accum1);
    expect(g.get_operation_by_name('Ftrl/update_Variable/ApplyFtrlV2').type).toBe('ApplyFtrlV2');
    expect(g.get_operation_by_name('Ftrl_1/update_Variable_1/ApplyFtrl').type).toBe('ApplyFtrl');
    sess.close();
  });

  // With variables initialized to zero and no L1 and L2, FTRL-Proximal is Adagrad with the adaptive learning rate
  // (learning_rate_power −0.5) and gradient descent with a fixed one (learning_rate_power 0).
  it('testEquivAdagradwithoutRegularization', async () => {
    const a = await run(ftrl(0.0, 0.0, { learning_rate_power: -0.5 }), [0.0, 0.0], [0.0, 0.0], 5);
    const b = await run(() => new tf.train.AdagradOptimizer(3.0, { initial_accumulator_value: 0.1 }), [0.0, 0.0], [0.0, 0.0], 5);
    closeByType(a.v0, b.v0);
    closeByType(a.v1, b.v1);
  });

  it('testEquivGradientDescentwithoutRegularization', async () => {
    const a = await run(ftrl(0.0, 0.0, { learning_rate_power: -0.0 }), [0.0, 0.0], [0.0, 0.0], 5);
    const b = await run(() => new tf.train.GradientDescentOptimizer(3.0), [0.0, 0.0], [0.0, 0.0], 5);
    closeByType(a.v0, b.v0);
    closeByType(a.v1, b.v1);
  });
});

describe("FtrlOptimizer's graph, arguments and checks, as TF1's", () => {
  it('makes accum W/Ftrl from a root constant and linear W/Ftrl_1 of zeros, and ApplyFtrl under Ftrl/update_W', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const W = tf.Variable(tf.zeros([2]), { name: 'W' });
      const opt = new tf.train.FtrlOptimizer(0.5);
      opt.minimize(tf.reduce_sum(W.value()));
      expect(opt.get_slot_names()).toEqual(['accum', 'linear']);
      expect(opt.get_slot(W, 'accum')!.name).toBe('W/Ftrl:0');
      expect(opt.get_slot(W, 'linear')!.name).toBe('W/Ftrl_1:0');
      // reduce_sum's axes took `Const`; the accumulator's constant is the next at the root.
      expect(g.get_operation_by_name('W/Ftrl/Assign').inputs[1]!.name).toBe('Const_1:0');
      expect(g.get_operation_by_name('W/Ftrl_1/Initializer/zeros').type).toBe('Const');
      const update = g.get_operation_by_name('Ftrl/update_W/ApplyFtrl');
      expect(update.inputs.map((t) => t.name)).toEqual([
        'W:0',
        'W/Ftrl:0',
        'W/Ftrl_1:0',
        'gradients/Sum_grad/Tile:0',
        'Ftrl/learning_rate:0',
        'Ftrl/l1_regularization_strength:0',
        'Ftrl/l2_regularization_strength:0',
        'Ftrl/learning_rate_power:0',
      ]);
      // The shrinkage's tensor is made even where ApplyFtrl does not take it, as TF1's _prepare makes it.
      expect(g.get_operation_by_name('Ftrl/l2_shrinkage_regularization_strength').type).toBe('Const');
    });
  });

  it('names the slots after accum_name and linear_name, and takes ApplyFtrlV2 with a positive shrinkage', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const W = tf.Variable(tf.zeros([2, 3]), { name: 'W' });
      const opt = new tf.train.FtrlOptimizer(0.5, { accum_name: 'acc', linear_name: 'lin', l2_shrinkage_regularization_strength: 0.5 });
      opt.minimize(tf.reduce_sum(W.value()));
      expect(opt.get_slot(W, 'accum')!.name).toBe('W/acc:0');
      expect(opt.get_slot(W, 'linear')!.name).toBe('W/lin:0');
      expect(opt.get_slot(W, 'linear')!.get_shape().as_list()).toEqual([2, 3]);
      const update = g.get_operation_by_name('Ftrl/update_W/ApplyFtrlV2');
      expect(update.inputs[7]!.name).toBe('Ftrl/l2_shrinkage_regularization_strength:0');
      expect(update.inputs[8]!.name).toBe('Ftrl/learning_rate_power:0');
    });
  });

  it("refuses out-of-range hyperparameters with TF1's ValueErrors", () => {
    const make = (kw: Record<string, number>) => () => new tf.train.FtrlOptimizer(1.0, kw);
    expect(make({ initial_accumulator_value: -0.1 })).toThrow('initial_accumulator_value -0.100000 needs to be positive or zero');
    expect(make({ learning_rate_power: 0.5 })).toThrow('learning_rate_power 0.500000 needs to be negative or zero');
    expect(make({ l1_regularization_strength: -1 })).toThrow('l1_regularization_strength -1.000000 needs to be positive or zero');
    expect(make({ l2_regularization_strength: -2 })).toThrow('l2_regularization_strength -2.000000 needs to be positive or zero');
    expect(make({ l2_shrinkage_regularization_strength: -3 })).toThrow('l2_shrinkage_regularization_strength -3.000000 needs to be positive or zero');
    // Zero is allowed for the accumulator, as r1.12 allows it.
    expect(make({ initial_accumulator_value: 0 })).not.toThrow();
  });

  it("checks the learning rate's value in the kernel (TF1's ApplyFtrlOp), leaving the variable as it was", async () => {
    const g = new tf.Graph();
    const b = g.as_default(() => {
      const W = tf.Variable([1.0, 2.0], { name: 'W', dtype: tf.float32 });
      const lr = tf.placeholder(tf.float32, []);
      const update = new tf.train.FtrlOptimizer(lr).minimize(tf.reduce_sum(W.value()));
      return { W, lr, update, init: tf.global_variables_initializer() };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(b.init);
    const feed = (v: number) => new Map([[b.lr, new tf.NDArray(Float32Array.of(v), [], 'float32')]]);
    await expect(sess.run(b.update, feed(0))).rejects.toThrow(tf.errors.InvalidArgumentError);
    await expect(sess.run(b.update, feed(0))).rejects.toThrow('lr is not a positive scalar: []');
    closeByType(await sess.run(b.W.value()), [1.0, 2.0]);
    await sess.run(b.update, feed(1));
    expect(Array.from((await sess.run(b.W.value())).data)).not.toEqual([1, 2]);
    sess.close();
  });

  it('updates float64 variables in float64', async () => {
    const g = new tf.Graph();
    const b = g.as_default(() => {
      const v = tf.Variable(tf.constant([1, 2], tf.float64));
      const update = new tf.train.FtrlOptimizer(3.0, { l1_regularization_strength: 0.001 }).apply_gradients([[tf.constant([0.1, 0.2], tf.float64), v]]);
      return { v, update, init: tf.global_variables_initializer() };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(b.init);
    await sess.run(b.update);
    const v = await sess.run(b.v.value());
    expect(v.dtype).toBe('float64');
    // One step by hand (l1 is float32 0.001 cast to float64, as TF1 casts it): n = 0.1 + g², linear = g − (√n − √0.1)/3·var,
    // var = (l1·sign(linear) − linear)/(√n/3).
    const expected = [0.1, 0.2].map((gi, i) => {
      const n = 0.1 + gi * gi;
      const lin = gi - ((Math.sqrt(n) - Math.sqrt(0.1)) / 3) * (i + 1);
      return (Math.fround(0.001) * Math.sign(lin) - lin) / (Math.sqrt(n) / 3);
    });
    expect(Array.from(v.data)).toEqual(expected);
    sess.close();
  });
});
