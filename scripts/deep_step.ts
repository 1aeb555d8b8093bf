// Times mnist_deep's training step (batch 50) on the CPU backend, through the public API, on fixed random data.
//   npx tsx scripts/deep_step.ts [--steps N] [--runs R] [--threads T] [--ops]
// Prints each run's ms/step, then the median and spread; --ops adds a traced step's time per op type.
import * as tf from '../src/index.js';
import { setNumThreads } from '../src/session/cpu/wasm/pool.js';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const STEPS = arg('--steps', 20);
const RUNS = arg('--runs', 5);
setNumThreads(arg('--threads', 0)); // 0: one per core

function rand(n: number, seed: number, scale = 1, positive = false): Float32Array {
  const a = tf.pinned_zeros([n]).data as Float32Array;
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const u = s / 2 ** 32;
    a[i] = positive ? (u < 0.8 ? 0 : u * scale) : (u - 0.5) * scale;
  }
  return a;
}

const B = 50;
const x = tf.placeholder(tf.float32, [null, 784]);
const y_ = tf.placeholder(tf.int64, [null]);
const keep_prob = tf.placeholder(tf.float32);
const weight = (shape: number[]) => tf.Variable(tf.truncated_normal(shape, { stddev: 0.1, seed: 1 }));
const bias = (shape: number[]) => tf.Variable(tf.constant(0.1, { shape }));
const conv2d = (a: tf.Tensor, W: tf.TensorLike) => tf.nn.conv2d(a, W, { strides: [1, 1, 1, 1], padding: 'SAME' });
const pool = (a: tf.Tensor) => tf.nn.max_pool(a, { ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: 'SAME' });
const x_image = tf.reshape(x, [-1, 28, 28, 1]);
const h1 = pool(tf.nn.relu(conv2d(x_image, weight([5, 5, 1, 32])).add(bias([32]))));
const h2 = pool(tf.nn.relu(conv2d(h1, weight([5, 5, 32, 64])).add(bias([64]))));
const flat = tf.reshape(h2, [-1, 7 * 7 * 64]);
const fc1 = tf.nn.relu(tf.matmul(flat, weight([7 * 7 * 64, 1024])).add(bias([1024])));
const drop = tf.nn.dropout(fc1, keep_prob, { seed: 2 });
const logits = tf.matmul(drop, weight([1024, 10])).add(bias([10]));
const loss = tf.losses.sparse_softmax_cross_entropy({ labels: y_, logits });
const train = new tf.train.AdamOptimizer(1e-4).minimize(loss);

const images = rand(B * 784, 7, 1, true);
const labels = new Float64Array(B).map((_, i) => (i * 7) % 10);
const sess = new tf.Session({ backend: 'cpu' });
await sess.run(tf.global_variables_initializer());
const feed_dict = new Map<tf.Tensor, unknown>([
  [x, new tf.NDArray(images, [B, 784], 'float32')],
  [y_, new tf.NDArray(labels, [B], 'int64')],
  [keep_prob, 0.5],
]);
const step = () => sess.run([train, loss], feed_dict as never);
for (let i = 0; i < 3; i++) await step();
// Wall time, and the process's CPU time (all threads: what the step costs the cores, less sensitive to a shared machine's load)
const perRun: number[] = [];
const cpuPerRun: number[] = [];
let lastLoss = 0;
for (let r = 0; r < RUNS; r++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let i = 0; i < STEPS; i++) lastLoss = ((await step()) as [unknown, number])[1];
  const c = process.cpuUsage(c0);
  perRun.push((performance.now() - t0) / STEPS);
  cpuPerRun.push((c.user + c.system) / 1000 / STEPS);
}
const summary = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)]!.toFixed(1)}, min ${s[0]!.toFixed(1)}, max ${s.at(-1)!.toFixed(1)} (runs: ${v.map((x) => x.toFixed(1)).join(' ')})`;
};
console.log(`wall ms/step: ${summary(perRun)}`);
console.log(`cpu ms/step:  ${summary(cpuPerRun)}`);
console.log(`${STEPS} steps x ${RUNS} runs, loss ${lastLoss}`);
if (process.argv.includes('--ops')) {
  const byType = new Map<string, number>();
  const N = 5;
  for (let i = 0; i < N; i++) {
    const md = new tf.RunMetadata();
    await sess.run([train, loss], feed_dict as never, new tf.RunOptions({ trace_level: tf.RunOptions.FULL_TRACE }), md);
    for (const s of md.step_stats as { op: string; ms: number }[]) byType.set(s.op, (byType.get(s.op) ?? 0) + s.ms / N);
  }
  const total = [...byType.values()].reduce((a, b) => a + b, 0);
  for (const [op, ms] of [...byType].sort((a, b) => b[1] - a[1]).slice(0, 20))
    console.log(`${op.padEnd(24)} ${ms.toFixed(2).padStart(8)} ms ${((100 * ms) / total).toFixed(1)}%`);
}
sess.close();
