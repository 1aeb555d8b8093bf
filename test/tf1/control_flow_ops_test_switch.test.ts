// TF1's python/ops/control_flow_ops_test.py SwitchTestCase: the gradients of gathers read in a while loop (and in a
// cond in one), read from the copy of the file the index holds (r1.12's era: ops.IndexedSlices, cached_session).
// A gather's IndexedSlices gradient reaches a gradient loop's Enter rule densely (tf1-ts has no
// AddBackpropIndexedSlicesAccumulator yet), so a loop's gradient is a Tensor where TF1's is an IndexedSlices; where TF1
// densifies a gradient's values and indices (segment_sum, ops.convert_to_tensor) these compare dense gradients.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { assertAllClose, assertAllEqual, inSession } from './helpers.js';

type T = tf.Tensor;

describe('SwitchTestCase (gathers in while loops: dense gradients)', () => {
  it('testIndexedSlicesGradient: ten Momentum steps through a loop of embedding lookups', async () => {
    await inSession(async (g, sess) => {
      const [init, trainOp, matrix] = g.as_default(() => {
        const matrix = tf.get_variable('embedding_matrix', [5, 5], { initializer: tf.random_normal_initializer() });
        const body = (it: T, cost: T): T[] => {
          const embedding = tf.nn.embedding_lookup(matrix.value().add(0.0), [0]);
          return [it.add(1), cost.add(tf.reduce_sum(embedding))];
        };
        const [, cost] = tf.while_loop((it: T, _: T) => tf.less(it, 5), body, [tf.constant(0), tf.constant(0.0, tf.float32)]) as T[];
        const trainOp = new tf.train.MomentumOptimizer(0.1, 0.9).minimize(cost!);
        return [tf.global_variables_initializer(), trainOp, matrix] as const;
      });
      await sess.run(init);
      const before = await sess.run(matrix.value());
      for (let i = 0; i < 10; i++) await sess.run([trainOp]);
      // TF1 only runs the steps. What they do: row 0 gets gradient 5 (five lookups) each step, the other rows none;
      // Momentum's accumulator after step t is 50·(1 - 0.9^t), and row 0 moves by 0.1 times their sum.
      const after = await sess.run(matrix.value());
      let moved = 0;
      for (let t = 1; t <= 10; t++) moved += 0.1 * 50 * (1 - 0.9 ** t);
      const expected = Array.from(before.data, (v, k) => (k < 5 ? v - moved : v));
      assertAllClose(after, new tf.NDArray(Float32Array.from(expected), [5, 5], 'float32'), { rtol: 1e-5, atol: 1e-5 });
    });
  });

  it('testIndexedSlicesGradientInCondInWhileLoop (densely: the loop and its unrolled form have the same gradient)', async () => {
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
        const dynamicGrads = denseGradients(cost!, [matrix])[0]!;
        const embedding = tf.nn.embedding_lookup(matrix, [0]);
        const s = tf.reduce_sum(embedding);
        const unrolled = tf.square(s.add(s).add(s)).add(s);
        const staticSlices = tf.gradients(unrolled, [matrix])[0]!;
        // TF1 sums the IndexedSlices' rows by index (segment_sum): their dense form, whose other rows are zeros
        expect(staticSlices).toBeInstanceOf(tf.IndexedSlices);
        const staticGrads = tf.convert_to_tensor(staticSlices);
        return [tf.global_variables_initializer(), staticGrads, dynamicGrads] as const;
      });
      await sess.run(init);
      const [st, dy] = await sess.run([staticGrads, dynamicGrads]);
      // the same sums in a different order: TF1's assertAllEqual, within float32 rounding here
      assertAllClose(dy!, st!, { rtol: 1e-6, atol: 1e-5 });
      expect(Array.from(st!.data.slice(5)).every((v) => v === 0)).toBe(true);
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
          return [inputs, outputs, denseGradients([outputs], [inputs])[0]!] as const;
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
          return [inputs, outputs, denseGradients([outputs], [inputs])[0]!] as const;
        });
        const [o, gr] = await sess.run([outputs, grad], new Map([[inputs, [1, 3, 2]]]));
        assertAllEqual(o!, 6);
        assertAllEqual(gr!, [1, 1, 1]);
      });
    });
  }
});
