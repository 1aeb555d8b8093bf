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

/** TF1's _update_nesterov_momentum_numpy. */
export function nesterov(v: number[], accum: number[], g: number[], lr: number, momentum: number): [number[], number[]] {
  const a = accum.map((x, i) => x * momentum + g[i]!);
  return [v.map((x, i) => x + accum[i]! * lr * momentum - lr * a[i]! - a[i]! * lr * momentum), a];
}

/** TF1's adam_update_numpy. */
export function adamUpdate(param: number[], g: number[], t: number, m: number[], v: number[], alpha = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8) {
  const alphaT = (alpha * Math.sqrt(1 - beta2 ** t)) / (1 - beta1 ** t);
  const mT = m.map((x, i) => beta1 * x + (1 - beta1) * g[i]!);
  const vT = v.map((x, i) => beta2 * x + (1 - beta2) * g[i]! * g[i]!);
  return { param: param.map((p, i) => p - (alphaT * mT[i]!) / (Math.sqrt(vT[i]!) + epsilon)), m: mT, v: vT };
}

/** A fresh graph's built values, its variables initialized, and a CPU session on it (TF1's `with self.cached_session():` and `global_variables_initializer().run()`). */
export async function initialized<T extends object>(build: () => T): Promise<T & { graph: tf.Graph; sess: tf.Session }> {
  const graph = new tf.Graph();
  const built = graph.as_default(() => ({ ...build(), init: tf.global_variables_initializer() }));
  const sess = new tf.Session({ graph, backend: 'cpu' });
  await sess.run(built.init);
  return { ...built, graph, sess };
}

/** TF1's `ops.IndexedSlices(constant(values, dtype), constant(indices), constant(dense_shape))`. */
export const slices = (values: Value, indices: number[], dense_shape: number[], dtype: tf.DType): tf.IndexedSlices =>
  new tf.IndexedSlices(tf.constant(values as never, dtype), tf.constant(indices), tf.constant(dense_shape));

/** Row `i` of a variable's value (TF1's `var.eval()[i]`). */
export const rowOf = (a: tf.NDArray, i: number): tf.NDArray => {
  const inner = a.size / a.shape[0]!;
  const out = tf.NDArray.zeros(a.shape.slice(1), 'float64');
  out.data.set(a.data.subarray(i * inner, (i + 1) * inner));
  return out;
};

/**
 * The sparse half of TF1's `applyOptimizer(opt, ..., is_sparse=True)` (ftrl_test.py, proximal_adagrad_test.py):
 * variables [[a], [b]] from `init0` and `init1`, gradients IndexedSlices([[0.1]] at row 0) and ([[0.02]] at row 1)
 * of dense shape [2, 1], `steps` updates; the variables' values after them.
 */
export async function applySparse(
  opt: tf.train.Optimizer,
  dtype: tf.DType,
  init0: number[][],
  init1: number[][],
  steps = 5,
): Promise<[tf.NDArray, tf.NDArray]> {
  const t = await initialized(() => {
    const var0 = tf.Variable(tf.constant(init0, dtype));
    const var1 = tf.Variable(tf.constant(init1, dtype));
    const grads0 = new tf.IndexedSlices(tf.constant([0.1], dtype, [1, 1]), tf.constant([0]), tf.constant([2, 1]));
    const grads1 = new tf.IndexedSlices(tf.constant([0.02], dtype, [1, 1]), tf.constant([1]), tf.constant([2, 1]));
    const update = opt.apply_gradients([
      [grads0, var0],
      [grads1, var1],
    ]);
    return { var0, var1, update };
  });
  closeByType(await t.sess.run(t.var0.value()), init0);
  closeByType(await t.sess.run(t.var1.value()), init1);
  for (let i = 0; i < steps; i++) await t.sess.run(t.update);
  const [v0, v1] = await t.sess.run([t.var0.value(), t.var1.value()]);
  t.sess.close();
  return [v0!, v1!];
}

/**
 * TF1's testSparseRepeatedIndices (adagrad_test.py, adam_test.py): variables [[1], [2]] updated by an optimizer from
 * `makeOpt` (one each) through IndexedSlices [0.1, 0.1] at the repeated row [1, 1], and through the aggregated
 * [0.2] at row 1, agree before and after each of 3 steps; the repeated-index variable's value after them.
 */
export async function sparseRepeatedIndices(dtype: tf.DType, makeOpt: () => tf.train.Optimizer): Promise<tf.NDArray> {
  const t = await initialized(() => {
    const repeated_index_update_var = tf.Variable(tf.constant([[1.0], [2.0]], dtype));
    const aggregated_update_var = tf.Variable(tf.constant([[1.0], [2.0]], dtype));
    const grad_repeated_index = new tf.IndexedSlices(tf.constant([0.1, 0.1], dtype, [2, 1]), tf.constant([1, 1]), tf.constant([2, 1]));
    const grad_aggregated = new tf.IndexedSlices(tf.constant([0.2], dtype, [1, 1]), tf.constant([1]), tf.constant([2, 1]));
    const repeated_update = makeOpt().apply_gradients([[grad_repeated_index, repeated_index_update_var]]);
    const aggregated_update = makeOpt().apply_gradients([[grad_aggregated, aggregated_update_var]]);
    return { repeated_index_update_var, aggregated_update_var, repeated_update, aggregated_update };
  });
  const both = async () => t.sess.run([t.aggregated_update_var.value(), t.repeated_index_update_var.value()]);
  let [a, r] = await both();
  assertAllClose(a!, r!);
  for (let i = 0; i < 3; i++) {
    await t.sess.run(t.repeated_update);
    await t.sess.run(t.aggregated_update);
    [a, r] = await both();
    assertAllClose(a!, r!);
  }
  t.sess.close();
  return r!;
}
