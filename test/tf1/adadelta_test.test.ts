// TF1's tensorflow/python/training/adadelta_test.py, ported (dense ref variables; source read: a late-2018
// snapshot, lukeiwanski/tensorflow, whose AdadeltaOptimizerTest is r1.12's). TF1's basic test runs float32 and half
// (use_float64=False); tf1-ts has no half. Resource and sparse cases are in NOT_PORTED.md.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose } from './helpers.js';

describe('AdadeltaOptimizerTest', () => {
  it('testBasic', async () => {
    const numUpdates = 4; // number of ADADELTA steps to perform
    const dtype = tf.float32;
    for (const grad of [0.2, 0.1, 0.01]) {
      for (const lr of [1.0, 0.5, 0.1]) {
        const g = new tf.Graph();
        const var0Init = [1.0, 2.0];
        const var1Init = [3.0, 4.0];
        const rho = 0.95;
        const epsilon = 1e-8;
        const built = g.as_default(() => {
          const var0 = tf.Variable(var0Init, { dtype });
          const var1 = tf.Variable(var1Init, { dtype });
          const grads = tf.constant([grad, grad], dtype);
          // ADADELTA gradient optimizer
          const opt = new tf.train.AdadeltaOptimizer(lr, rho, epsilon);
          const update = opt.apply_gradients([
            [grads, var0],
            [grads, var1],
          ]);
          return { var0, var1, opt, update, init: tf.global_variables_initializer(), trainable: tf.trainable_variables() };
        });
        const { var0, var1, opt } = built;
        const sess = new tf.Session({ graph: g, backend: 'cpu' });
        await sess.run(built.init);
        // Assign slots
        expect(opt.get_slot_names()).toEqual(['accum', 'accum_update']);
        const slot = [opt.get_slot(var0, 'accum')!, opt.get_slot(var1, 'accum')!];
        const slotUpdate = [opt.get_slot(var0, 'accum_update')!, opt.get_slot(var1, 'accum_update')!];
        for (const [i, v] of [var0, var1].entries()) {
          for (const s of [slot[i]!, slotUpdate[i]!]) {
            expect(s.get_shape().as_list()).toEqual(v.get_shape().as_list());
            expect(built.trainable).not.toContain(s);
          }
        }
        // Fetch params to validate initial values
        assertAllClose(await sess.run(var0.value()), var0Init);
        assertAllClose(await sess.run(var1.value()), var1Init);
        let accum = 0.0;
        let accumUpdate = 0.0;
        let totUpdate = 0;
        // assertAllCloseAccordingToType(..., rtol=1e-3) for float32: rtol 1e-3, atol 1e-6.
        const close = { rtol: 1e-3, atol: 1e-6 };
        for (let step = 0; step < numUpdates; step++) {
          // Run adadelta update for comparison
          await sess.run(built.update);
          // Perform initial update without previous accum values
          accum = accum * rho + grad ** 2 * (1 - rho);
          const update = Math.sqrt(accumUpdate + epsilon) * (1 / Math.sqrt(accum + epsilon)) * grad;
          accumUpdate = accumUpdate * rho + update ** 2 * (1.0 - rho);
          totUpdate += update * lr;
          // Check that the accumulators have been updated
          for (let i = 0; i < 2; i++) {
            assertAllClose(await sess.run(slot[i]!.value()), [accum, accum], close);
            assertAllClose(await sess.run(slotUpdate[i]!.value()), [accumUpdate, accumUpdate], close);
          }
          // Check that the parameters have been updated
          assertAllClose(await sess.run(var0.value()), [var0Init[0]! - totUpdate, var0Init[1]! - totUpdate], close);
          assertAllClose(await sess.run(var1.value()), [var1Init[0]! - totUpdate, var1Init[1]! - totUpdate], close);
        }
        sess.close();
      }
    }
  });
});

describe("AdadeltaOptimizer's graph, as TF1's", () => {
  it('names its slots W/Adadelta and W/Adadelta_1, its hyperparameters lr, rho, epsilon, its update Adadelta/update_W/ApplyAdadelta', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const W = tf.Variable(tf.zeros([2, 3]), { name: 'W' });
      const opt = new tf.train.AdadeltaOptimizer();
      opt.minimize(tf.reduce_sum(W.value()));
      expect(opt.get_slot(W, 'accum')!.name).toBe('W/Adadelta:0');
      expect(opt.get_slot(W, 'accum_update')!.name).toBe('W/Adadelta_1:0');
      const update = g.get_operation_by_name('Adadelta/update_W/ApplyAdadelta');
      // math_ops.cast of a float32 to float32 is the tensor itself, so the float32 hyperparameters are inputs as they are.
      expect(update.inputs.map((t) => t.name)).toEqual([
        'W:0',
        'W/Adadelta:0',
        'W/Adadelta_1:0',
        'Adadelta/lr:0',
        'Adadelta/rho:0',
        'Adadelta/epsilon:0',
        expect.stringMatching(/^gradients/),
      ]);
    });
  });
});
