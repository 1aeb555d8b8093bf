// A failed run changes no variable (run_guard.ts), for plans with a while loop too: a body's write comes before a
// later iteration's failure, so the session saves what such a plan writes and restores it (the CPU backend here; the
// WebGPU backend's run of the same cases: test/session/webgpu/loop_variables.test.ts).
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { compilePlan } from '../../src/session/plan.js';
import { variablesAtRisk } from '../../src/session/run_guard.js';

type T = tf.Tensor;

/** v += 1 in each iteration of a three-iteration loop whose iteration 1 divides by d - 1 (zero when d is 1). */
function build(g: tf.Graph) {
  return g.as_default(() => {
    const v = tf.Variable(tf.constant(5), { name: 'v' });
    const d = tf.placeholder(tf.int32, [], { name: 'd' });
    const body = (i: T): T => tf.control_dependencies([tf.assign_add(v, 1)], () => tf.add(tf.add(i, 1), tf.floordiv(0, tf.subtract(d, i))));
    return { v, d, r: tf.while_loop((i: T) => tf.less(i, 3), body, [tf.constant(0)]) as T };
  });
}

describe('the run guard with while loops', () => {
  it('a loop run that fails after a body wrote a variable leaves it unchanged; one that succeeds keeps every write', async () => {
    const g = new tf.Graph();
    const { v, d, r } = build(g);
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    const feeds = (k: number) => new Map([[d, new tf.NDArray(Int32Array.of(k), [], 'int32')]]);
    try {
      await sess.run(v.initializer);
      await expect(sess.run(r, feeds(1))).rejects.toThrow(/^Integer division by zero/);
      expect((await sess.run(v.value())).item()).toBe(5);
      expect((await sess.run(r, feeds(9))).item()).toBe(3);
      expect((await sess.run(v.value())).item()).toBe(8);
    } finally {
      sess.close();
    }
  });

  it('variablesAtRisk: a loop plan’s written variables when a loop body writes one, none when its writes are outside loops', () => {
    const g = new tf.Graph();
    const { v, d, r } = build(g);
    const feeds = new Map([[d, new tf.NDArray(Int32Array.of(9), [], 'int32')]]);
    const inBody = g.as_default(() => compilePlan([r], feeds));
    expect(inBody.loop).toBeDefined();
    expect(variablesAtRisk(inBody)).toEqual([v.op]);
    const outside = g.as_default(() => {
      const w = tf.Variable(tf.constant(1.0), { name: 'w' });
      const [, s] = tf.while_loop(
        (i: T) => tf.less(i, 3),
        (i: T, x: T) => [tf.add(i, 1), tf.multiply(x, 2.0)],
        [tf.constant(0), tf.constant(1.0)],
      ) as T[];
      return compilePlan([tf.assign_add(w, s!).op], new Map());
    });
    expect(outside.loop).toBeDefined();
    expect(variablesAtRisk(outside)).toEqual([]);
  });
});
