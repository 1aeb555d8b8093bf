// TF1 r1.12's control_flow_ops_py_test.py ControlFlowTest: the while loop's gradients, one `it` per TF1 test
// method with TF1's inputs and expected values, plus the gradient graph r1.12 builds (its node names).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { assertAllClose, computeGradientError, inSession } from './helpers.js';

type T = tf.Tensor;
const f32 = (v: number, name?: string): T => tf.constant(v, { dtype: tf.float32, name });
const feed = (x: T, v: number | number[]): Map<T, number | number[]> => new Map([[x, v]]);

describe('ControlFlowTest (while_loop gradients)', () => {
  it('testWhileGrad_Square', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const v = f32(2.0, 'v');
        let r = tf.while_loop((v: T) => tf.less(v, 100.0), tf.square, [v], { parallel_iterations: 1 }) as T;
        r = tf.cond(
          tf.less(1, 2),
          () => r,
          () => v,
        ) as T;
        return denseGradients(r, v)[0]!;
      });
      assertAllClose(await sess.run(r), 1024.0);
    });
  });

  it('testWhileGrad_Shape', async () => {
    await inSession(async (g, sess) => {
      const [x, r] = g.as_default(() => {
        const x = tf.placeholder(tf.float32, { shape: [null] });
        const v = tf.constant([2.0], { dtype: tf.float32, name: 'v' });
        const n = tf.constant(0, { name: 'n' });
        const c = (i: T, _v: T): T => tf.less(i, 5);
        const b = (i: T, v: T): T[] => [i.add(1), tf.multiply(x, v)];
        const out = tf.while_loop(c, b, [n, v], [n.get_shape(), tf.TensorShape.unknown()]) as T[];
        return [x, denseGradients(out[1]!, x)[0]!];
      });
      expect(r.get_shape().as_list()).toEqual([null]);
      assertAllClose(await sess.run(r, feed(x, [3.0, 4.0])), [810.0, 2560.0]);
    });
  });

  it('testWhileGrad_BaseShape', async () => {
    await inSession(async (g, sess) => {
      const [x, r] = g.as_default(() => {
        const x = tf.placeholder(tf.float32, [null]);
        const v0 = tf.constant([2.0, 2.0], { dtype: tf.float32, name: 'v' });
        const r = tf.while_loop(
          () => tf.constant(false),
          (v: T) => tf.multiply(v, x),
          [v0],
        ) as T;
        const y = tf.square(x);
        return [x, denseGradients([r, y], x)[0]!];
      });
      assertAllClose(await sess.run(r, feed(x, [1.0, 2.0])), [2.0, 4.0]);
    });
  });

  it('testWhileGrad_MultipleUses', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const v = f32(2.0, 'v');
        const r = tf.while_loop((v: T) => tf.less(v, 100.0), tf.square, [v], { parallel_iterations: 1 }) as T;
        return denseGradients(tf.multiply(r, r), v)[0]!;
      });
      assertAllClose(await sess.run(r), 524288.0);
    });
  });

  it('testWhileGrad_LoopAdd', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const v = f32(2.0, 'v');
        const r = tf.while_loop((v: T) => tf.less(v, 100.0), tf.square, [v], { parallel_iterations: 1 }) as T;
        return denseGradients(tf.add(r, r), v)[0]!;
      });
      assertAllClose(await sess.run(r), 2048.0);
    });
  });

  it('testWhileGrad_Mul (parallel_iterations 1 and 10)', async () => {
    for (const p of [1, 10]) {
      await inSession(async (g, sess) => {
        const [ga, gv] = g.as_default(() => {
          const a = f32(3.0, 'a');
          const v = f32(2.0, 'v');
          const r = tf.while_loop(
            (v: T) => tf.less(v, 100.0),
            (v: T) => tf.multiply(v, a),
            [v],
            { parallel_iterations: p },
          ) as T;
          return denseGradients(r, [a, v]) as T[];
        });
        const [a, v] = (await sess.run([ga!, gv!])) as tf.NDArray[];
        assertAllClose(a!, 216.0);
        assertAllClose(v!, 81.0);
      });
    }
  });

  it('testWhileGrad_Variable', async () => {
    await inSession(async (g, sess) => {
      const [init, r] = g.as_default(() => {
        const a = tf.Variable(f32(3.0));
        const v = f32(2.0, 'v');
        const r = tf.while_loop(
          (v: T) => tf.less(v, 100.0),
          (v: T) => tf.multiply(v, a),
          [v],
          { parallel_iterations: 1 },
        ) as T;
        return [tf.global_variables_initializer(), denseGradients(r, a)[0]!] as const;
      });
      await sess.run(init);
      assertAllClose(await sess.run(r), 216.0);
    });
  });

  it('testWhileGrad_ys_xs', async () => {
    await inSession(async (g, sess) => {
      const rs = g.as_default(() => {
        const x = f32(3.0, 'x');
        const y = f32(2.0, 'y');
        const b = (x: T, y: T): T[] => {
          const y1 = tf.add(x, y);
          return [tf.multiply(x, y1), y1];
        };
        const [rx, ry] = tf.while_loop((x: T, _y: T) => tf.less(x, 100.0), b, [x, y], { parallel_iterations: 1 }) as T[];
        return [denseGradients([rx!, ry!], x)[0]!, denseGradients([rx!, ry!], y)[0]!, denseGradients([rx!], x)[0]!, denseGradients([rx!], y)[0]!];
      });
      const out = (await sess.run(rs)) as tf.NDArray[];
      [304.0, 124.0, 295.0, 120.0].forEach((v, i) => assertAllClose(out[i]!, v));
    });
  });

  it('testWhileGrad_Dependency', async () => {
    await inSession(async (g, sess) => {
      const rs = g.as_default(() => {
        const i = tf.constant(0, { name: 'i' });
        const x = f32(2.0, 'x');
        const b = (i: T, x: T): T[] => [tf.add(i, 1), tf.multiply(x, 2.0)];
        const [ri, rx] = tf.while_loop((i: T, _x: T) => tf.less(i, 10), b, [i, x], { parallel_iterations: 1 }) as T[];
        return [denseGradients([ri!, rx!], x)[0]!, denseGradients([rx!], x)[0]!];
      });
      const out = (await sess.run(rs)) as tf.NDArray[];
      assertAllClose(out[0]!, 1024.0);
      assertAllClose(out[1]!, 1024.0);
    });
  });

  it('testWhileGradInCond', async () => {
    await inSession(async (g, sess) => {
      const [x, r] = g.as_default(() => {
        const n = tf.convert_to_tensor(1.0, { name: 'n', dtype: tf.float32 });
        const x = tf.placeholder(tf.float32, { shape: null });
        const fn1 = (): T => {
          const r = tf.while_loop(
            (n: T) => tf.less(n, 10.0),
            (n: T) => tf.add(n, x),
            [n],
            [tf.TensorShape.unknown()],
          ) as T;
          return denseGradients(r, x)[0]!;
        };
        return [x, tf.cond(tf.less(1, 2), fn1, () => x) as T];
      });
      assertAllClose(await sess.run(r, feed(x, 1.0)), 9.0);
    });
  });

  it('testNestedWhileGrad_Simple', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const v = f32(1.0);
        const inner = (s: T): T =>
          tf.while_loop(
            (x: T) => tf.less(x, 4.0),
            (x: T) => tf.multiply(x, 2.0),
            [s],
          ) as T;
        const r = tf.while_loop(
          (x: T) => tf.less(x, 2.0),
          (x: T) => tf.multiply(inner(x), 2.0),
          [v],
        ) as T;
        return denseGradients(r, v)[0]!;
      });
      assertAllClose(await sess.run(r), 8.0);
    });
  });

  it('testWhileGrad_StopGrad', async () => {
    await inSession(async (g, sess) => {
      const built = g.as_default(() => {
        const x = f32(3.0, 'x');
        const y = f32(2.0, 'y');
        const b = (x: T, y: T): T[] => {
          const y1 = tf.square(y);
          return [tf.add(tf.square(x), y1), y1];
        };
        const [rx, ry] = tf.while_loop((x: T, _y: T) => tf.less(x, 100.0), b, [x, y]) as T[];
        const sg = tf.stop_gradient;
        return {
          values: [
            denseGradients(rx!, y)[0]!,
            denseGradients(ry!, y)[0]!,
            denseGradients(tf.add(rx!, ry!), y)[0]!,
            denseGradients(tf.add(rx!, sg(ry!)), y)[0]!,
            denseGradients(tf.add(sg(rx!), ry!), y)[0]!,
          ],
          nones: [
            denseGradients(sg(rx!), y)[0],
            denseGradients(sg(ry!), y)[0],
            denseGradients(sg(tf.square(rx!)), y)[0],
            denseGradients(sg(tf.add(rx!, ry!)), x)[0],
            denseGradients(sg(tf.add(rx!, ry!)), y)[0],
          ],
        };
      });
      const out = (await sess.run(built.values)) as tf.NDArray[];
      [136.0, 32.0, 168.0, 136.0, 32.0].forEach((v, i) => assertAllClose(out[i]!, v));
      expect(built.nones).toEqual([null, null, null, null, null]);
    });
  });

  it('testWhileGrad_NoGradient (back_prop=False: no gradient through the loop, no stacks)', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const v = f32(2.0, 'v');
        const r = tf.while_loop((v: T) => tf.less(v, 100.0), tf.square, [v], { back_prop: false }) as T;
        return denseGradients(tf.add(r, v), v)[0]!;
      });
      assertAllClose(await sess.run(r), 1.0);
      expect(g.get_operations().filter((op) => op.type.startsWith('Stack'))).toEqual([]);
    });
  });

  it('maximum_iterations with gradients: the loop stops after 3 iterations, and so does its gradient', async () => {
    await inSession(async (g, sess) => {
      const [r, dr] = g.as_default(() => {
        const v = f32(2.0, 'v');
        const r = tf.while_loop(
          (v: T) => tf.less(v, 100.0),
          (v: T) => tf.multiply(v, 2.0),
          [v],
          { maximum_iterations: 3 },
        ) as T;
        return [r, denseGradients(r, v)[0]!];
      });
      const [rv, dv] = (await sess.run([r, dr])) as tf.NDArray[];
      assertAllClose(rv!, 16.0);
      assertAllClose(dv!, 8.0);
    });
  });

  it('tf.stop_gradient inside the body: the stopped factor is a constant of each iteration', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const v = f32(2.0, 'v');
        const r = tf.while_loop(
          (v: T) => tf.less(v, 100.0),
          (v: T) => tf.multiply(v, tf.stop_gradient(v)),
          [v],
        ) as T;
        return denseGradients(r, v)[0]!;
      });
      // v: 2, 4, 16, 256; each iteration multiplies the gradient by the stopped v: 2 * 4 * 16
      assertAllClose(await sess.run(r), 128.0);
    });
  });

  it('compute_gradient_error of loops (float64): a loop variable, and an invariant read every iteration', async () => {
    const errV = await computeGradientError(
      () => {
        const x = tf.placeholder(tf.float64, [2]);
        const y = (
          tf.while_loop(
            (i: T, _v: T) => tf.less(i, 3),
            (i: T, v: T) => [tf.add(i, 1), tf.sin(v).mul(1.5)],
            [tf.constant(0), x],
          ) as T[]
        )[1]!;
        return { x, y };
      },
      [2],
      [2],
    );
    expect(errV).toBeLessThan(1e-5);
    const errInv = await computeGradientError(
      () => {
        const x = tf.placeholder(tf.float64, [3]);
        const v0 = tf.constant([1.0, 0.5, -0.5], { dtype: tf.float64 });
        const y = (
          tf.while_loop(
            (i: T, _v: T) => tf.less(i, 4),
            (i: T, v: T) => [tf.add(i, 1), tf.tanh(v.mul(x)).add(x)],
            [tf.constant(0), v0],
          ) as T[]
        )[1]!;
        return { x, y };
      },
      [3],
      [3],
    );
    expect(errInv).toBeLessThan(1e-5);
  });
});
