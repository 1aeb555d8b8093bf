// TF1 r1.12's tensorflow/python/training/rmsprop_test.py, its sparse case ported: testSparse (IndexedSlices
// gradients through RMSPropOptimizer's _apply_sparse, SparseApplyRMSProp or SparseApplyCenteredRMSProp), over every
// row of _TEST_PARAM_VALUES (testSparse builds ref variables whatever a row's use_resource says), in float32 (TF1's
// _DATA_TYPES less half). testMinimizeSparseResourceVariable(Centered) are NOT_PORTED (resource variables,
// embedding_lookup).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose } from './helpers.js';
import { closeByType, initialized, slices } from './optimizer_helpers.js';

// learning_rate, decay, momentum, epsilon, centered (TF1's _TEST_PARAM_VALUES, use_resource dropped)
const TEST_PARAM_VALUES: [number, number, number, number, boolean][] = [
  [0.5, 0.9, 0.0, 1e-3, true],
  [0.5, 0.9, 0.0, 1e-3, false],
  [0.5, 0.9, 0.0, 1e-3, true],
  [0.5, 0.9, 0.0, 1e-3, false],
  [0.1, 0.9, 0.0, 1e-3, true],
  [0.5, 0.95, 0.0, 1e-3, false],
  [0.5, 0.95, 0.0, 1e-5, true],
  [0.5, 0.95, 0.9, 1e-5, true],
];

interface State {
  v: number[];
  mg: number[];
  rms: number[];
  mom: number[];
}

/** TF1's _sparse_rmsprop_update_numpy: the update at each index of `gindexs`, the other elements kept. */
function sparseRmspropUpdate(
  s: State,
  gindexs: number[],
  gvalues: number[],
  lr: number,
  decay: number,
  momentum: number,
  epsilon: number,
  centered: boolean,
): State {
  const t = { v: [...s.v], mg: [...s.mg], rms: [...s.rms], mom: [...s.mom] };
  gindexs.forEach((k, i) => {
    const g = gvalues[i]!;
    t.rms[k] = s.rms[k]! * decay + (1 - decay) * g * g;
    let denom = t.rms[k]! + epsilon;
    if (centered) {
      t.mg[k] = t.mg[k]! * decay + (1 - decay) * g;
      denom -= t.mg[k]! * t.mg[k]!;
    }
    t.mom[k] = momentum * s.mom[k]! + (lr * g) / Math.sqrt(denom);
    t.v[k] = s.v[k]! - t.mom[k]!;
  });
  return t;
}

describe('RMSPropOptimizerTest (sparse)', () => {
  it('testSparse', async () => {
    for (const [learning_rate, decay, momentum, epsilon, centered] of TEST_PARAM_VALUES) {
      const t = await initialized(() => {
        const var0 = tf.Variable(tf.constant([1.0, 2.0], tf.float32));
        const var1 = tf.Variable(tf.constant([3.0, 4.0], tf.float32));
        const grads0 = slices([0.1], [0], [1], tf.float32);
        const grads1 = slices([0.01], [1], [1], tf.float32);
        const opt = new tf.train.RMSPropOptimizer({ learning_rate, decay, momentum, epsilon, centered });
        const update = opt.apply_gradients([
          [grads0, var0],
          [grads1, var1],
        ]);
        return { var0, var1, opt, update };
      });
      const slot = (v: tf.RefVariable, name: string) => t.opt.get_slot(v, name);
      expect(slot(t.var0, 'mg') !== null).toBe(centered);
      expect(slot(t.var1, 'mg') !== null).toBe(centered);
      for (const v of [t.var0, t.var1]) for (const name of ['rms', 'momentum']) expect(slot(v, name)).not.toBeNull();
      const start = (v: number[]): State => ({ v, mg: [0, 0], rms: [1, 1], mom: [0, 0] });
      let s0 = start([1.0, 2.0]);
      let s1 = start([3.0, 4.0]);
      // Fetch params to validate initial values
      assertAllClose(await t.sess.run(t.var0.value()), [1.0, 2.0]);
      assertAllClose(await t.sess.run(t.var1.value()), [3.0, 4.0]);
      // Run 4 steps of RMSProp
      for (let step = 1; step < 5; step++) {
        await t.sess.run(t.update);
        s0 = sparseRmspropUpdate(s0, [0], [0.1], learning_rate, decay, momentum, epsilon, centered);
        s1 = sparseRmspropUpdate(s1, [1], [0.01], learning_rate, decay, momentum, epsilon, centered);
        // Validate updated params
        for (const [v, s] of [
          [t.var0, s0],
          [t.var1, s1],
        ] as const) {
          if (centered) closeByType(await t.sess.run(slot(v, 'mg')!.value()), s.mg);
          closeByType(await t.sess.run(slot(v, 'rms')!.value()), s.rms);
          closeByType(await t.sess.run(slot(v, 'momentum')!.value()), s.mom);
          closeByType(await t.sess.run(v.value()), s.v);
        }
      }
      t.sess.close();
    }
  });
});
