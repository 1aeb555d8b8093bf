// A product whose parts are summed (the weight gradient xᵀ·g: mm_tn's partial sums over the rows of x) must be split the
// same way whether or not the worker threads listen yet: they start tens of milliseconds after the first run (more on
// a loaded machine), and a split that followed them made a training run's last printed digits change from run to run.
// This file is the first in its process to start the threads, so the first product runs before any worker listens.
import { availableParallelism } from 'node:os';
import { expect, it } from 'vitest';
import { wasmMatMul } from '../../../src/session/cpu/wasm/matmul.js';
import { startThreads, threadCount } from '../../../src/session/cpu/wasm/pool.js';
import { stream } from './kernel_harness.js';

const cores = Math.min(availableParallelism(), 15);

it('splits a summed product the same way before and after the worker threads listen', async () => {
  const [rows, M, N] = [5500, 784, 10]; // x [5500, 784] stored, g [5500, 10]: the article's weight gradient
  const rng = stream(11);
  const x = Float32Array.from({ length: rows * M }, () => (rng.next() < 0.8 ? 0 : rng.next()));
  const g = Float32Array.from({ length: rows * N }, () => rng.next() * 2 - 1);
  const product = (): Float32Array => {
    const d = new Float32Array(M * N);
    expect(wasmMatMul(x, true, g, false, d, M, N, rows)).toBe(true);
    return d;
  };
  const started = startThreads(); // not awaited: the workers are still starting
  expect(threadCount()).toBe(cores);
  const early = product();
  await started;
  expect(threadCount()).toBe(cores);
  const late = product();
  expect(late).toEqual(early);
  // and the same again (the kept packed form of x takes over from the first packing)
  expect(product()).toEqual(early);
});
