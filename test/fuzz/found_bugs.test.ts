// Bugs the fuzzers found in the CPU executor, its kernels and the VariableV2 attribute; each test states TF1's behaviour.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';

async function session<M extends object>(build: () => M) {
  const g = new tf.Graph();
  const m = g.as_default(() => ({ ...build(), init: tf.global_variables_initializer() }));
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  await sess.run(m.init);
  return { sess, m };
}

describe('gaps the fuzzers found, now fixed', () => {
  // src/session/cpu/backend.ts (Assign) and session/kernels/state.ts (AssignAdd/Sub, ApplyGradientDescent) do not
  // compare the value's run-time shape with the variable's when the plan could not know it.
  it('a ref write whose value shape is known only at run time is checked (TF1: InvalidArgumentError)', async () => {
    const { sess, m } = await session(() => {
      const v = tf.Variable(tf.zeros([2]));
      const dims = tf.placeholder(tf.int32, [1]);
      return { v, dims, add: v.assign_add(tf.fill(dims, 1.5)), set: v.assign(tf.fill(dims, 1.5)) };
    });
    const { v, dims, add, set } = m;
    await expect(sess.run(add, new Map([[dims, [1]]]))).rejects.toBeInstanceOf(tf.errors.InvalidArgumentError);
    await expect(sess.run(set, new Map([[dims, [3]]]))).rejects.toThrow('Assign requires shapes of both tensors to match. lhs shape= [2] rhs shape= [3]');
    expect((await sess.run(v)).tolist()).toEqual([0, 0]);
  });

  // TF1 gives a variable made with validate_shape=false an unknown shape; the VariableV2 shape attribute
  // (src/framework/ops/state.ts) cannot say "unknown rank", so such a variable claims shape () and its reads fail.
  it('validate_shape=false with an initial value of unknown rank (TF1: shape <unknown>)', async () => {
    const g = new tf.Graph();
    const { x, v } = g.as_default(() => {
      const x = tf.placeholder(tf.float32);
      return { x, v: tf.Variable(x, { validate_shape: false }) };
    });
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    expect(String(v.shape)).toBe('<unknown>');
    await sess.run(v.initializer, new Map([[x, [1, 2, 3]]]));
    expect((await sess.run(v)).tolist()).toEqual([1, 2, 3]);
  });

  // src/session/kernels/nn.ts sizes its per-row scratch by the class count before looking at the row
  // count, so an empty batch with a huge class dimension throws a RangeError (reported as InternalError).
  it('softmax of an empty batch is empty, whatever the class count (TF1 returns shape [0, n])', async () => {
    const g = new tf.Graph();
    const y = g.as_default(() => tf.nn.softmax(tf.ones([0, 2 ** 40])));
    const out = await new tf.Session({ graph: g, backend: 'cpu' }).run(y);
    expect(out.shape).toEqual([0, 2 ** 40]);
  });
});
