// TF1's python/ops/control_flow_ops_test.py SwitchTestCase: the gradients of gathers read in a while loop (and in a
// cond in one), read from the copy of the file the index holds (r1.12's era: ops.IndexedSlices, cached_session).
// A gather of a loop invariant differentiates into an IndexedSlices that the gradient loop accumulates as one
// (AddBackpropIndexedSlicesAccumulator), so these loops' gradients are IndexedSlices, densified where TF1 densifies them.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertAllEqual, inSession } from './helpers.js';

type T = tf.Tensor;

/** What ten Momentum(0.1, 0.9) steps do to a [5, 5] matrix whose row 0 gets gradient 5 each step, the others none. */
function afterTenMomentumSteps(before: tf.NDArray): tf.NDArray {
  // Momentum's accumulator after step t is 50·(1 - 0.9^t); row 0 moves by 0.1 times their sum
  let moved = 0;
  for (let t = 1; t <= 10; t++) moved += 0.1 * 50 * (1 - 0.9 ** t);
  return new tf.NDArray(
    Float32Array.from(before.data as Float32Array, (v, k) => (k < 5 ? v - moved : v)),
    [5, 5],
    'float32',
  );
}

/** TF1's math_ops.segment_sum(values, indices) for sorted non-negative indices: max(indices) + 1 rows. */
const segmentSum = (s: tf.IndexedSlices): T => tf.unsorted_segment_sum(s.values, s.indices, tf.reduce_max(s.indices).add(1));

describe('SwitchTestCase (gathers in while loops)', () => {
  it('testIndexedSlicesGradient: ten Momentum steps through a loop of embedding lookups', async () => {
    await inSession(async (g, sess) => {
      const [init, trainOp, matrix, grad] = g.as_default(() => {
        const matrix = tf.get_variable('embedding_matrix', [5, 5], { initializer: tf.random_normal_initializer() });
        const body = (it: T, cost: T): T[] => {
          const embedding = tf.nn.embedding_lookup(matrix.value().add(0.0), [0]);
          return [it.add(1), cost.add(tf.reduce_sum(embedding))];
        };
        const [, cost] = tf.while_loop((it: T, _: T) => tf.less(it, 5), body, [tf.constant(0), tf.constant(0.0, tf.float32)]) as T[];
        const trainOp = new tf.train.MomentumOptimizer(0.1, 0.9).minimize(cost!);
        return [tf.global_variables_initializer(), trainOp, matrix, tf.gradients(cost!, [matrix])[0]] as const;
      });
      // the gather reads `matrix + 0.0`, made in the loop: its IndexedSlices meets the add's dense rule, so the
      // invariant's gradient, and Momentum's update, are dense (as in TF1, where the test guards that conversion)
      expect(grad).toBeInstanceOf(tf.Tensor);
      await sess.run(init);
      const before = await sess.run(matrix.value());
      for (let i = 0; i < 10; i++) await sess.run([trainOp]);
      // TF1 only runs the steps; this also checks what they do
      assertAllClose(await sess.run(matrix.value()), afterTenMomentumSteps(before), { rtol: 1e-5, atol: 1e-5 });
    });
  });

  it('testIndexedSlicesGradient without the add: the loop hands Momentum an IndexedSlices (its sparse update)', async () => {
    await inSession(async (g, sess) => {
      const [init, trainOp, matrix, grad] = g.as_default(() => {
        const matrix = tf.get_variable('embedding_matrix', [5, 5], { initializer: tf.random_normal_initializer() });
        const body = (it: T, cost: T): T[] => [it.add(1), cost.add(tf.reduce_sum(tf.nn.embedding_lookup(matrix, [0])))];
        const [, cost] = tf.while_loop((it: T, _: T) => tf.less(it, 5), body, [tf.constant(0), tf.constant(0.0, tf.float32)]) as T[];
        const grad = tf.gradients(cost!, [matrix])[0] as tf.IndexedSlices;
        const trainOp = new tf.train.MomentumOptimizer(0.1, 0.9).minimize(cost!);
        return [tf.global_variables_initializer(), trainOp, matrix, grad] as const;
      });
      expect(grad).toBeInstanceOf(tf.IndexedSlices);
      expect(trainOp.graph.get_operations().some((op) => op.type === 'SparseApplyMomentum')).toBe(true);
      await sess.run(init);
      const value = (await sess.run(grad)) as unknown as tf.IndexedSlicesValue;
      // the accumulator's zero row at index 0, then one row of ones per iteration (the gradient loop runs last first)
      assertAllEqual(value.indices, [0, 0, 0, 0, 0, 0]);
      assertAllEqual(value.values, [Array(5).fill(0), ...Array.from({ length: 5 }, () => Array(5).fill(1))]);
      assertAllEqual(value.dense_shape!, [5, 5]);
      const before = await sess.run(matrix.value());
      for (let i = 0; i < 10; i++) await sess.run([trainOp]);
      assertAllClose(await sess.run(matrix.value()), afterTenMomentumSteps(before), { rtol: 1e-5, atol: 1e-5 });
    });
  });

  it('testIndexedSlicesGradientInCondInWhileLoop', async () => {
    await inSession(async (g, sess) => {
      const [init, staticGrads, dynamicGrads] = g.as_default(() => {
        const matrix = tf.get_variable('embedding_matrix', [5, 5], { initializer: tf.random_normal_initializer() });
        const body = (it: T, cost: T): T[] => {
          const embedding = tf.nn.embedding_lookup(matrix, [0]);
          const next = tf.cond(
            tf.equal(it, 3),
            () => tf.square(cost),
            () => cost.add(tf.reduce_sum(embedding)),
          ) as T;
          return [it.add(1), next];
        };
        const [, cost] = tf.while_loop((it: T, _: T) => tf.less(it, 5), body, [tf.constant(0), tf.constant(0.0, tf.float32)]) as T[];
        const dynamicSlices = tf.gradients(cost!, [matrix])[0]!;
        expect(dynamicSlices).toBeInstanceOf(tf.IndexedSlices);
        const embedding = tf.nn.embedding_lookup(matrix, [0]);
        const s = tf.reduce_sum(embedding);
        const unrolled = tf.square(s.add(s).add(s)).add(s);
        const staticSlices = tf.gradients(unrolled, [matrix])[0]!;
        expect(staticSlices).toBeInstanceOf(tf.IndexedSlices);
        return [tf.global_variables_initializer(), segmentSum(staticSlices as tf.IndexedSlices), segmentSum(dynamicSlices as tf.IndexedSlices)] as const;
      });
      await sess.run(init);
      const [st, dy] = await sess.run([staticGrads, dynamicGrads]);
      expect(st!.shape).toEqual([1, 5]);
      // TF1's assertAllEqual: the same sums, added in another order (the loop's start from the accumulator's zero
      // row), so equal within float32 rounding here
      assertAllClose(dy!, st!, { rtol: 1e-6, atol: 1e-5 });
    });
  });

  for (const dtype of [tf.float32, tf.float64]) {
    it(`testIndexedSlicesWithShapeGradientInWhileLoop (${dtype})`, async () => {
      await inSession(async (g, sess) => {
        const numSteps = 9;
        const [inputs, outputs, grad] = g.as_default(() => {
          const inputs = tf.placeholder(dtype, [numSteps]);
          const initialOutputs = new tf.TensorArray({ dtype, size: numSteps });
          const body = (i: T, outputs: tf.TensorArray): [T, tf.TensorArray] => [i.add(1), outputs.write(i, tf.gather(inputs, i))];
          const [, out] = tf.while_loop((i: T, _: tf.TensorArray) => tf.less(i, numSteps), body, [tf.constant(0, tf.int32), initialOutputs]) as [
            T,
            tf.TensorArray,
          ];
          const outputs = tf.reduce_sum(out.stack());
          const r = tf.gradients([outputs], [inputs])[0]!;
          expect(r).toBeInstanceOf(tf.IndexedSlices);
          return [inputs, outputs, tf.convert_to_tensor(r)] as const;
        });
        const [o, gr] = await sess.run([outputs, grad], new Map([[inputs, [4, 6, 0, 7, 0, 0, 1, 2, 0]]]));
        assertAllEqual(o!, 20);
        assertAllEqual(gr!, Array(numSteps).fill(1));
      });
    });

    it(`testIndexedSlicesWithDynamicShapeGradientInWhileLoop (${dtype})`, async () => {
      await inSession(async (g, sess) => {
        const [inputs, outputs, grad] = g.as_default(() => {
          const inputs = tf.placeholder(dtype);
          const initialOutputs = new tf.TensorArray({ dtype, dynamic_size: true, size: 1 });
          const body = (i: T, outputs: tf.TensorArray): [T, tf.TensorArray] => [i.add(1), outputs.write(i, tf.gather(inputs, i))];
          const [, out] = tf.while_loop((i: T, _: tf.TensorArray) => tf.less(i, tf.size(inputs)), body, [tf.constant(0, tf.int32), initialOutputs]) as [
            T,
            tf.TensorArray,
          ];
          const outputs = tf.reduce_sum(out.stack());
          const r = tf.gradients([outputs], [inputs])[0]!;
          expect(r).toBeInstanceOf(tf.IndexedSlices);
          return [inputs, outputs, tf.convert_to_tensor(r)] as const;
        });
        const [o, gr] = await sess.run([outputs, grad], new Map([[inputs, [1, 3, 2]]]));
        assertAllEqual(o!, 6);
        assertAllEqual(gr!, [1, 1, 1]);
      });
    });
  }
});
