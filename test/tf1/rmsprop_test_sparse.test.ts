// TF1 r1.12's tensorflow/python/training/rmsprop_test.py, its sparse case ported: testSparse (IndexedSlices
// gradients through RMSPropOptimizer's _apply_sparse, SparseApplyRMSProp or SparseApplyCenteredRMSProp), over every
// row of _TEST_PARAM_VALUES (testSparse builds ref variables whatever a row's use_resource says), in float32 (TF1's
// _DATA_TYPES less half). testMinimizeSparseResourceVariable(Centered) are NOT_PORTED (resource variables,
// embedding_lookup).
import { describe, it } from 'vitest';
import * as tf from '../../src/index.js';
import { initialized, slices } from './optimizer_helpers.js';
import { checkFourSteps, TEST_PARAM_VALUES, type State } from './rmsprop_helpers.js';

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
      const gvalues = [0.1, 0.01];
      await checkFourSteps(t, centered, (s, k) => sparseRmspropUpdate(s, [k], [gvalues[k]!], learning_rate, decay, momentum, epsilon, centered));
    }
  });
});
