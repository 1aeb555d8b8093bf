// TF1 r1.12's control_flow_ops_py_test.py ControlFlowTest: loops built from the raw ops (Enter, Merge, Switch,
// NextIteration, Exit, as gen_control_flow_ops makes them; here Graph.create_op), frames and shapes. One `it` per
// TF1 test method, with TF1's inputs and expected values.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllEqual, inSession, rejected } from './helpers.js';

type T = tf.Tensor;

/** gen_control_flow_ops.enter(data, frame_name, is_constant). */
const enter = (g: tf.Graph, data: T, frame: string, isConstant = false): T =>
  g.create_op('Enter', [data], { frame_name: frame, is_constant: isConstant, parallel_iterations: 10 }).outputs[0]!;
/** A one-input control-flow op (Exit, NextIteration, LoopCond) as control_flow_ops makes it. */
const raw = (g: tf.Graph, type: 'Exit' | 'NextIteration' | 'LoopCond', x: T): T => g.create_op(type, [x], {}).outputs[0]!;
/** control_flow_ops.merge and switch (Merge's value_index and Switch's outputs as TF1's). */
const merge = (g: tf.Graph, a: T, b: T, name?: string): T => g.create_op('Merge', [a, b], {}, name).outputs[0]!;
const switch_ = (g: tf.Graph, x: T, p: T): readonly T[] => g.create_op('Switch', [x, p], {}).outputs;
/** TF1's `merge_i.op._update_input(1, next_i)`: the loop's back edge. */
const backEdge = (g: tf.Graph, m: T, next: T): void => g._update_input(m.op, 1, next);

/** testLoop_1 and testLoop_2's loop, i from 0 while i < 10. */
function countTo10(g: tf.Graph): T {
  const zero = tf.constant(0);
  const one = tf.constant(1);
  const n = tf.constant(10);
  const enterI = enter(g, zero, 'foo');
  const enterOne = enter(g, one, 'foo', true);
  const enterN = enter(g, n, 'foo', true);
  const mergeI = merge(g, enterI, enterI);
  const cond = raw(g, 'LoopCond', tf.less(mergeI, enterN));
  const [f, t] = switch_(g, mergeI, cond) as [T, T];
  backEdge(g, mergeI, raw(g, 'NextIteration', tf.add(t, enterOne)));
  return raw(g, 'Exit', f);
}

describe('ControlFlowTest (raw loop ops and frames)', () => {
  it('testEnterMulExit', async () => {
    await inSession(async (g, sess) => {
      const exitOp = g.as_default(() => {
        const data = tf.constant([1, 2, 3, 4, 5, 6], { name: 'data' });
        const enterData = enter(g, data, 'foo_1');
        const enterFive = enter(g, tf.constant(5), 'foo_1');
        return raw(g, 'Exit', tf.multiply(enterData, enterFive));
      });
      assertAllEqual(await sess.run(exitOp), [5, 10, 15, 20, 25, 30]);
    });
  });

  it('testEnterShapePropagation', () => {
    const g = new tf.Graph();
    g.as_default(() => {
      const v = tf.Variable([0.0, 0.0], { dtype: tf.float32 });
      // is_constant: the shape propagates; otherwise it is unknown
      const c = g.create_op('RefEnter', [v._ref()], { frame_name: 'frame1', is_constant: true, parallel_iterations: 10 }).outputs[0]!;
      expect(c.shape.as_list()).toEqual([2]);
      const nc = g.create_op('RefEnter', [v._ref()], { frame_name: 'frame2', is_constant: false, parallel_iterations: 10 }).outputs[0]!;
      expect(nc.shape.dims).toBeNull();
    });
  });

  it('testLoop_false', async () => {
    await inSession(async (g, sess) => {
      const exitN = g.as_default(() => {
        const enterFalse = enter(g, tf.convert_to_tensor(false), 'foo_1');
        const enterN = enter(g, tf.constant(10), 'foo_1');
        const mergeN = merge(g, enterN, enterN, 'merge_n');
        const f = switch_(g, mergeN, enterFalse)[0]!;
        const exitN = raw(g, 'Exit', f);
        backEdge(g, mergeN, raw(g, 'NextIteration', f));
        return exitN;
      });
      assertAllEqual(await sess.run(exitN), 10);
    });
  });

  it('testLoop_1', async () => {
    await inSession(async (g, sess) => assertAllEqual(await sess.run(g.as_default(() => countTo10(g))), 10));
  });

  it('testLoop_2 (the NextIteration on another device in TF1: one device here)', async () => {
    await inSession(async (g, sess) => assertAllEqual(await sess.run(g.as_default(() => countTo10(g))), 10));
  });

  it('testDifferentFrame', async () => {
    await inSession(async (g, sess) => {
      const [data, res] = g.as_default(() => {
        const data = tf.placeholder(tf.float32, { shape: [] });
        return [data, tf.add(enter(g, data, 'foo_1'), enter(g, data, 'foo_2'))] as const;
      });
      const e = await rejected(sess.run(res, new Map([[data, 1.0]])));
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e.message).toMatch(/has inputs from different frames/);
      expect(e.message).toBe(
        "The node 'Add' has inputs from different frames. The input 'Enter_1' is in frame 'foo_2'. The input 'Enter' is in frame 'foo_1'.",
      );
    });
  });
});
