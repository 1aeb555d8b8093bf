// TF1 r1.12's control_flow_ops_py_test.py ControlFlowTest, the cases built on functional_ops (map_fn, scan): loops
// in loops through map_fn, a map_fn's gradient inside a while loop's, and the second-order gradient TF1 refuses.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, inSession, np, thrown } from './helpers.js';

type T = tf.Tensor;
const f32 = (v: number | number[] | number[][], name?: string): T => tf.constant(v, { dtype: tf.float32, name });

describe('ControlFlowTest (functional_ops)', () => {
  it('testNestedWhileGrad_ParallelIterations', async () => {
    // the stack pushes and pops of an inner loop run in the order of its outer loop's iterations
    await inSession(async (g, sess) => {
      const [trainOp, v] = g.as_default(() => {
        const v = tf.Variable(f32(3.0));
        const innerLoop = (t: T): T => tf.map_fn((n: T) => n.add(tf.square(v)), t, { parallel_iterations: 10 }) as T;
        const outerLoop = (inp: T): T => tf.map_fn(innerLoop, inp, { parallel_iterations: 10 }) as T;
        const res = outerLoop(
          f32([
            [1.0, 2.0],
            [3.0, 4.0],
            [5.0, 6.0],
          ]),
        );
        const optimizer = new tf.train.AdamOptimizer({ learning_rate: 0.001 });
        return [optimizer.minimize(tf.reduce_mean(tf.square(res))), v];
      });
      await sess.run(g.as_default(() => tf.global_variables_initializer()));
      await sess.run(trainOp);
      assertAllClose((await sess.run(v)) as tf.NDArray, 2.999);
    });
  });

  it('testWhileAndTensorArray', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const param = f32(2.0);
        const n0 = tf.constant(0);
        const y0 = f32([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 'elems');
        const c = (i: T): T => i.lt(10);
        const b = (i: T, y: T): T[] => [i.add(1), tf.map_fn((x: T) => tf.multiply(x, param), y) as T];
        const r = tf.while_loop(c, b, [n0, y0], { parallel_iterations: 1 }) as T[];
        return tf.gradients(r, param)[0]!;
      });
      assertAllClose((await sess.run(r)) as tf.NDArray, 107520.0);
    });
  });

  it('testWhileGradGradFail', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const theta = tf.Variable({ initial_value: f32(1.0) });
      const fn = (prev: T, x: T): T => prev.add(x.mul(theta));
      const result = tf.scan(fn, np([1, 2, 3], 'float32')) as T;
      const gradTheta = tf.gradients(result, theta) as T[];
      const e = thrown(() => tf.gradients(gradTheta, theta));
      expect(e).toBeInstanceOf(tf.errors.TypeError);
      expect(e.message).toMatch(/Second-order gradient/);
      // TF1 converts the list [grad] by packing it; tf1-ts converts no lists of tensors, so its one element
      const stopped = tf.stop_gradient(gradTheta[0]!);
      expect(tf.gradients(stopped, theta)).toEqual([null]);
    });
  });
});
