import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { denseGradients } from '../../helpers/dense_gradients.js';
import { WebGpuBackend } from '../../../src/session/webgpu/backend.js';

describe('tf.cond on the WebGPU backend', () => {
  it('reads back only the predicate (one sync read per run), runs only the taken branch, and equals the CPU backend', async () => {
    const g = new tf.Graph();
    const { x, r, v, dx } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [4]);
      const v = tf.Variable(tf.zeros([4]));
      const r = tf.cond(
        tf.greater(tf.reduce_sum(x), 0),
        () => tf.control_dependencies([tf.assign_add(v, x)], () => tf.square(x)),
        () => tf.negative(x),
      );
      return { x, r, v, dx: denseGradients(r, [x])[0]! };
    });
    const gpu = new tf.Session({ graph: g, backend: 'webgpu' });
    const cpu = new tf.Session({ graph: g, backend: 'cpu' });
    const backend = await gpu.getBackend();
    expect(backend).toBeInstanceOf(WebGpuBackend);
    const counters = (backend as WebGpuBackend).counters;
    for (const s of [gpu, cpu]) await s.run(v.initializer);
    for (const xs of [
      [1, 2, -1, 0.5],
      [-1, -2, 1, 0.5],
      [3, 0, 0, 0],
    ]) {
      const feeds = new Map([[x, new tf.NDArray(Float32Array.from(xs), [4], 'float32')]]);
      const before = counters.syncReads;
      const onGpu = await gpu.run([r, dx, v.value()], feeds);
      // the predicate, once: the gradient's Switch on pred_id reads the same storage, whose host copy is kept
      expect(counters.syncReads - before).toBe(1);
      const onCpu = await cpu.run([r, dx, v.value()], feeds);
      onGpu.forEach((a, i) => expect(Array.from(a.data)).toEqual(Array.from(onCpu[i]!.data)));
    }
    gpu.close();
    cpu.close();
  });
});
