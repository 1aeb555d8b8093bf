// A variable read that a run orders after the variable's initializer (TF1's with_dependencies on
// v.initializer, as tf.tuple's tests build it) sees the assigned value, on both backends.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { with_dependencies } from '../../src/ops/control_flow_ops.js';

describe('a run that initializes a variable and then reads it', () => {
  for (const backend of ['cpu', 'webgpu'] as const) {
    it(`reads the assigned value, not the uninitialized one (${backend})`, async () => {
      const g = new tf.Graph();
      const { v, y } = g.as_default(() => {
        const v = tf.Variable(tf.constant([1, 2], tf.float32));
        return { v, y: tf.add(with_dependencies([v.initializer], v._ref()), 2) };
      });
      const sess = new tf.Session({ graph: g, backend });
      expect((await sess.run(y)).tolist()).toEqual([3, 4]);
      expect((await sess.run(v)).tolist()).toEqual([1, 2]);
      sess.close();
    });
  }

  it('a read ordered before any assign of an uninitialized variable is still FailedPreconditionError', async () => {
    const g = new tf.Graph();
    const { v } = g.as_default(() => ({ v: tf.Variable(tf.constant([1, 2], tf.float32)) }));
    const sess = new tf.Session({ graph: g, backend: 'cpu' });
    await expect(sess.run(v.value())).rejects.toThrow(tf.errors.FailedPreconditionError);
    sess.close();
  });
});
