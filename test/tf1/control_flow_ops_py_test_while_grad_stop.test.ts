// TF1 r1.12's control_flow_ops_py_test.py ControlFlowTest: the while loop's gradients where something stops them
// (tf.stop_gradient inside the body or on a loop's gradient, a non-differentiable loop variable) and where
// variables take part, one `it` per TF1 test method with TF1's inputs and expected values.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, assertAllEqual, inSession } from './helpers.js';

type T = tf.Tensor;
const f32 = (v: number, name?: string): T => tf.constant(v, { dtype: tf.float32, name });

/** _StopGradInside's body: y² stopped, x² + y². */
const stoppedBody =
  (name?: string) =>
  (x: T, y: T): T[] => {
    const y1 = tf.stop_gradient(tf.square(y, { name }));
    return [tf.add(tf.square(x), y1), y1];
  };

describe('ControlFlowTest (while_loop gradients: stopped, and through variables)', () => {
  it('testWhileGrad_StopGradInside', async () => {
    await inSession(async (g, sess) => {
      const [dy, dx] = g.as_default(() => {
        const x = f32(3.0, 'x');
        const y = f32(2.0, 'y');
        const [rx] = tf.while_loop((x: T, _y: T) => tf.less(x, 100.0), stoppedBody(), [x, y]) as T[];
        return [tf.gradients(rx!, y)[0]!, tf.gradients(rx!, x)[0]!];
      });
      assertAllClose(await sess.run(dy), 0.0);
      assertAllClose(await sess.run(dx), 156.0);
    });
  });

  it('testWhileGrad_StopGradInsideNoShape', async () => {
    await inSession(async (g, sess) => {
      const [x, y, dy, dx] = g.as_default(() => {
        const x = tf.placeholder(tf.float32);
        const y = tf.placeholder(tf.float32);
        const [rx] = tf.while_loop((x: T, _y: T) => tf.less(tf.reduce_sum(x), 100.0), stoppedBody('stopped'), [x, y]) as T[];
        return [x, y, tf.gradients(rx!, y)[0]!, tf.gradients(rx!, x)[0]!];
      });
      const feed = new Map([
        [x, [3.0, 4.0]],
        [y, [2.0, 3.0]],
      ]);
      assertAllClose(await sess.run(dy, feed), [0.0, 0.0]);
      assertAllClose(await sess.run(dx, feed), [156.0, 400.0]);
      expect(g.get_operations().some((op) => op.name.includes('gradients/while/stopped_grad'))).toBe(false);
    });
  });

  it('testStopGradOnWhileGrad', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const x = f32(2.0, 'x');
        const y = f32(2.0, 'y');
        const rx = tf.while_loop(
          (x: T) => tf.less(x, 100.0),
          (x: T) => tf.multiply(x, y),
          [x],
        ) as T;
        const rg = tf.stop_gradient(tf.gradients(rx, y)[0]!);
        const r = tf.add(tf.add(tf.square(y), rx), rg);
        return tf.gradients(r, y)[0]!;
      });
      assertAllClose(await sess.run(r), 388.0);
    });
  });

  it('testStopGradMultiFlows: the stopped norm of a first gradient added to the loop output leaves the second gradient', async () => {
    await inSession(async (g, sess) => {
      const [init, result] = g.as_default(() => {
        const body = (i: T, y: T, r: T): T[] => {
          const x = tf.get_variable('x', { shape: [], dtype: tf.float32, initializer: tf.ones_initializer() });
          const y1 = y.mul(x);
          return [i.add(1), y1, r.add(tf.reduce_sum(y1))];
        };
        const i0 = tf.constant(0);
        const y0 = tf.ones(5);
        const r0 = tf.constant(0.0, tf.float32);
        const [, , r] = tf.while_loop((i: T, _y: T, _r: T) => tf.less(i, 1), body, [i0, y0, r0], { back_prop: true }) as T[];
        const vars = tf.global_variables();
        const grads = tf.norm(tf.gradients(r!, vars)[0]!);
        const z = tf.add(r!, tf.stop_gradient(tf.reduce_sum(grads)));
        return [tf.global_variables_initializer(), tf.gradients(z, vars)[0]] as const;
      });
      expect(result).not.toBeNull();
      await sess.run(init);
      assertAllEqual(await sess.run(result!), 5.0);
    });
  });

  it('testWhileGradInControlDeps: a loop gradient built under a control dependency on the loop output', async () => {
    // TF1's test wraps this in tf.function (later than r1.12); in a graph the counter tf.gradients adds to the
    // forward loop, and the gradient loop's Enters, must not wait on the loop's own output.
    await inSession(async (g, sess) => {
      const grad = g.as_default(() => {
        const xInit = tf.constant(2.0, tf.float32);
        const [, x] = tf.while_loop(
          (i: T, _x: T) => tf.less(i, 2),
          (i: T, x: T) => [i.add(1), tf.pow(x, 2)],
          [0, xInit],
        ) as T[];
        return tf.control_dependencies([x!], () => tf.gradients(x!, xInit)[0]!);
      });
      assertAllEqual(await sess.run(grad), 4 * 2 ** 3);
    });
  });

  it("testGradInWhileWrtInitialLoopVal: the gradient with respect to a loop variable's initial value is a ValueError", async () => {
    await inSession(async (g) => {
      g.as_default(() => {
        const x = tf.placeholder(tf.float32, { shape: [], name: 'x' });
        const y = x.add(1);
        const body = (i: T, v: T): T[] => [i.add(1), tf.gradients(v.mul(2), x)[0]!];
        expect(() => tf.while_loop((i: T, _x: T) => tf.less(i, 3), body, [tf.constant(0), y])).toThrow(
          new tf.errors.ValueError(
            "Cannot compute gradient inside while loop with respect to op 'x'. We do not support taking the gradient wrt or through the initial value of a loop variable. Gradients can be computed through loop invariants or wrt the input parameters to the loop body.",
          ),
        );
      });
    });
  });

  it('testWhileGrad_Concat: a GradientDescent step through a loop that concatenates a variable', async () => {
    await inSession(async (g, sess) => {
      const [init, op, x] = g.as_default(() => {
        const x = tf.get_variable('x', { initializer: tf.constant([[1, 2]], { dtype: tf.float32 }) });
        const i0 = tf.constant(0);
        const h0 = tf.zeros([0, 2]);
        const [, h] = tf.while_loop(
          (i: T, _: T) => tf.less(i, 2),
          (i: T, h: T) => [i.add(1), tf.concat([h, x], 0)],
          [i0, h0],
          [i0.get_shape(), new tf.TensorShape([null, 2])],
        ) as T[];
        const op = new tf.train.GradientDescentOptimizer(0.01).minimize(tf.reduce_sum(h!));
        return [tf.global_variables_initializer(), op, x] as const;
      });
      await sess.run(init);
      await sess.run(op);
      assertAllClose(await sess.run(x), [[0.98000002, 1.98000002]]);
    });
  });

  it('testWhileGradientWithNontrainablePath1', async () => {
    await inSession(async (g, sess) => {
      const [q, dq] = g.as_default(() => {
        const q = tf.Variable([7, 8], { dtype: tf.float32 });
        const [, y] = tf.while_loop(
          (_: T, _y: T) => tf.constant(false),
          (x: T, _: T) => [x, tf.cast(x, tf.float32).add(tf.reduce_sum(q))],
          [tf.argmin(q, 0), f32(0.0)],
        ) as T[];
        return [q, tf.gradients(y!, q)[0]] as const;
      });
      expect(dq).not.toBeNull();
      await sess.run(q.initializer);
      assertAllClose(await sess.run(dq!), [0.0, 0.0]);
    });
  });

  it('testWhileGradientWithNontrainablePath2', async () => {
    await inSession(async (g, sess) => {
      const [q, dq] = g.as_default(() => {
        const q = tf.Variable([7, 8], { dtype: tf.float32 });
        const [, y] = tf.while_loop(
          (_: T, y: T) => tf.equal(y, 0.0),
          (x: T, _: T) => [tf.constant(0, { dtype: tf.int64 }), tf.cast(x, tf.float32).add(tf.reduce_sum(q))],
          [tf.argmin(q, 0), f32(0.0)],
        ) as T[];
        return [q, tf.gradients(y!, q)[0]] as const;
      });
      expect(dq).not.toBeNull();
      await sess.run(q.initializer);
      assertAllClose(await sess.run(dq!), [1.0, 1.0]);
    });
  });

  it('testWhileGrad_NoDependency: a variable as two loop variables, the cost reading the second', async () => {
    await inSession(async (g, sess) => {
      const [init, grad] = g.as_default(() => {
        const variable = tf.Variable(tf.ones([2, 3]));
        const duration = tf.zeros([], { dtype: tf.int32 });
        const tensors = tf.while_loop({
          cond: (d: T, _t: T, _: T) => tf.less(d, 10),
          body: (d: T, t: T, _: T) => [d.add(1), t, t],
          loop_vars: [duration, variable, variable],
        }) as T[];
        const cost = tf.reduce_sum(tensors[2]!);
        return [tf.global_variables_initializer(), tf.gradients(cost, [variable])[0]!] as const;
      });
      await sess.run(init);
      assertAllClose(await sess.run(grad), [
        [1, 1, 1],
        [1, 1, 1],
      ]);
    });
  });

  it('testIssue16504: tf.gradients in the body and of the loop, with variables as initial values', async () => {
    await inSession(async (g) => {
      const grad = g.as_default(() => {
        const c = tf.constant(
          Array.from({ length: 100 }, (_, i) => i),
          { dtype: tf.float32 },
        );
        const w = tf.Variable(tf.ones([100]), { dtype: tf.float32 }).div(100);
        const k = tf.Variable(0, { dtype: tf.int32 });
        const chgW = tf.constant(Number.POSITIVE_INFINITY, { dtype: tf.float32 });
        const cond = (k: T, _w: T, chgW: T): T => tf.logical_and(tf.less(k, 10), tf.greater(chgW, 1e-3));
        const body = (k: T, w: T, _chgW: T): T[] => {
          const [grad] = tf.gradients(tf.reduce_sum(w.mul(c)).neg(), w) as T[];
          let wN = w.mul(tf.exp(grad!.mul(-0.1)));
          wN = wN.div(tf.reduce_sum(wN));
          const chg = tf.reduce_sum(tf.abs(wN.sub(w))).div(tf.reduce_sum(tf.abs(w)));
          return [k.add(1), wN, chg];
        };
        const [, wOut] = tf.while_loop(cond, body, [k, w, chgW]) as T[];
        return tf.gradients(wOut!, c)[0];
      });
      expect(grad).not.toBeNull();
    });
  });
});
