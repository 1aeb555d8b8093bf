// Softmax over many rows (from SOFTMAX_SPLIT elements, as the article's [5500, 10] logits) is split by rows across
// the worker threads: each row is computed as on one thread, so the results are the JavaScript kernel's bit for bit,
// with an infinity or NaN in any thread's rows, at the threshold and past it, and with fewer rows than threads.
import { beforeAll, expect, it } from 'vitest';
import { NDArray } from '../../../src/framework/ndarray.js';
import { hostFloat32 } from '../../../src/framework/memory/host.js';
import { SOFTMAX_SPLIT, wasmSoftmax } from '../../../src/session/cpu/wasm/elementwise.js';
import { startThreads } from '../../../src/session/cpu/wasm/pool.js';
import { run1, stream } from './kernel_harness.js';

beforeAll(async () => {
  await startThreads();
});

it('splits large softmaxes by rows across the threads, with the JavaScript kernel’s bits', () => {
  const C = 10;
  const below = Math.floor((SOFTMAX_SPLIT - 1) / C);
  for (const [rows, cols] of [
    [below, C],
    [below + 1, C],
    [5500, C],
    [2, SOFTMAX_SPLIT],
    [SOFTMAX_SPLIT + 1, 1],
  ] as const) {
    const rng = stream(rows + cols);
    const v = Float32Array.from({ length: rows * cols }, () => (rng.next() * 2 - 1) * 30);
    // specials in the first row, the middle one and the last (each in another thread's part where there are two)
    v[0] = Infinity;
    v[Math.floor(rows / 2) * cols] = NaN;
    v[(rows - 1) * cols + cols - 1] = -Infinity;
    const want = run1('Softmax', [new NDArray(v, [rows, cols], 'float32')], {} as never).data;
    const x = hostFloat32(rows * cols);
    x.set(v);
    const o = hostFloat32(rows * cols);
    expect(wasmSoftmax(x, o, cols)).toBe(true);
    for (let i = 0; i < want.length; i++) if (!Object.is(o[i], want[i])) expect.fail(`[${rows}, ${cols}] element ${i}: ${o[i]} vs ${want[i]}`);
  }
});
