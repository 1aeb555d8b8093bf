// The CPU backend's SIMD Softmax kernel alone (wasmSoftmax) on the article's shapes, in the kernels' memory:
//   npx tsx bench/softmax_kernel.ts
// Seven rounds of each shape (a mini-batch's [100, 10] on one thread; the article's [5500, 10] and the test set's
// [10000, 10], split across the threads from SOFTMAX_SPLIT elements); prints the median and spread of a call's time.
import { hostFloat32 } from '../src/framework/memory/host.js';
import { wasmSoftmax } from '../src/session/cpu/wasm/elementwise.js';
import { startThreads } from '../src/session/cpu/wasm/pool.js';

await startThreads();
for (const [rows, C, reps] of [
  [100, 10, 20000],
  [5500, 10, 400],
  [10000, 10, 200],
] as const) {
  const x = hostFloat32(rows * C);
  for (let i = 0; i < x.length; i++) x[i] = Math.sin(i) * 5;
  const o = hostFloat32(rows * C);
  const us: number[] = [];
  for (let r = 0; r < 7; r++) {
    const t = performance.now();
    for (let k = 0; k < reps; k++) if (!wasmSoftmax(x, o, C)) throw new Error('the SIMD kernel declined');
    us.push(((performance.now() - t) / reps) * 1000);
  }
  us.sort((a, b) => a - b);
  console.log(`[${rows}, ${C}]: median ${us[3]!.toFixed(2)} µs a call (${us[0]!.toFixed(2)} to ${us[6]!.toFixed(2)})`);
}
process.exit(0);
