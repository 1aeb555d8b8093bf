// The mini-batch step once warm, and what a new batch adds: TF1's beginner tutorial (the article's model,
// GradientDescentOptimizer(0.5), batches of 100) through Session.run on the CPU backend, in one process:
//   npx tsx bench/minibatch_steps.ts [BLOCKS]   (default 30 blocks of 100 steps of each kind in turn)
// Kinds: `fresh`, a new next_batch(100) each step (the tutorial); `copy`, a new copy of one batch each step (a new
// array, the same values); `same`, the same batch arrays each step (their kept copy compared, not copied and packed).
// Prints the median and spread of the blocks' mean step times (the first three blocks of each kind are warm-up and
// not counted), then the first 1,000 `fresh` steps of a second session by segment: how long V8 takes to warm up.
import * as tf from '../src/index.js';
import { read_data_sets } from '../src/examples/tutorials/mnist/input_data.js';
import { beginnerStep } from './beginner_step.js';

const blocks = Number(process.argv[2] ?? 30);
const mnist = read_data_sets(undefined, { one_hot: true, log: null });

async function session(): Promise<{ sess: tf.Session; step: (x: tf.NDArray, y: tf.NDArray) => Promise<unknown> }> {
  const { m, train, sess } = await beginnerStep();
  return {
    sess,
    step: (x, y) =>
      sess.run(
        train,
        new Map([
          [m.x, x],
          [m.y_, y],
        ]),
      ),
  };
}

const copyOf = (a: tf.NDArray): tf.NDArray => new tf.NDArray((a.data as Float32Array).slice(), a.shape, a.dtype);
const [fx, fy] = mnist.train.next_batch(100);
const kinds = {
  fresh: () => mnist.train.next_batch(100),
  copy: () => [copyOf(fx), copyOf(fy)] as const,
  same: () => [fx, fy] as const,
};
const { sess, step } = await session();
const means: Record<string, number[]> = { fresh: [], copy: [], same: [] };
for (let b = 0; b < blocks; b++) {
  for (const [kind, batch] of Object.entries(kinds)) {
    let inRun = 0;
    for (let i = 0; i < 100; i++) {
      const [x, y] = batch();
      const t = performance.now();
      await step(x, y);
      inRun += performance.now() - t;
    }
    if (b >= 3) means[kind]!.push(inRun * 10);
  }
}
sess.close();
const us = (v: number): string => `${v.toFixed(1)} µs`;
for (const [kind, v] of Object.entries(means)) {
  v.sort((a, b) => a - b);
  console.log(`${kind.padEnd(5)} median of ${v.length} block means ${us(v[v.length >> 1]!)} (${us(v[0]!)} to ${us(v[v.length - 1]!)})`);
}

const second = await session();
const times: number[] = [];
for (let i = 0; i < 1000; i++) {
  const [x, y] = mnist.train.next_batch(100);
  const t = performance.now();
  await second.step(x, y);
  times.push(performance.now() - t);
}
second.sess.close();
const segment = (a: number, b: number): string => {
  const s = times.slice(a, b);
  const sorted = [...s].sort((p, q) => p - q);
  return `steps ${a}-${b - 1}: mean ${us((s.reduce((p, q) => p + q, 0) / s.length) * 1000)}, median ${us(sorted[s.length >> 1]! * 1000)}`;
};
console.log(`a new session's first 1,000 fresh steps (mean ${us(times.reduce((p, q) => p + q, 0))}):`);
for (const [a, b] of [
  [0, 1],
  [1, 10],
  [10, 100],
  [100, 300],
  [300, 1000],
] as const)
  console.log(`  ${segment(a, b)}`);
