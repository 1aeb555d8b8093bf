// TF1 r1.12's control_flow_ops_py_test.py ControlFlowTest: the while loop's gradients through several loops (in
// series, side by side, nested, a loop in a loop's gradient), through gathers and constants, one `it` per TF1 test
// method with TF1's inputs and expected values.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { assertAllClose, inSession } from './helpers.js';

type T = tf.Tensor;
const f32 = (v: number, name?: string): T => tf.constant(v, { dtype: tf.float32, name });
const run1 = async (build: () => T, feeds?: Map<T, number>): Promise<tf.NDArray> =>
  inSession(async (g, sess) => sess.run(g.as_default(build), feeds) as Promise<tf.NDArray>);

/** The body of _SerialTwoLoops and _ParallelTwoLoops: x doubles while i < 5. */
const doubling = (i: T, x: T): T[] => {
  const x1 = tf.multiply(x, 2.0);
  return [tf.add(i, 1), x1];
};
const below5 = (i: T, _x: T): T => tf.less(i, 5);

/** _SerialInner's and _ParallelInner's inner loop: x doubled four times. */
const innerLoop = (s: T): T =>
  (
    tf.while_loop(
      (i: T, _x: T) => tf.less(i, 4),
      (i: T, x: T) => [tf.add(i, 1), tf.multiply(x, 2.0)],
      [tf.constant(0), s],
    ) as T[]
  )[1]!;

describe('ControlFlowTest (while_loop gradients through several loops)', () => {
  // The gather reads the loop variable x: its IndexedSlices gradient (concatenated with the add's in
  // testWhileGrad_Gather) goes through x's Identity to the loop Switch, where TF1's _AddNextAndBackEdge converts it
  // onto the dense `b_switch` Merge; the gradient of the initial x[:1] is StridedSliceGrad's, a Tensor.
  it('testWhileGrad_Gather', async () => {
    await inSession(async (g, sess) => {
      const [y, grad] = g.as_default(() => {
        const x = tf.constant([1, 1, 1, 1, 1], { dtype: tf.float32 });
        const y = (
          tf.while_loop(
            (i: T, _x: T) => tf.less(i, 3),
            (i: T, x: T) => [i.add(1), x.add(tf.gather(x, [0]))],
            [tf.constant(0), x.at(':1')],
          ) as T[]
        )[1]!;
        const grad = tf.gradients(y.mul(3.0), x)[0]!;
        expect(grad).toBeInstanceOf(tf.Tensor);
        return [y, grad as T];
      });
      assertAllClose(await sess.run(y), [8.0]);
      assertAllClose(await sess.run(grad), [24, 0, 0, 0, 0]);
    });
  });

  it('testWhileGrad_GatherNoFanOut', async () => {
    await inSession(async (g, sess) => {
      const [y, grad] = g.as_default(() => {
        const x = tf.constant([1, 1, 1, 1, 1], { dtype: tf.float32 });
        const y = (
          tf.while_loop(
            (i: T, _x: T) => tf.less(i, 3),
            (i: T, x: T) => [i.add(1), tf.gather(x, [0])],
            [tf.constant(0), x.at(':1')],
          ) as T[]
        )[1]!;
        const grad = tf.gradients(y.mul(3.0), x)[0]!;
        expect(grad).toBeInstanceOf(tf.Tensor);
        return [y, grad as T];
      });
      assertAllClose(await sess.run(y), [1.0]);
      assertAllClose(await sess.run(grad), [3, 0, 0, 0, 0]);
    });
  });

  it('testWhileGrad_Const: a loop variable replaced by a constant has no gradient past the first iteration', async () => {
    const r = await run1(() => {
      const c0 = f32(0.0, 'c0');
      const c1 = f32(1.0, 'c1');
      const duration = tf.constant(0, { name: 't' });
      const tensors = tf.while_loop({
        cond: (d: T, _: T) => tf.less(d, 1),
        body: (d: T, _: T) => [d.add(1), c1],
        loop_vars: [duration, c0],
      }) as T[];
      return denseGradients(tf.reduce_sum(tensors[1]!), [c0])[0]!;
    });
    assertAllClose(r, 0.0);
  });

  it('testWhileGrad_SerialTwoLoops', async () => {
    const r = await run1(() => {
      const i = tf.constant(0, { name: 'i' });
      const x = f32(2.0, 'x');
      const [, rx1] = tf.while_loop(below5, doubling, [i, x], { parallel_iterations: 1 }) as T[];
      const [, rx] = tf.while_loop(below5, doubling, [i, rx1!], { parallel_iterations: 1 }) as T[];
      return denseGradients([rx!], x)[0]!;
    });
    assertAllClose(r, 1024.0);
  });

  it('testWhileGrad_ParallelTwoLoops', async () => {
    const r = await run1(() => {
      const i = tf.constant(0, { name: 'i' });
      const x = f32(2.0, 'x');
      const [, r1] = tf.while_loop(below5, doubling, [i, x], { parallel_iterations: 1 }) as T[];
      const [, r2] = tf.while_loop(below5, doubling, [i, x], { parallel_iterations: 1 }) as T[];
      return denseGradients([tf.add(r1!, r2!)], x)[0]!;
    });
    assertAllClose(r, 64.0);
  });

  it('testWhileGrad_OneOutputWithControlDependencyOnSecond', async () => {
    await inSession(async (g, sess) => {
      const [yfd, grad] = g.as_default(() => {
        const i = tf.constant(0, { name: 'i' });
        const x = f32(1.0, 'x');
        const y = f32(1.0, 'y');
        const c = (i: T, ..._: T[]): T => tf.less(i, 1, { name: 'cond_less' });
        const b = (i: T, xi: T, yi: T): T[] => [tf.add(i, 1, { name: 'inc' }), tf.identity(xi, { name: 'xi' }), tf.add(xi, yi, { name: 'xi_plus_yi' })];
        const [, xf, yf] = tf.while_loop(c, b, [i, x, y]) as T[];
        const yfd = g.control_dependencies([xf!], () => tf.identity(yf!, { name: 'y_f_d' }));
        return [yfd, denseGradients([yfd], [x])[0]];
      });
      assertAllClose(await sess.run(yfd), 2.0);
      expect(grad).not.toBeNull();
      assertAllClose(await sess.run(grad!), 1.0);
    });
  });

  it('testNestedWhileGrad_SerialInner', async () => {
    const r = await run1(() => {
      const v = f32(1.0);
      const out = tf.while_loop(
        (x: T) => tf.less(x, 128.0),
        (x: T) => innerLoop(innerLoop(x)),
        [v],
      ) as T;
      return denseGradients(out, v)[0]!;
    });
    assertAllClose(r, 256.0);
  });

  it('testNestedWhileGrad_ParallelInner', async () => {
    const r = await run1(() => {
      const v = f32(1.0);
      const out = tf.while_loop(
        (x: T) => tf.less(x, 128.0),
        (x: T) => tf.multiply(innerLoop(x), innerLoop(x)),
        [v],
      ) as T;
      return denseGradients(out, v)[0]!;
    });
    assertAllClose(r, 512.0);
  });

  it("testWhileGradInWhile: tf.gradients of a loop, called in another loop's body", async () => {
    await inSession(async (g, sess) => {
      const [x, r] = g.as_default(() => {
        const n = tf.convert_to_tensor(1.0, { name: 'n', dtype: tf.float32 });
        const x = tf.placeholder(tf.float32, { shape: null });
        const b1 = (n: T): T[] => {
          const r = tf.while_loop(
            (n: T) => tf.less(n, 10.0),
            (n: T) => tf.add(n, x),
            [n],
            [tf.TensorShape.unknown()],
          ) as T;
          return denseGradients(r, x) as T[];
        };
        return [x, tf.while_loop((n: T) => tf.less(n, 6.0), b1, [n], [tf.TensorShape.unknown()]) as T];
      });
      assertAllClose(await sess.run(r, new Map([[x, 1.0]])), 9.0);
    });
  });

  it('testCallGradInLoop: tf.gradients of values outside the loop, called in its body', async () => {
    const r = await run1(() => {
      const params = f32(5.0);
      const params1 = tf.square(params);
      const b = (i: T, x: T): T[] => {
        const data = tf.multiply(tf.constant([1.0, 2.0, 3.0], { dtype: tf.float32 }), params1);
        return [i.add(1), x.add(denseGradients(data, params)[0]!)];
      };
      return (tf.while_loop((i: T, _x: T) => tf.less(i, 10), b, [tf.constant(0), f32(0.0)]) as T[])[1]!;
    });
    assertAllClose(r, 600.0);
  });
});
