// The article's forward product x·W on a fed ordinary Float32Array (5,500 MNIST images) whose kept copy must be
// compared with the fed bytes each run: "compare first" (the copy checked before the product, then the product split
// across the threads, as before the overlap) against "overlapped" (the workers multiply the kept copy while the calling
// thread compares, then it takes its learnt share of the rows: overlap_share.ts) and "overlapped, share 0" (the workers
// take every row, as before the share), in turn in one process so all see the same machine load. Prints each one's
// distribution in ms and the share learnt.
//   npx tsx bench/overlap_fed_compare.ts [runs]
import { loadavg } from 'node:os';
import { read_data_sets } from '../src/examples/tutorials/mnist/input_data.js';
import { wasmMatMul } from '../src/session/cpu/wasm/matmul.js';
import { startThreads, threadCount } from '../src/session/cpu/wasm/pool.js';
import { beginRun, endRun, resident } from '../src/session/cpu/wasm/resident.js';
import { setShare, shareKey, shareOf } from '../src/session/cpu/wasm/overlap_share.js';

const runs = Number(process.argv[2] ?? 400);
await startThreads();
const [M, K, N] = [5500, 784, 10];
const images = read_data_sets(undefined, { one_hot: true, log: null }).train.images.data as Float32Array;
const a = images.slice(0, M * K); // an ordinary array, outside the kernels' memory
const b = new Float32Array(K * N).map((_, i) => Math.sin(i));
const c = new Float32Array(M * N);

const key = shareKey(M, K);
type Mode = 'compare first' | 'overlapped' | 'overlapped, share 0';
const MODES: Mode[] = ['compare first', 'overlapped', 'overlapped, share 0'];
/** The share the `overlapped` runs have learnt (the share-0 runs must not move it). */
let learnt = 0;

/** One run's product; `compare first` checks the kept copy before the product starts (resident() marks it checked). */
function product(mode: Mode): number {
  setShare(key, mode === 'overlapped' ? learnt : 0);
  const start = performance.now();
  beginRun([a]);
  try {
    if (mode === 'compare first') resident(a);
    wasmMatMul(a, false, b, false, c, M, N, K);
  } finally {
    endRun();
  }
  const t = performance.now() - start;
  if (mode === 'overlapped') learnt = shareOf(key);
  return t;
}

for (let i = 0; i < 300; i++) product(MODES[i % 3]!); // the copy, its packed form, the workers and the share ready
const times = Object.fromEntries(MODES.map((m) => [m, [] as number[]])) as Record<Mode, number[]>;
for (let i = 0; i < runs; i++) times[MODES[i % 3]!].push(product(MODES[i % 3]!));
const at = (v: number[], q: number): string => v[Math.min(v.length - 1, Math.floor(q * v.length))]!.toFixed(2);
console.log(`${threadCount()} threads, load average ${loadavg()[0]!.toFixed(2)}, the calling thread's share learnt: ${learnt.toFixed(3)}`);
for (const [name, v] of Object.entries(times)) {
  v.sort((x, y) => x - y);
  const mean = v.reduce((s, x) => s + x, 0) / v.length;
  console.log(`${name.padEnd(20)} min ${at(v, 0)}  p25 ${at(v, 0.25)}  median ${at(v, 0.5)}  p75 ${at(v, 0.75)}  mean ${mean.toFixed(2)} ms`);
}
process.exit(0);
