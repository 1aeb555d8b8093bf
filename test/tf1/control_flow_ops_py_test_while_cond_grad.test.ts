// TF1 r1.12's control_flow_ops_py_test.py ControlFlowTest: gradients of a tf.cond inside a tf.while_loop (and of a
// loop inside a cond inside a loop), one `it` per TF1 test method with TF1's inputs and expected values, plus the
// gradient graph r1.12 builds for it (the predicate and the branch's values kept on stacks, their pops guarded).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { assertAllClose, computeGradientError, inSession } from './helpers.js';

type T = tf.Tensor;
const f32 = (v: number, name?: string): T => tf.constant(v, { dtype: tf.float32, name });

/** testWhileCondGrad_Simple's and _UnknownShape's loop: x² while x < 100, through a cond whose true branch is taken. */
function squareInCond(v: T): T {
  const n = tf.convert_to_tensor(100.0, { name: 'n', dtype: tf.float32 });
  const one = tf.convert_to_tensor(1.0, { name: 'one', dtype: tf.float32 });
  const c = (x: T): T => tf.less(x, n);
  const b = (x: T): T =>
    tf.cond(
      tf.constant(true),
      () => tf.square(x),
      () => tf.subtract(x, one),
    ) as T;
  return tf.while_loop(c, b, [v]) as T;
}

describe('ControlFlowTest (gradients of a cond inside a while loop)', () => {
  it('testWhileCondGrad_Simple', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const v = tf.convert_to_tensor(2.0, { name: 'v', dtype: tf.float32 });
        return denseGradients(squareInCond(v), v)[0]!;
      });
      assertAllClose(await sess.run(r), 1024.0);
      // r1.12's graph: the predicate kept per iteration (its pop the Switch `cond_grad` reads), Square's input
      // pushed only when the branch is taken (the stack's handle enters the branch through a Switch, and the push
      // triggers f_sync) and popped through a Switch on the kept predicate
      const op = (name: string): tf.Operation => g.get_operation_by_name(name);
      expect(op('gradients/while/cond/Merge_grad/cond_grad').inputs.map((t) => t.name)).toEqual([
        'gradients/while/Merge_grad/Switch:1',
        'gradients/while/cond/Merge_grad/StackPopV2:0',
      ]);
      expect(op('gradients/while/cond/Merge_grad/StackPushV2').inputs[1]!.name).toBe('while/cond/pred_id:0');
      const push = op('gradients/while/cond/Square_grad/Mul/StackPushV2');
      expect(push.inputs.map((t) => t.name)).toEqual(['gradients/while/cond/Square_grad/Mul/StackPushV2/Switch:1', 'while/cond/Square/Switch:1']);
      expect(op('gradients/while/cond/Square_grad/Mul/f_sync').control_inputs).toEqual([push]);
      const pop = op('gradients/while/cond/Square_grad/Mul/StackPopV2');
      expect(pop.inputs[0]!.name).toBe('gradients/while/cond/Square_grad/Mul/Switch:1');
      expect(pop.inputs[0]!.op.inputs[1]!.name).toBe('gradients/while/cond/Merge_grad/StackPopV2:0');
    });
  });

  it('testWhileCondGrad_UnknownShape', async () => {
    await inSession(async (g, sess) => {
      const [v, r] = g.as_default(() => {
        const v = tf.placeholder(tf.float32);
        return [v, denseGradients(squareInCond(v), v)[0]!];
      });
      assertAllClose(await sess.run(r, new Map([[v, 2.0]])), 1024.0);
    });
  });

  it('testWhileCondGradMultiDevice (without its devices): the taken branch per iteration comes from a fed predicate', async () => {
    await inSession(async (g, sess) => {
      const [pred, grad] = g.as_default(() => {
        const pred = tf.placeholder(tf.bool, []);
        const xInit = f32(1.0);
        const z = tf.while_loop(
          (i: T, _x: T) => tf.less(i, 3),
          (i: T, x: T) => [
            tf.add(i, 1),
            tf.cond(
              pred,
              () => x.mul(2.0),
              () => f32(10.0),
            ),
          ],
          [tf.constant(0), xInit],
        ) as T[];
        return [pred, denseGradients(z, xInit)[0]!];
      });
      assertAllClose(await sess.run(grad, new Map([[pred, true]])), 8.0);
      assertAllClose(await sess.run(grad, new Map([[pred, false]])), 0.0);
    });
  });

  it('testCondWhile_3 (its gradient half): a loop inside a cond, differentiated from outside the cond', async () => {
    await inSession(async (g, sess) => {
      const [p, r, r1] = g.as_default(() => {
        const p = tf.placeholder(tf.bool);
        const n = f32(0.0);
        const r = tf.cond(
          p,
          () =>
            tf.while_loop(
              (x: T) => tf.less(x, 10.0),
              (x: T) => tf.add(x, 1.0),
              [n],
            ),
          () => tf.multiply(n, 2.0),
        ) as T;
        return [p, r, denseGradients(r, [n]) as T[]] as const;
      });
      // r1.12's ExitResult: the branch returns the loop's exit itself, not through a Switch
      expect(r.op.inputs[1]!.name).toBe('cond/while/Exit:0');
      const on = new Map([[p, true]]);
      const off = new Map([[p, false]]);
      assertAllClose(await sess.run(r, on), 10.0);
      assertAllClose((await sess.run(r1, on)) as tf.NDArray[], [1.0]);
      assertAllClose(await sess.run(r, off), 0.0);
      assertAllClose((await sess.run(r1, off)) as tf.NDArray[], [2.0]);
    });
  });

  it('testNestedWhileCondWhileGrad: a loop inside a cond inside a loop', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const v = f32(1.0);
        const innerLoop = (s: T): T[] =>
          tf.while_loop(
            (i: T, _x: T) => tf.less(i, 4),
            (i: T, x: T) => [tf.add(i, 1), tf.multiply(x, 2.0)],
            [tf.constant(0), s],
          ) as T[];
        const r = tf.while_loop(
          (x: T) => tf.less(x, 128.0),
          (x: T) =>
            tf.cond(
              tf.constant(true),
              () => tf.square(innerLoop(x)[1]!),
              () => tf.multiply(x, 2.0),
            ) as T,
          [v],
        ) as T;
        return denseGradients(r, v)[0]!;
      });
      assertAllClose(await sess.run(r), 512.0);
    });
  });

  it('testCondGradInNestedWhiles: tf.gradients of a cond, called inside the inner of two loops', async () => {
    await inSession(async (g, sess) => {
      const [i, x] = g.as_default(() => {
        const innerBody = (j: T, x: T): T[] => {
          const y = tf.cond(
            tf.less(x, 1),
            () => x.mul(2),
            () => x,
          ) as T;
          return [j.add(1), denseGradients(y, x)[0]!];
        };
        const outerBody = (i: T, _x: T): T[] => {
          const [, x] = tf.while_loop((j: T, _x: T) => tf.less(j, 3), innerBody, [tf.constant(0), f32(0.0)]) as T[];
          return [i.add(1), x!];
        };
        return tf.while_loop((i: T, _x: T) => tf.less(i, 3), outerBody, [tf.constant(0), f32(0.0)]) as T[];
      });
      const [iv, xv] = (await sess.run([i!, x!])) as tf.NDArray[];
      assertAllClose(iv!, 3);
      assertAllClose(xv!, 1.0);
    });
  });

  it('compute_gradient_error of a loop whose body is a cond switching branches along the loop (float64)', async () => {
    const err = await computeGradientError(
      () => {
        const x = tf.placeholder(tf.float64, [3]);
        const v0 = tf.constant([0.5, -0.25, 1.0], { dtype: tf.float64 });
        const body = (i: T, v: T): T[] => [
          tf.add(i, 1),
          tf.cond(
            tf.equal(tf.mod(i, 2), 0),
            () => tf.sin(v).mul(x),
            () => tf.tanh(v.add(x)).sub(tf.square(x)),
          ) as T,
        ];
        const y = (tf.while_loop((i: T, _v: T) => tf.less(i, 5), body, [tf.constant(0), v0]) as T[])[1]!;
        return { x, y };
      },
      [3],
      [3],
    );
    expect(err).toBeLessThan(1e-5);
  });

  it('compute_gradient_error of a loop inside a cond taken only in some iterations of a loop, a cond in the inner loop (float64)', async () => {
    // the inner loop's gradient loop runs dead in the iterations that skip it; its exits become dead only once it has ended
    const err = await computeGradientError(
      () => {
        const x = tf.placeholder(tf.float64, [2]);
        const innerBody = (j: T, v: T): T[] => [
          j.add(1),
          tf.cond(
            tf.equal(tf.mod(j, 2), 0),
            () => tf.sin(v).mul(x),
            () => v.add(tf.square(x)).mul(0.5),
          ) as T,
        ];
        const inner = (v: T): T => (tf.while_loop((j: T, _v: T) => tf.less(j, 3), innerBody, [tf.constant(0), v]) as T[])[1]!;
        const outerBody = (i: T, v: T): T[] => [
          i.add(1),
          tf.cond(
            tf.less(i, 1),
            () => inner(v),
            () => tf.cos(v),
          ) as T,
        ];
        const y = (tf.while_loop((i: T, _v: T) => tf.less(i, 3), outerBody, [tf.constant(0), x]) as T[])[1]!;
        return { x, y };
      },
      [2],
      [2],
    );
    expect(err).toBeLessThan(1e-5);
  });
});
