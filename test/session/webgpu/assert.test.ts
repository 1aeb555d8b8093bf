// tf.Assert on the WebGPU backend: the Assert op runs its host kernel (its data read back only when it runs), so a
// false condition fails the run with the CPU backend's InvalidArgumentError, and a failed run leaves variables as they were.
import { describe, expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { WebGpuBackend } from '../../../src/session/webgpu/backend.js';

describe('tf.Assert on the WebGPU backend', () => {
  it("fails the run with TF1's message where the CPU backend does, and passes where it passes", async () => {
    const g = new tf.Graph();
    const { x, out, v } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [3]);
      const v = tf.Variable(tf.zeros([3]));
      const check = tf.Assert(tf.reduce_all(tf.greater(x, 0)), ['x must be positive:', tf.square(x)]);
      const out = tf.control_dependencies([check], () => tf.assign_add(v, x));
      return { x, out, v };
    });
    const gpu = new tf.Session({ graph: g, backend: 'webgpu' });
    const cpu = new tf.Session({ graph: g, backend: 'cpu' });
    expect(await gpu.getBackend()).toBeInstanceOf(WebGpuBackend);
    for (const s of [gpu, cpu]) await s.run(v.initializer);
    const feed = (xs: number[]) => new Map([[x, new tf.NDArray(Float32Array.from(xs), [3], 'float32')]]);
    for (const s of [gpu, cpu]) expect(Array.from((await s.run(out, feed([1, 2, 3]))).data)).toEqual([1, 2, 3]);
    for (const s of [gpu, cpu]) {
      const e = await s.run(out, feed([1, -2, 0.5])).then(
        () => null,
        (err: Error) => err,
      );
      expect(e).toBeInstanceOf(tf.errors.InvalidArgumentError);
      expect(e!.message).toMatch(/^assertion failed: \[x must be positive:\] \[1 4 0\.25\]/);
      expect(Array.from((await s.run(v.value())).data)).toEqual([1, 2, 3]);
    }
    gpu.close();
    cpu.close();
  });
});
