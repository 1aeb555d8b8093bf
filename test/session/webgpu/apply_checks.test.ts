// The optimizers' Apply* ops on both backends where the plan cannot check them: a slot whose shape changed
// (Assign with validate_shape=false) fails before any storage is written, with TF1's training_ops.cc message.
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';

async function staleSlot(backend: 'cpu' | 'webgpu'): Promise<{ error: unknown; w: number[] }> {
  const g = new tf.Graph();
  const { w, accum, apply, init, reshape } = g.as_default(() => {
    const w = tf.Variable(tf.constant([1, 2], tf.float32), { name: 'w' });
    const accum = tf.Variable(tf.constant([0, 0], tf.float32), { name: 'accum', trainable: false });
    const apply = g.create_op(
      'ApplyMomentum',
      [w._ref(), accum._ref(), tf.constant(0.5, tf.float32), tf.constant([1, 1], tf.float32), tf.constant(0.9, tf.float32)],
      { use_locking: false, use_nesterov: false },
      'ApplyMomentum',
    );
    const reshape = tf.assign(accum, tf.constant([1, 2, 3], tf.float32), { validate_shape: false });
    return { w, accum, apply, init: tf.global_variables_initializer(), reshape };
  });
  const sess = new tf.Session({ graph: g, backend });
  try {
    await sess.run(init);
    await sess.run(apply);
    expect(Array.from((await sess.run(accum.value())).data)).toEqual([1, 1]);
    await sess.run(reshape);
    const error = await sess.run(apply).then(
      () => null,
      (e: unknown) => e,
    );
    return { error, w: Array.from((await sess.run(w.value())).data) };
  } finally {
    sess.close();
  }
}

describe('Apply* ops check their slots at run time', () => {
  for (const backend of ['cpu', 'webgpu'] as const) {
    it(`on ${backend}: var and accum of different shapes is TF1's InvalidArgumentError, the variable unchanged`, async () => {
      const { error, w } = await staleSlot(backend);
      expect(error).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(String((error as Error).message)).toContain('var and accum do not have the same shape[2] [3]');
      expect(w).toEqual([0.5, 1.5]);
    });
  }
});
