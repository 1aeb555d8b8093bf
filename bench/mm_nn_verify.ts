// The article's forward product on one thread, as the CPU kernels do it for a pinned feed (x [5500, 784] read in
// place, its packed form kept from the last run): mm_nn for 10 columns alone, verify (the check of x against its
// packed form) alone, mm_nn_verify (both, as one job for the threads), and, for scale, a memcmp of x's 17 MB with a
// copy (what an ordinary array's kept copy costs instead) and packing x afresh. Prints µs a call, four rounds.
//   npx tsx bench/mm_nn_verify.ts
import { read_data_sets } from '../src/examples/tutorials/mnist/input_data.js';
import { addressOf, alloc, mark, release } from '../src/framework/memory/host.js';
import { wasm } from '../src/session/cpu/wasm/instance.js';

const w = wasm!.exports;
const mnist = read_data_sets(undefined, { one_hot: true, log: null });
const [xs] = mnist.train.slice(0, 5500);
const data = xs.data as Float32Array;
const [rows, K, N] = [5500, 784, 10];
const Q = K / 4;
const m = mark();
const x = addressOf(data)!;
const at = (bytes: number): number => alloc(bytes + 64);
const [vals, idx, starts, ends] = [at(rows * Q * 16), at(rows * Q * 4), at(rows * 4), at(rows * 4)] as const;
const [b, panel, cp, bad] = [at(K * N * 4), at(Q * 192), at(rows * 48), at(16)] as const;
new Float32Array(wasm!.memory.buffer, b, K * N).forEach((_, i, a) => (a[i] = Math.cos(i)));
w.pack(x, K, 0, rows, vals, idx, starts, ends, 0);
w.panel_rows(b, K, N, 0, 0, panel);
const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
const copy = bytes.slice();

const time = (calls: number, f: () => void): string => {
  const t = performance.now();
  for (let i = 0; i < calls; i++) f();
  return `${(((performance.now() - t) / calls) * 1000).toFixed(0)} µs`;
};
for (let r = 0; r < 4; r++) {
  const nn = time(20, () => w.mm_nn(vals, idx, starts, ends, panel, cp, 0, rows, N));
  const v = time(20, () => w.verify(x, K, 0, rows, vals, idx, starts, ends, 0, bad));
  const both = time(20, () => w.mm_nn_verify(vals, idx, starts, ends, panel, cp, 0, rows, x, K, 0, bad, N));
  const cmp = time(20, () => Buffer.compare(copy, bytes));
  const pk = time(20, () => w.pack(x, K, 0, rows, vals, idx, starts, ends, 0));
  console.log(`mm_nn (10 columns) ${nn}  verify ${v}  mm_nn_verify ${both}  memcmp ${cmp}  pack ${pk}`);
}
if (new Int32Array(wasm!.memory.buffer, bad, 1)[0] !== 0) throw new Error('verify found x changed: the timings above are of the wrong path');
release(m);
