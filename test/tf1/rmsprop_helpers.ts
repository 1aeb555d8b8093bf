// What the ports of TF1's rmsprop_test.py share (rmsprop_test.test.ts's testDense, rmsprop_test_sparse.test.ts's
// testSparse): TF1's parameter rows, the NumPy-style state, and the checks both tests make around 4 steps.
import { expect } from 'vitest';
import type * as tf from '../../src/index.js';
import { assertAllClose } from './helpers.js';
import { closeByType, varValue } from './optimizer_helpers.js';

/**
 * TF1's _TEST_PARAM_VALUES: learning_rate, decay, momentum, epsilon, centered, use_resource. testDense builds resource
 * variables on a use_resource row (not ported: those rows are left out); testSparse builds ref variables on every row.
 */
export const TEST_PARAM_VALUES: [number, number, number, number, boolean, boolean][] = [
  [0.5, 0.9, 0.0, 1e-3, true, false],
  [0.5, 0.9, 0.0, 1e-3, false, false],
  [0.5, 0.9, 0.0, 1e-3, true, true],
  [0.5, 0.9, 0.0, 1e-3, false, true],
  [0.1, 0.9, 0.0, 1e-3, true, false],
  [0.5, 0.95, 0.0, 1e-3, false, false],
  [0.5, 0.95, 0.0, 1e-5, true, false],
  [0.5, 0.95, 0.9, 1e-5, true, false],
];

/** A variable and its slots as TF1's NumPy reference tracks them. */
export interface State {
  v: number[];
  mg: number[];
  rms: number[];
  mom: number[];
}

/** One test's graph: var0 [1, 2] and var1 [3, 4], the optimizer, its update op, in a CPU session. */
export interface RmspropRun {
  sess: tf.Session;
  opt: tf.train.RMSPropOptimizer;
  var0: tf.RefVariable;
  var1: tf.RefVariable;
  update: tf.Operation;
}

/**
 * TF1's checks around 4 steps of `update`: the slots exist (mg only when centered), the variables start at [1, 2]
 * and [3, 4], and after each step the slots and variables equal the states `next` makes from the previous ones
 * (`k`: var0 or var1), starting with rms at ones and the rest zeros.
 */
export async function checkFourSteps(t: RmspropRun, centered: boolean, next: (s: State, k: 0 | 1) => State): Promise<void> {
  const { sess, opt, var0, var1 } = t;
  expect(opt.get_slot(var0, 'mg') !== null).toBe(centered);
  expect(opt.get_slot(var1, 'mg') !== null).toBe(centered);
  for (const v of [var0, var1]) for (const name of ['rms', 'momentum']) expect(opt.get_slot(v, name)).not.toBeNull();
  const start = (v: number[]): State => ({ v, mg: [0, 0], rms: [1, 1], mom: [0, 0] });
  const states = [start([1.0, 2.0]), start([3.0, 4.0])];
  // Fetch params to validate initial values
  assertAllClose(await varValue(sess, var0), [1.0, 2.0]);
  assertAllClose(await varValue(sess, var1), [3.0, 4.0]);
  // Run 4 steps of RMSProp
  for (let step = 1; step < 5; step++) {
    await sess.run(t.update);
    for (const k of [0, 1] as const) {
      const s = (states[k] = next(states[k]!, k));
      const v = k === 0 ? var0 : var1;
      // Validate updated params
      if (centered) closeByType(await varValue(sess, opt.get_slot(v, 'mg')), s.mg);
      closeByType(await varValue(sess, opt.get_slot(v, 'rms')), s.rms);
      closeByType(await varValue(sess, opt.get_slot(v, 'momentum')), s.mom);
      closeByType(await varValue(sess, v), s.v);
    }
  }
  sess.close();
}
