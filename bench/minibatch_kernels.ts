// The mini-batch step's glue kernels alone, at its shapes, on one thread: `pack` of a batch of 100 MNIST images
// (x [100, 784], already in the kernels' memory), `panel_rows` of W [784, 10] and `sum_partials` of the weight
// gradient's one partial. Each is called in a loop; prints µs a call for five rounds.
//   npx tsx bench/minibatch_kernels.ts
import { read_data_sets } from '../src/examples/tutorials/mnist/input_data.js';
import { alloc, copyIn, mark, release } from '../src/framework/memory/host.js';
import { wasm } from '../src/session/cpu/wasm/instance.js';

const w = wasm!.exports;
const mnist = read_data_sets(undefined, { one_hot: true, log: null });
const [rows, K, N] = [100, 784, 10];
const Q = K / 4;
const m = mark();
const x = copyIn(mnist.train.next_batch(rows)[0].data as Float32Array);
const at = (bytes: number): number => alloc(bytes + 64);
const [vals, idx, starts, ends] = [at(rows * Q * 16), at(rows * Q * 4), at(rows * 4), at(rows * 4)] as const;
const [b, panel, part, list, c] = [at(K * N * 4), at(Q * 192), at(Q * 192), at(16), at(K * N * 4)] as const;
const floats = (at: number, n: number): Float32Array => new Float32Array(wasm!.memory.buffer, at, n);
floats(b, K * N).forEach((_, i, a) => (a[i] = Math.cos(i)));
floats(part, Q * 48).forEach((_, i, a) => (a[i] = Math.sin(i)));
new Int32Array(wasm!.memory.buffer, list, 1)[0] = part;

const time = (calls: number, f: () => void): string => {
  const t = performance.now();
  for (let i = 0; i < calls; i++) f();
  return `${(((performance.now() - t) / calls) * 1000).toFixed(2)} µs`;
};
for (let r = 0; r < 5; r++) {
  const p = time(4000, () => w.pack(x, K, 0, rows, vals, idx, starts, ends, 0));
  const pr = time(20000, () => w.panel_rows(b, K, N, 0, 0, panel));
  const sp = time(20000, () => w.sum_partials(list, 1, K, c, N, 0, N));
  console.log(`pack ${p}  panel_rows ${pr}  sum_partials ${sp}`);
}
release(m);
