// TF1 puts no limit on a graph's depth: a chain of 20,000 ops builds, differentiates and runs.
// Nothing in building (constant values, shapes), tf.gradients or Session.run may recurse per op.
import { describe, expect, it } from 'vitest';
import * as tf from '../../src/index.js';
import { denseGradients } from '../helpers/dense_gradients.js';
import { WebGpuBackend } from '../../src/session/webgpu/backend.js';
import { NO_ADAPTER } from './webgpu/harness.js';

const DEPTH = 20_000;

function chain(t: tf.Tensor, n = DEPTH): tf.Tensor {
  let y = t;
  for (let i = 0; i < n; i++) y = tf.identity(y);
  return y;
}

function deepGraph() {
  const g = new tf.Graph();
  return g.as_default(() => {
    const x = tf.placeholder(tf.float32, [2]);
    const v = tf.Variable(tf.ones([2]));
    const y = chain(x.mul(v));
    // The shape vector reaches Reshape through the whole chain: its static shape still comes from the Const's value.
    const r = tf.reshape(tf.range(0, 6), chain(tf.constant([2, 3])));
    const [dv] = denseGradients(y, [v]);
    return { g, x, y, r, dv: dv!, init: tf.global_variables_initializer() };
  });
}

async function runDeep(backend: 'cpu' | 'webgpu'): Promise<void> {
  const m = deepGraph();
  const sess = new tf.Session({ graph: m.g, backend });
  if (backend === 'webgpu' && !((await sess.getBackend()) instanceof WebGpuBackend)) throw new Error(NO_ADAPTER);
  await sess.run(m.init);
  const [y, r, dv] = await sess.run([m.y, m.r, m.dv] as const, new Map([[m.x, [3, 4]]]));
  expect(y.tolist()).toEqual([3, 4]);
  expect(r.tolist()).toEqual([
    [0, 1, 2],
    [3, 4, 5],
  ]);
  expect(dv.tolist()).toEqual([3, 4]);
  sess.close();
}

describe('a chain of 20,000 ops (TF1 has no depth limit)', () => {
  it('builds: tf.identity, constant values through the chain, and tf.gradients back through it', () => {
    const m = deepGraph();
    expect(String(m.r)).toBe('Tensor("Reshape:0", shape=(2, 3), dtype=int32)');
    expect(m.dv.shape.as_list()).toEqual([2]);
    expect(m.g.get_operations().length).toBeGreaterThan(2 * DEPTH);
  });

  it('runs on the CPU backend', async () => {
    await runDeep('cpu');
  });

  it('runs on the WebGPU backend', async () => {
    await runDeep('webgpu');
  });
});
