// What the ports of TF1's optimizer tests share (python/training/*_test.py): two variables [1, 2] and [3, 4] with
// constant gradients [0.1, 0.1] and [0.01, 0.01], a CPU session, and NumPy-style reference updates.
import { expect } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, type Value } from './helpers.js';

/** The float dtypes TF1's tests loop over that tf1-ts has (TF1 also runs half). */
export const FLOAT_DTYPES = ['float32', 'float64'] as const;

/** One test's graph: var0, var1, their gradients, the optimizer and its update ops, and a CPU session. */
export interface TwoVars<O extends tf.train.Optimizer> {
  graph: tf.Graph;
  sess: tf.Session;
  var0: tf.RefVariable;
  var1: tf.RefVariable;
  opt: O;
  updates: tf.Operation[];
}

/** TF1's setup: Variables [1, 2] and [3, 4] of `dtype`, gradients [0.1, 0.1] and [0.01, 0.01], `count` apply_gradients. */
export async function twoVars<O extends tf.train.Optimizer>(dtype: tf.DType, makeOpt: () => O, count = 1): Promise<TwoVars<O>> {
  const graph = new tf.Graph();
  const built = graph.as_default(() => {
    const var0 = tf.Variable(tf.constant([1, 2], dtype));
    const var1 = tf.Variable(tf.constant([3, 4], dtype));
    const grads0 = tf.constant([0.1, 0.1], dtype);
    const grads1 = tf.constant([0.01, 0.01], dtype);
    const opt = makeOpt();
    const updates = Array.from({ length: count }, () =>
      opt.apply_gradients([
        [grads0, var0],
        [grads1, var1],
      ]),
    );
    return { var0, var1, opt, updates, init: tf.global_variables_initializer() };
  });
  const sess = new tf.Session({ graph, backend: 'cpu' });
  await sess.run(built.init);
  // Fetch params to validate initial values
  assertAllClose(await sess.run(built.var0.value()), [1, 2]);
  assertAllClose(await sess.run(built.var1.value()), [3, 4]);
  return { graph, sess, ...built };
}

/** The variable's value in the session. */
export const varValue = async (sess: tf.Session, v: tf.RefVariable | null): Promise<tf.NDArray> => sess.run(v!.value());

/** TF1's `assertAllCloseAccordingToType` for float32 and float64 (rtol = atol = 1e-6). */
export const closeByType = (actual: tf.NDArray, expected: Value): void => assertAllClose(actual, expected, { rtol: 1e-6, atol: 1e-6 });

/** The slot checks TF1's tests make: the names, each slot's shape, and that no slot is trainable. */
export function expectSlots(t: TwoVars<tf.train.Optimizer>, names: string[]): void {
  expect(t.opt.get_slot_names()).toEqual(names);
  const trainable = t.graph.as_default(() => tf.trainable_variables());
  for (const name of names) {
    for (const v of [t.var0, t.var1]) {
      const slot = t.opt.get_slot(v, name)!;
      expect(slot.get_shape().as_list()).toEqual(v.get_shape().as_list());
      expect(trainable).not.toContain(slot);
    }
  }
}
