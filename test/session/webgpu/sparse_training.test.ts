// The optimizers' sparse updates on WebGPU: an IndexedSlices gradient with a repeated index (deduplicated by
// Unique and UnsortedSegmentSum, then a SparseApply* op, or Adam's Assign/ScatterAdd/AssignSub) trains a variable
// as on the CPU backend, step by step.
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { expectClose } from './harness.js';

const OPTIMIZERS: Record<string, () => tf.train.Optimizer> = {
  Momentum: () => new tf.train.MomentumOptimizer(0.5, 0.9, { use_nesterov: true }),
  Adagrad: () => new tf.train.AdagradOptimizer(0.5),
  ProximalAdagrad: () => new tf.train.ProximalAdagradOptimizer(0.5, { l1_regularization_strength: 0.01, l2_regularization_strength: 0.1 }),
  CenteredRMSProp: () => new tf.train.RMSPropOptimizer(0.5, { momentum: 0.5, centered: true }),
  FtrlV2: () => new tf.train.FtrlOptimizer(0.5, { l1_regularization_strength: 0.01, l2_shrinkage_regularization_strength: 0.1 }),
  Adadelta: () => new tf.train.AdadeltaOptimizer(0.5),
  Adam: () => new tf.train.AdamOptimizer(0.1),
};

/** Three sparse steps of `make` on `backend`: W after each. */
async function train(backend: 'cpu' | 'webgpu', make: () => tf.train.Optimizer): Promise<tf.NDArray[]> {
  const g = new tf.Graph();
  const { W, update, init } = g.as_default(() => {
    const W = tf.Variable(
      tf.constant(
        [
          [1, -2, 0.5],
          [0.25, 3, -1],
          [2, 0.75, -0.5],
          [-1.5, 1, 1],
        ],
        tf.float32,
      ),
      { name: 'W' },
    );
    const values = tf.constant(
      [
        [0.1, -0.2, 0.3],
        [0.5, 0.05, -0.25],
        [-0.4, 0.2, 0.1],
      ],
      tf.float32,
    );
    const grad = new tf.IndexedSlices(values, tf.constant([3, 1, 3]), tf.constant([4, 3]));
    return { W, update: make().apply_gradients([[grad, W]]), init: tf.global_variables_initializer() };
  });
  const sess = new tf.Session({ graph: g, backend });
  try {
    await sess.run(init);
    const out: tf.NDArray[] = [];
    for (let i = 0; i < 3; i++) {
      await sess.run(update);
      out.push(await sess.run(W.value()));
    }
    return out;
  } finally {
    sess.close();
  }
}

describe('Sparse optimizer updates on WebGPU equal the CPU backend', () => {
  for (const [name, make] of Object.entries(OPTIMIZERS)) {
    it(name, async () => {
      const [cpu, gpu] = [await train('cpu', make), await train('webgpu', make)];
      cpu.forEach((c, i) => expectClose(gpu[i]!, c, null, `${name} step ${i + 1}`));
      // rows 0 and 2 take no gradient: unchanged on both
      expect(Array.from(gpu[2]!.data.subarray(0, 3))).toEqual([1, -2, 0.5]);
      expect(Array.from(gpu[2]!.data.subarray(6, 9))).toEqual([2, 0.75, -0.5]);
    });
  }
});
