// TF1's tensorflow/python/layers/normalization_test.py (r1.12), BNTest's checkpoint methods on the CPU: a conv2d and
// BatchNormalization model trained two steps with GradientDescent (the moving averages' UPDATE_OPS as control
// dependencies while training), saved, restored into a model built with the other `fused` setting, trained on, and
// used for inference: FusedBatchNorm (fused=True) against the non-fused graph, the variables' names shared through
// checkpoints; the GPU variants are the same runs here.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { assertAllClose, rng } from './helpers.js';

const shape = [2, 4, 5, 3];
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tf1ts-bn-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** TF1's `_simple_model(image, fused, freeze_mode)`. */
function simpleModel(image: tf.Tensor, fused: boolean, freezeMode: boolean): { loss: tf.Tensor; trainOp: tf.Operation; saver: tf.train.Saver } {
  const conv = tf.layers.conv2d(image, 2, 3, { use_bias: false, kernel_initializer: tf.ones_initializer() });
  const bnLayer = new tf.layers.BatchNormalization({ fused });
  bnLayer._bessels_correction_test_only = false;
  const bn = bnLayer.apply(conv, { training: !freezeMode });
  const loss = tf.reduce_sum(tf.abs(bn));
  const optimizer = new tf.train.GradientDescentOptimizer(0.01);
  const updateOps = tf.get_collection(tf.GraphKeys.UPDATE_OPS) as tf.Tensor[];
  const trainOp = freezeMode ? optimizer.minimize(loss) : tf.control_dependencies(updateOps, () => optimizer.minimize(loss));
  return { loss, trainOp, saver: new tf.train.Saver() };
}

/** `np.random.rand(*shape)` after `np.random.seed(0)`: a seeded stream here. */
function images(next: () => number): tf.NDArray {
  const a = tf.NDArray.zeros(shape, 'float32');
  for (let i = 0; i < a.size; i++) a.data[i] = next();
  return a;
}

/** TF1's `_train(checkpoint_path, shape, use_gpu, is_fused, restore, freeze_mode)`: the variables' values when restoring. */
async function train(checkpoint: string, fused: boolean, restore: boolean, freezeMode: boolean): Promise<tf.NDArray[] | null> {
  const g = new tf.Graph();
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  try {
    const { image, loss, trainOp, saver } = g.as_default(() => {
      const img = tf.placeholder(tf.float32, shape);
      return { image: img, ...simpleModel(img, fused, freezeMode) };
    });
    if (restore) await saver.restore(sess, checkpoint);
    else await sess.run(g.as_default(() => tf.global_variables_initializer()));
    const next = rng(0);
    for (let step = 0; step < 2; step++) await sess.run([loss, trainOp], new Map([[image, images(next)]]) as never);
    if (!restore) {
      await saver.save(sess, checkpoint);
      return null;
    }
    return await sess.run((g.get_collection(tf.GraphKeys.GLOBAL_VARIABLES) as tf.RefVariable[]).map((v) => v.value()));
  } finally {
    sess.close();
  }
}

/** TF1's `_infer(checkpoint_path, image_val, shape, use_gpu, is_fused)`. */
async function infer(checkpoint: string, imageVal: tf.NDArray, fused: boolean): Promise<tf.NDArray> {
  const g = new tf.Graph();
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  try {
    const { image, loss, saver } = g.as_default(() => {
      const img = tf.placeholder(tf.float32, shape);
      return { image: img, ...simpleModel(img, fused, true) };
    });
    await saver.restore(sess, checkpoint);
    return await sess.run(loss, new Map([[image, imageVal]]) as never);
  } finally {
    sess.close();
  }
}

/** TF1's `_testCheckpoint(...)` for both freeze modes (its device loops are one CPU run here). */
async function checkpointCase(name: string, fusedA: boolean, fusedB: boolean): Promise<void> {
  for (const freezeMode of [true, false]) {
    const a = path.join(dir, `checkpoint_a_${name}_${freezeMode}`);
    const b = path.join(dir, `checkpoint_b_${name}_${freezeMode}`);
    await train(a, fusedA, false, freezeMode);
    await train(b, fusedB, false, freezeMode);
    const varsFused = (await train(a, true, true, freezeMode))!;
    const varsNonfused = (await train(b, false, true, freezeMode))!;
    expect(varsFused).toHaveLength(5);
    expect(varsNonfused).toHaveLength(5);
    for (let i = 0; i < 5; i++) assertAllClose(varsFused[i]!, varsNonfused[i]!, { atol: 1e-5 });
    const imageVal = images(rng(1));
    const lossFused = await infer(a, imageVal, true);
    const lossNonfused = await infer(b, imageVal, false);
    assertAllClose(lossFused, lossNonfused, { atol: 1e-6, rtol: 3e-4 });
    // Training moved the variables: the kernel is no longer all ones, the moving mean no longer zeros (while training).
    expect(Array.from(varsFused[0]!.data as ArrayLike<number>).some((v) => v !== 1)).toBe(true);
    if (!freezeMode) expect(Array.from(varsFused[3]!.data as ArrayLike<number>).some((v) => v !== 0)).toBe(true);
  }
}

describe('normalization_test.BNTest (checkpoints)', () => {
  it('testCheckpointFusedCPUAndFusedCPU', () => checkpointCase('ff', true, true));
  it('testCheckpointNonFusedCPUAndNonFusedCPU', () => checkpointCase('nn', false, false));
  it('testCheckpointNonFusedCPUAndFusedCPU', () => checkpointCase('nf', false, true));
});
