// The optimizers' Apply* ops on both backends where the plan cannot check them: a slot whose shape changed
// (Assign with validate_shape=false) fails before any storage is written, with TF1's training_ops.cc message; and
// ApplyFtrlV2's value checks of hyperparameters that WebGPU reads on the host.
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

/** FtrlOptimizer (ApplyFtrlV2 with a shrinkage) on `backend`, its learning rate fed: three steps, then one with lr 0. */
async function ftrlRun(backend: 'cpu' | 'webgpu'): Promise<{ after: number[]; error: unknown; w: number[] }> {
  const g = new tf.Graph();
  const { W, lr, update, init } = g.as_default(() => {
    const W = tf.Variable(
      tf.constant(
        [
          [1, -2, 0.5],
          [3, 0.25, -1],
        ],
        tf.float32,
      ),
      { name: 'W' },
    );
    const lr = tf.placeholder(tf.float32, []);
    const x = tf.constant(
      [
        [0.5, -1],
        [2, 1],
        [-0.5, 0.75],
      ],
      tf.float32,
    );
    const loss = tf.reduce_sum(tf.square(tf.matmul(W.value(), x)));
    const opt = new tf.train.FtrlOptimizer(lr, { learning_rate_power: -0.75, l1_regularization_strength: 0.01, l2_shrinkage_regularization_strength: 0.1 });
    return { W, lr, update: opt.minimize(loss), init: tf.global_variables_initializer() };
  });
  const sess = new tf.Session({ graph: g, backend });
  const feed = (v: number) => new Map([[lr, new tf.NDArray(Float32Array.of(v), [], 'float32')]]);
  try {
    await sess.run(init);
    for (let i = 0; i < 3; i++) await sess.run(update, feed(0.5));
    const after = Array.from((await sess.run(W.value())).data);
    const error = await sess.run(update, feed(0)).then(
      () => null,
      (e: unknown) => e,
    );
    return { after, error, w: Array.from((await sess.run(W.value())).data) };
  } finally {
    sess.close();
  }
}

describe("ApplyFtrlV2 reads its hyperparameters on the host on WebGPU, with TF1's value checks", () => {
  it('trains as the CPU backend does, and a fed lr of 0 fails before the variable is written', async () => {
    const [cpu, gpu] = [await ftrlRun('cpu'), await ftrlRun('webgpu')];
    expect(cpu.after).not.toEqual([1, -2, 0.5, 3, 0.25, -1]);
    for (let i = 0; i < 6; i++) expect(Math.abs(gpu.after[i]! - cpu.after[i]!)).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(cpu.after[i]!)));
    for (const r of [cpu, gpu]) {
      expect(r.error).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(String((r.error as Error).message)).toContain('lr is not a positive scalar: []');
      expect(r.w).toEqual(r.after);
    }
  });
});
