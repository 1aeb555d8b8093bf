/**
 * The browser side of the WebGPU browser test: the library's Session with backend 'webgpu' runs a
 * small graph (MatMul, Add with broadcasting, Softmax, a reduction) through navigator.gpu, and
 * publishes the results for the test to compare with the same graph on the CPU backend.
 */
import * as tf from '../../src/index.js';

/** What the page publishes on `window.__webgpuResult`. */
export interface PageResult {
  backend: string;
  description: string;
  outputs: { gpu: number[]; cpu: number[]; shape: number[] }[];
}

async function main(): Promise<PageResult> {
  const g = new tf.Graph();
  const { x, fetches } = g.as_default(() => {
    const x = tf.placeholder(tf.float32, [null, 3]);
    const W = tf.constant([
      [0.5, -1, 2, 0.25],
      [1.5, 0.75, -0.5, 1],
      [-2, 0.125, 1, 0.5],
    ]);
    const b = tf.constant([0.1, 0.2, 0.3, 0.4]);
    const y = tf.nn.softmax(tf.matmul(x, W).add(b));
    return { x, fetches: [y, tf.reduce_sum(y, { reduction_indices: [0] }), tf.argmax(y, 1)] };
  });
  const feeds = new Map([[x, new tf.NDArray(Float32Array.from([1, 2, 3, -1, 0.5, 0.25, 4, -3, 2, 0, 0, 1]), [4, 3], 'float32')]]);
  const gpu = new tf.Session({ graph: g, backend: 'webgpu' });
  const cpu = new tf.Session({ graph: g, backend: 'cpu' });
  const a = await gpu.run(fetches, feeds);
  const c = await cpu.run(fetches, feeds);
  const backend = await gpu.backendName();
  const description = (await gpu.getBackend()).description;
  gpu.close();
  cpu.close();
  return {
    backend,
    description,
    outputs: a.map((t, i) => ({ gpu: Array.from(t.data), cpu: Array.from(c[i]!.data), shape: [...t.shape] })),
  };
}

const w = window as unknown as { __webgpuResult?: PageResult | { error: string } };
main().then(
  (r) => (w.__webgpuResult = r),
  (e: unknown) => (w.__webgpuResult = { error: String((e as Error).stack ?? e) }),
);
