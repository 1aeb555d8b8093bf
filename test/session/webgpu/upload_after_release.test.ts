// A value made on the GPU before a mid-run read back (a host kernel's input: Svd) and read after it must keep its
// buffer until that read has run: an upload after the read back (the host kernel's output) may not go to the buffer
// its last reader released in the same, unsubmitted batch (buffer_pool.ts: queue.writeBuffer runs before the batch).
import { describe, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { WebGpuBackend } from '../../../src/session/webgpu/backend.js';
import { expectClose, NO_ADAPTER } from './harness.js';

describe('uploads after a mid-run read back on WebGPU', () => {
  it("leave the buffers of values still to be read alone: a spectral norm's and a 3-norm's gradient equal the CPU's, fused or not", async () => {
    const g = new tf.Graph();
    const { x, dx } = g.as_default(() => {
      const x = tf.placeholder(tf.float32, [2, 4, 3]);
      // ord 2 over the matrices reads x back for Svd; ord 3's gradient reads |x|, made before, after it
      const loss = tf.add_n([tf.reduce_sum(tf.norm(x, { ord: 2, axis: [-1, -2] })), tf.reduce_sum(tf.norm(x, { ord: 3, axis: 0 }))]);
      return { x, dx: (tf.gradients(loss, [x]) as tf.Tensor[])[0]! };
    });
    const feeds = new Map([
      [
        x,
        new tf.NDArray(
          Float32Array.from({ length: 24 }, (_, i) => Math.sin(1 + i * 1.7) * 0.8),
          [2, 4, 3],
          'float32',
        ),
      ],
    ]);
    const cpu = new tf.Session({ graph: g, backend: 'cpu' });
    const gpu = new tf.Session({ graph: g, backend: 'webgpu' });
    try {
      const backend = await gpu.getBackend();
      if (!(backend instanceof WebGpuBackend)) throw new Error(NO_ADAPTER);
      const want = await cpu.run(dx, feeds);
      for (const fusion of [true, false]) {
        backend.tuning.fusion = fusion;
        // values near 1 from sums of a few terms: within the parity tolerance at scale 1
        expectClose(await gpu.run(dx, feeds), want, null, `dx, fusion ${fusion}`);
      }
    } finally {
      cpu.close();
      gpu.close();
    }
  });
});
