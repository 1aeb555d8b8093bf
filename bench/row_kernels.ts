// The CPU backend's SIMD kernels on rows of ten floats (a classifier's logits), each alone on arrays in the kernels'
// memory: Softmax, the sums over rows and over columns, and the binary kernel's row and column broadcasts.
//   npx tsx bench/row_kernels.ts
// Shapes: a mini-batch's [100, 10], the article's training set [5500, 10], the test set [10000, 10] (Softmax split
// across the threads from SOFTMAX_SPLIT elements, as in a run). Seven rounds each; the median and spread of a call.
import { hostFloat32 } from '../src/framework/memory/host.js';
import { BINARY_CODES, wasmBinary, wasmSoftmax, wasmSum } from '../src/session/cpu/wasm/elementwise.js';
import { startThreads } from '../src/session/cpu/wasm/pool.js';

await startThreads();
const C = 10;

function time(name: string, reps: number, call: () => boolean): void {
  const us: number[] = [];
  for (let r = 0; r < 7; r++) {
    const t = performance.now();
    for (let k = 0; k < reps; k++) if (!call()) throw new Error(`${name}: the SIMD kernel declined`);
    us.push(((performance.now() - t) / reps) * 1000);
  }
  us.sort((a, b) => a - b);
  console.log(`${name.padEnd(36)} median ${us[3]!.toFixed(2)} µs a call (${us[0]!.toFixed(2)} to ${us[6]!.toFixed(2)})`);
}

for (const rows of [100, 5500, 10000]) {
  const reps = Math.max(200, Math.round(2e6 / rows));
  const x = hostFloat32(rows * C);
  for (let i = 0; i < x.length; i++) x[i] = Math.sin(i) * 5;
  const o = hostFloat32(rows * C);
  const row = hostFloat32(C).fill(0.5);
  const column = hostFloat32(rows).fill(0.25);
  const shape = [rows, C];
  time(`Softmax [${rows}, ${C}]`, reps, () => wasmSoftmax(x, o, C));
  time(`Sum over rows [${rows}, ${C}] -> [${rows}]`, reps, () => wasmSum(x, rows, C, 1, o, 1));
  time(`Sum over columns [${rows}, ${C}] -> [${C}]`, reps, () => wasmSum(x, 1, rows, C, o, 1));
  time(`Add [${rows}, ${C}] + [${C}]`, reps, () => wasmBinary(BINARY_CODES.Add, x, shape, row, [C], o, shape));
  time(`Sub [${rows}, ${C}] - [${rows}, 1]`, reps, () => wasmBinary(BINARY_CODES.Sub, x, shape, column, [rows, 1], o, shape));
}
process.exit(0);
