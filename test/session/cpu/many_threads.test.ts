// The worker threads' control block with as many threads as it has slots (15, the calling thread included), as on a
// 16-core machine: each worker says it listens in its own slot. They once said so in ctl[8 + w], which for the ninth
// worker on is the first worker's slot: its start overwrote that worker's posted kernel or generation, and the
// article's run on a 16-core machine hung at its first evaluation. This file starts the threads itself (its own
// process), 15 of them on any machine, and runs products while they are still starting and after.
import { expect, it } from 'vitest';
import * as tf from '../../../src/index.js';
import { wasmMatMul } from '../../../src/session/cpu/wasm/matmul.js';
import { setNumThreads, startThreads, threadCount } from '../../../src/session/cpu/wasm/pool.js';
import { stream } from './kernel_harness.js';

it('runs products split across 15 threads, while the workers start and after, as on one thread', async () => {
  const [rows, M, N] = [5500, 784, 10]; // the article's x [5500, 784], W [784, 10] and the gradient g [5500, 10]
  const rng = stream(5);
  const x = Float32Array.from({ length: rows * M }, () => (rng.next() < 0.8 ? 0 : rng.next()));
  const w = Float32Array.from({ length: M * N }, () => rng.next() * 2 - 1);
  const g = Float32Array.from({ length: rows * N }, () => rng.next() * 2 - 1);
  const forward = (): Float32Array => {
    const y = new Float32Array(rows * N);
    expect(wasmMatMul(x, false, w, false, y, rows, N, M)).toBe(true);
    return y;
  };
  const gradient = (): Float32Array => {
    const d = new Float32Array(M * N);
    expect(wasmMatMul(x, true, g, false, d, M, N, rows)).toBe(true);
    return d;
  };
  const started = startThreads(15); // not awaited: products run while the workers come up one by one
  let up = false;
  void started.then(() => (up = true));
  expect(threadCount()).toBe(15);
  setNumThreads(1);
  const y1 = forward();
  setNumThreads(0);
  const d1 = gradient();
  // x·W twice in a row (the first worker's slot then holds mm_nn's index, 1, as a listening flag would), then xᵀ·g
  for (let i = 0; i < 400 && !up; i++) {
    expect(forward()).toEqual(y1); // each row of x·W is one thread's: the same sums as on one thread
    expect(forward()).toEqual(y1);
    expect(gradient()).toEqual(d1); // xᵀ·g's partial sums split the same way whoever runs them
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await started;
  expect(forward()).toEqual(y1);
  expect(gradient()).toEqual(d1);
});

it("runs mnist_deep's first layer and its gradients (convolution, max pool) on 15 threads as on one", async () => {
  await startThreads(15);
  expect(threadCount()).toBe(15);
  // values on a 1/64 grid: every sum here is exact in float32, so any split of the work must give the same bits
  const grid = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => ((((i + seed) * 7919) % 129) - 64) / 64);
  const g = new tf.Graph();
  const { x, fetches } = g.as_default(() => {
    const x = tf.placeholder(tf.float32, [16, 28, 28, 1]);
    const w = tf.constant(grid(5 * 5 * 32, 3), tf.float32, [5, 5, 1, 32]);
    const conv = tf.nn.conv2d(x, w, [1, 1, 1, 1], 'SAME');
    const pool = tf.nn.max_pool(tf.nn.relu(conv), [1, 2, 2, 1], [1, 2, 2, 1], 'SAME');
    const loss = tf.reduce_sum(tf.multiply(pool, tf.constant(grid(16 * 14 * 14 * 32, 5), tf.float32, [16, 14, 14, 32])));
    const [dx, dw] = tf.gradients(loss, [x, w]) as tf.Tensor[];
    return { x, fetches: [conv, pool, dx!, dw!] };
  });
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  const feeds = new Map([[x, new tf.NDArray(grid(16 * 28 * 28, 1), [16, 28, 28, 1], 'float32')]]);
  const values = async (): Promise<number[][]> => (await sess.run(fetches, feeds)).map((a) => Array.from(a.data as Float32Array));
  const many = await values();
  setNumThreads(1);
  const one = await values();
  setNumThreads(0);
  many.forEach((v, i) => expect(v, `fetch ${i}`).toEqual(one[i]));
  expect(await values()).toEqual(many);
  sess.close();
});
