// A new process's mini-batch steps, by segment: how long V8 takes to warm up. TF1's beginner tutorial (the article's
// model, GradientDescentOptimizer(0.5), a new next_batch(100) each step) through Session.run on the CPU backend;
// prints the mean time of each segment of steps (the bench times a new process's first 1,000):
//   npx tsx bench/minibatch_cold.ts [STEPS]     (default 5000)
// With MARK=1 it also prints `@@ step N` at the segments' starts, to place `node --trace-opt`'s compilations:
//   MARK=1 node --trace-opt --import tsx bench/minibatch_cold.ts
import { read_data_sets } from '../src/examples/tutorials/mnist/input_data.js';
import { beginnerStep } from './beginner_step.js';

const steps = Number(process.argv[2] ?? 5000);
const mnist = read_data_sets(undefined, { one_hot: true, log: null });
const { m, train, sess } = await beginnerStep();
const bounds = [0, 1, 10, 100, 300, 1000, 2000, steps].filter((b, i, all) => b <= steps && all.indexOf(b) === i);
const times: number[] = [];
for (let i = 0; i < steps; i++) {
  if (process.env.MARK && bounds.includes(i)) console.log(`@@ step ${i}`);
  const [x, y] = mnist.train.next_batch(100);
  const t = performance.now();
  await sess.run(
    train,
    new Map([
      [m.x, x],
      [m.y_, y],
    ]),
  );
  times.push((performance.now() - t) * 1000);
}
sess.close();
const mean = (a: number, b: number): string => `${(times.slice(a, b).reduce((p, q) => p + q, 0) / (b - a)).toFixed(0)} µs`;
const segments = bounds.slice(1).map((b, i) => `${bounds[i]}-${b - 1}: ${mean(bounds[i]!, b)}`);
console.log(`first 1,000 steps: mean ${mean(0, Math.min(1000, steps))}; by segment: ${segments.join(', ')}`);
