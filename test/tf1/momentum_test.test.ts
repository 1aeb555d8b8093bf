// TF1's tensorflow/python/training/momentum_test.py, ported (dense float variables; source read: r1.15's copy, whose
// dense cases are r1.12's). TF1's half dtype is left out (tf1-ts has no float16); sparse cases are in
// momentum_test_sparse.test.ts; resource cases are NOT_PORTED. Also: the slot variables' TF1 names, and that ApplyMomentum has no gradient.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose } from './helpers.js';
import { closeByType, expectSlots, FLOAT_DTYPES, nesterov, twoVars, varValue } from './optimizer_helpers.js';

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

  it('testLikeDistBeliefMom01', async () => {
    // TF1's _dbParamsMom01: dist-belief's momentum values, learning rate 0.1 and momentum 0.1, from 0.0.
    const dbGrad = [
      [0.00096264342, 0.17914793, 0.93945462, 0.41396621, 0.53037018, 0.93197989, 0.78648776, 0.50036013, 0.55345792, 0.96722615],
      [0.17075552, 0.88821375, 0.20873757, 0.25236958, 0.57578111, 0.15312378, 0.5513742, 0.94687688, 0.16012503, 0.22159521],
      [0.35077485, 0.47304362, 0.44412705, 0.44368884, 0.078527533, 0.81223965, 0.31168157, 0.43203235, 0.16792089, 0.24644311],
      [0.9694621, 0.75035888, 0.28171822, 0.83813518, 0.53807181, 0.3728098, 0.81454384, 0.03848977, 0.89759839, 0.93665648],
      [0.38578293, 0.8536852, 0.88722926, 0.66276771, 0.13678469, 0.94036359, 0.69107032, 0.81897682, 0.5433259, 0.67860287],
      [0.27885768, 0.76100707, 0.24625534, 0.81354135, 0.18959245, 0.48038563, 0.84163809, 0.41172323, 0.83259648, 0.44941229],
      [0.27233034, 0.056316052, 0.5039115, 0.24105175, 0.35697976, 0.75913221, 0.73577434, 0.16014607, 0.57500273, 0.071136251],
      [0.58697265, 0.2494842, 0.08106143, 0.39954534, 0.15892942, 0.12683646, 0.74053431, 0.16033, 0.66625422, 0.73515922],
      [0.8215279, 0.41994119, 0.95172721, 0.68000203, 0.79439718, 0.43384039, 0.55561525, 0.22567581, 0.93331909, 0.29438227],
      [0.68297005, 0.67758518, 0.1748755, 0.13266537, 0.70697063, 0.055731893, 0.68593478, 0.50580865, 0.12602448, 0.093537711],
    ];
    const dbOut = [
      [-9.6264346e-5, -0.017914793, -0.093945466, -0.041396622, -0.053037018, -0.093197994, -0.078648776, -0.050036013, -0.055345792, -0.096722618],
      [-0.017181443, -0.10852765, -0.12421377, -0.070773244, -0.11591884, -0.11783017, -0.14165108, -0.14972731, -0.076892875, -0.1285544],
      [-0.053967446, -0.1648933, -0.1716533, -0.1180798, -0.13005978, -0.20151734, -0.17911947, -0.20289968, -0.095839672, -0.15638189],
      [-0.15459226, -0.24556576, -0.20456907, -0.20662397, -0.18528105, -0.24716705, -0.2643207, -0.21206589, -0.18749419, -0.2528303],
      [-0.20323303, -0.33900154, -0.29658359, -0.28175515, -0.20448165, -0.34576839, -0.34194785, -0.29488021, -0.25099224, -0.33033544],
      [-0.23598288, -0.42444581, -0.33041057, -0.3706224, -0.22536094, -0.40366709, -0.43387437, -0.34433398, -0.34060168, -0.38302717],
      [-0.26649091, -0.43862185, -0.38418442, -0.40361428, -0.26314685, -0.48537019, -0.51664448, -0.36529395, -0.40706289, -0.39540997],
      [-0.32823896, -0.46498787, -0.39766794, -0.446868, -0.28281838, -0.50622416, -0.59897494, -0.38342294, -0.48033443, -0.47016418],
      [-0.41656655, -0.50961858, -0.49418902, -0.51919359, -0.36422527, -0.55169362, -0.6627695, -0.40780342, -0.58099347, -0.50707781],
      [-0.49369633, -0.58184016, -0.52132869, -0.5396927, -0.44306302, -0.56181377, -0.73774242, -0.46082234, -0.60366184, -0.52012295],
    ];
    const g = new tf.Graph();
    const { var0, grads0, update, init } = g.as_default(() => {
      const var0 = tf.Variable(tf.zeros([10]));
      const grads0 = tf.zeros([10]);
      const update = new tf.train.MomentumOptimizer({ learning_rate: 0.1, momentum: 0.1 }).apply_gradients([[grads0, var0]]);
      return { var0, grads0, update, init: tf.global_variables_initializer() };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await sess.run(init);
    for (let i = 0; i < dbGrad.length; i++) {
      await sess.run(update, new Map([[grads0, new tf.NDArray(Float32Array.from(dbGrad[i]!), [10], 'float32')]]));
      assertAllClose(await varValue(sess, var0), dbOut[i]!);
    }
    sess.close();
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
