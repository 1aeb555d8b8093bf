// The `minibatch` workload as a user writes it, for a CPU profile of the per-run cost:
//   node --cpu-prof --cpu-prof-dir=DIR --import tsx bench/profile_minibatch.ts [STEPS] [FEEDS]   (default 2000, fresh)
//   npx tsx bench/profile_top.ts DIR                                                     (top self-time functions)
// TF1's beginner tutorial: the article's model, GradientDescentOptimizer(0.5), next_batch(100) fed as the loader's
// ordinary Float32Arrays through Session.run; then the test accuracy. Prints the time per step. FEEDS: `fresh`, a new
// next_batch(100) each step (the tutorial); `copy`, a new copy of one batch each step; `same`, the same arrays.
import * as tf from '../src/index.js';
import { read_data_sets } from '../src/examples/tutorials/mnist/input_data.js';
import { beginnerStep } from './beginner_step.js';

const steps = Number(process.argv[2] ?? 2000);
const feeds = process.argv[3] ?? 'fresh';
if (!['fresh', 'copy', 'same'].includes(feeds)) throw new Error(`FEEDS is fresh, copy or same, not ${feeds}`);
const mnist = read_data_sets(undefined, { one_hot: true, log: null });
const { m, train: train_step, sess } = await beginnerStep();
const first = mnist.train.next_batch(100);
const copyOf = (a: tf.NDArray): tf.NDArray => new tf.NDArray((a.data as Float32Array).slice(), a.shape, a.dtype);
const t = performance.now();
const cpu0 = process.cpuUsage();
let inRun = 0;
for (let i = 0; i < steps; i++) {
  const [batch_xs, batch_ys] = feeds === 'fresh' ? mnist.train.next_batch(100) : feeds === 'copy' ? [copyOf(first[0]), copyOf(first[1])] : first;
  const r = performance.now();
  await sess.run(train_step, {
    feed_dict: new Map([
      [m.x, batch_xs],
      [m.y_, batch_ys],
    ]),
  });
  inRun += performance.now() - r;
}
const ms = performance.now() - t;
const cpu = process.cpuUsage(cpu0);
const acc = await sess.run(
  m.accuracy,
  new Map([
    [m.x, mnist.test.images],
    [m.y_, mnist.test.labels],
  ]),
);
console.log(
  `${steps} steps in ${(ms / 1000).toFixed(3)} s: ${((ms / steps) * 1000).toFixed(1)} µs per step (${((inRun / steps) * 1000).toFixed(1)} in Session.run, ${((cpu.user + cpu.system) / steps).toFixed(1)} of CPU time); accuracy ${acc.item().toFixed(4)}`,
);
sess.close();
