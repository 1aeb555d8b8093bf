// TF1 r1.12's control_flow_ops_py_test.py ControlFlowTest: the simplest while_loop cases (forward only), one `it`
// per TF1 test method with TF1's inputs and expected values, plus the graph r1.12 builds and the refusals of what
// is not there yet (gradients through a loop).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual, inSession, rejected, thrown } from './helpers.js';

type T = tf.Tensor;

/** TF1's isum helper: sums i for i in 0..9 into s (stopping early at maximum_iterations). */
function isum(s: T, maximum_iterations: number | null = null): T {
  const i = tf.constant(0, { name: 'i' });
  const c = (i: T, _s: T): T => tf.less(i, 10);
  const b = (i: T, s: T): T[] => [tf.add(i, 1), tf.add(i, s)];
  const [, rs] = tf.while_loop(c, b, [i, s], { maximum_iterations }) as T[];
  return rs!;
}

describe('ControlFlowTest (while_loop)', () => {
  it('testWhile_1', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const n = tf.constant(0);
        return tf.while_loop(
          (x: T) => tf.less(x, 10000),
          (x: T) => tf.add(x, 1),
          [n],
          { parallel_iterations: 20 },
        ) as T;
      });
      assertAllEqual(await sess.run(r), 10000);
    });
  });

  it('testWhile_2', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => isum(tf.constant(0)));
      assertAllEqual(await sess.run(r), 45);
    });
  });

  it('testWhile_3 (a value from outside the loop, as a loop invariant)', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const compute = (i: T, m: T, c: T, o: T): T[] => {
          const m2 = tf.add(m, 1);
          const c2 = tf.add(c, 1);
          const o2 = tf.add(tf.add(o, m2), c2);
          return [tf.add(i, 1), m2, c2, o2];
        };
        const [i, m, c, o] = [0, 0, 0, 0].map((v) => tf.convert_to_tensor(v));
        const d = tf.convert_to_tensor(100);
        return tf.while_loop((i: T) => tf.less(i, d), compute, [i, m, c, o]) as T[];
      });
      assertAllEqual(await sess.run(r[3]!), 10100);
    });
  });

  it('testWhileWithMaximumIterations', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => isum(tf.constant([1, 2, 3, 4, 5]), 3));
      assertAllEqual(await sess.run(r), [1 + 3, 2 + 3, 3 + 3, 4 + 3, 5 + 3]);
    });
  });

  it('testWhileWithMaximumIterationsAndSingleArgument', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(
        () =>
          tf.while_loop(
            (i: T) => tf.less(i, 3),
            (i: T) => tf.add(i, 1),
            [0],
            { maximum_iterations: 1 },
          ) as T,
      );
      assertAllEqual(await sess.run(r), 1);
    });
  });

  it('testWhileWithNonTensorInput_Scalar', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(
        () =>
          tf.while_loop(
            (x: T) => tf.less(x, 10000),
            (x: T) => tf.add(x, 1),
            [0],
            { parallel_iterations: 20 },
          ) as T,
      );
      assertAllEqual(await sess.run(r), 10000);
    });
  });

  it('testCondInWhile', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() => {
        const n = tf.convert_to_tensor(0, { name: 'n' });
        const c = (x: T): T => tf.less(x, 10);
        const b = (x: T): T =>
          tf.cond(
            tf.constant(true),
            () => tf.add(x, 1),
            () => n,
          ) as T;
        return tf.while_loop(c, b, [n]) as T;
      });
      assertAllEqual(await sess.run(r), 10);
    });
  });

  it('testWhileShapeInference', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const i = tf.constant(0);
      const m = tf.ones([2, 2]);
      const c = (i: T, _j: T): T => tf.less(i, 2);
      const b = (i: T, j: T): T[] => [tf.add(i, 1), tf.concat([j, j], 0)];
      const r = tf.while_loop(c, b, [i, m], [i.get_shape(), new tf.TensorShape([null, 2])]) as T[];
      expect(r[1]!.get_shape().dims).toEqual([null, 2]);
      const e = thrown(() => tf.while_loop(c, b, [i, m]));
      expect(e).toBeInstanceOf(tf.errors.ValueError);
      expect(e.message).toBe(
        "Input tensor 'ones:0' enters the loop with shape (2, 2), but has shape (4, 2) after one iteration. To allow the shape to vary across iterations, use the `shape_invariants` argument of tf.while_loop to specify a less-specific shape.",
      );
    });
  });

  it('nested structures of loop variables (return_same_structure)', async () => {
    await inSession(async (g, sess) => {
      const r = g.as_default(() =>
        tf.while_loop(
          (v: { a: T; b: [T, T] }) => tf.less(v.a, 4),
          (v: { a: T; b: [T, T] }) => [{ a: tf.add(v.a, 1), b: [tf.multiply(v.b[0], 2), tf.add(v.b[1], v.a)] }],
          [{ a: tf.constant(0), b: [tf.constant(1), tf.constant(10)] }],
          { return_same_structure: true },
        ),
      ) as [{ a: T; b: [T, T] }];
      const [a, b0, b1] = await sess.run([r[0].a, r[0].b[0], r[0].b[1]]);
      assertAllEqual(a!, 4);
      assertAllEqual(b0!, 16);
      assertAllEqual(b1!, 16);
    });
  });

  it("builds r1.12's graph: while/Enter, Merge, Switch, Identity, NextIteration, Exit, LoopCond", () => {
    const g = new tf.Graph();
    g.as_default(() => isum(tf.constant(0), 3));
    const byName = new Map(g.get_operations().map((o) => [o.name, o]));
    for (const [name, type] of [
      ['while/Enter', 'Enter'],
      ['while/Merge', 'Merge'],
      ['while/Less', 'Less'],
      ['while/LoopCond', 'LoopCond'],
      ['while/Switch', 'Switch'],
      ['while/Identity', 'Identity'],
      ['while/NextIteration', 'NextIteration'],
      ['while/Exit', 'Exit'],
      ['while/iteration_counter', 'Const'],
    ]) {
      expect(byName.get(name!)?.type).toBe(type);
    }
    const merge = byName.get('while/Merge')!;
    expect(merge.inputs.map((t) => t.name)).toEqual(['while/Enter:0', 'while/NextIteration:0']);
    expect(byName.get('while/Enter')!.get_attr('frame_name')).toBe('while/while_context');
    expect(byName.get('while/Enter')!.get_attr('is_constant')).toBe(false);
    // maximum_iterations enters the loop as a loop invariant
    const invariant = byName.get('while/Less')!.inputs[1]!.op;
    expect(invariant.type).toBe('Enter');
    expect(invariant.get_attr('is_constant')).toBe(true);
  });

  it("tf.gradients builds r1.12's gradient loop: f_count, b_count, b_exit, b_switch, the stacks, b_acc", () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const a = tf.constant(3.0, { dtype: tf.float32, name: 'a' });
      const x = tf.constant(2.0, { dtype: tf.float32 });
      const r = tf.while_loop(
        (v: T) => tf.less(v, 10),
        (v: T) => tf.multiply(v, a),
        [x],
      ) as T;
      tf.gradients(r, [a, x]);
      const type = (name: string): string => g.get_operation_by_name(name).type;
      expect(type('gradients/f_count')).toBe('Const');
      expect(type('gradients/f_count_1')).toBe('Enter');
      expect(type('gradients/f_count_2')).toBe('Exit');
      expect(type('gradients/b_count_1')).toBe('Enter');
      expect(type('gradients/b_count_2')).toBe('LoopCond');
      expect(type('gradients/b_count_3')).toBe('Exit');
      expect(type('gradients/while/Mul_grad/Mul_1/b_sync')).toBe('ControlTrigger');
      expect(type('gradients/while/Exit_grad/b_exit')).toBe('Enter');
      expect(type('gradients/while/Switch_grad/b_switch')).toBe('Merge');
      expect(type('gradients/while/Switch_grad_1/NextIteration')).toBe('NextIteration');
      expect(type('gradients/while/Merge_grad/Switch')).toBe('Switch');
      expect(type('gradients/while/Enter_grad/Exit')).toBe('Exit');
      expect(type('gradients/while/Mul_grad/Mul_1/f_acc')).toBe('StackV2');
      expect(type('gradients/while/Mul_grad/Mul_1/StackPushV2')).toBe('StackPushV2');
      expect(type('gradients/while/Mul_grad/Mul_1/StackPopV2')).toBe('StackPopV2');
      expect(type('gradients/while/Mul/Enter_grad/b_acc_3')).toBe('Exit');
      // the frames: the forward loop's counter runs in the forward frame, the gradient loop in its own
      expect(g.get_operation_by_name('gradients/f_count_1').get_attr('frame_name')).toBe('while/while_context');
      expect(g.get_operation_by_name('gradients/b_count_1').get_attr('frame_name')).toBe('gradients/while/while_context');
    });
  });

  it('a fetched tensor inside the loop cannot be fetched', async () => {
    await inSession(async (g, sess) => {
      const body = g.as_default(() => {
        let inner: T | null = null;
        tf.while_loop(
          (v: T) => tf.less(v, 3),
          (v: T) => (inner = tf.add(v, 1)),
          [tf.constant(0)],
        );
        return inner as unknown as T;
      });
      const e = await rejected(sess.run(body));
      expect(e.message).toBe("Operation 'while/Add' has been marked as not fetchable.");
    });
  });
});
