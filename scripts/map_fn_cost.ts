// What a tf.map_fn costs on the CPU backend against the same arithmetic as one vectorized op: map_fn(x => x * 2 + 1)
// over n rows of 64 floats, forward and forward + tf.gradients, each run timed `--reps` times after one warm-up.
// Prints the median and the range (min–max) in ms per run, and the per-iteration overhead of the loop.
//   npx tsx scripts/map_fn_cost.ts [--n 1000] [--reps 7]
import * as tf from '../src/index.js';

const arg = (name: string, d: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const n = arg('n', 1000);
const reps = arg('reps', 7);
type T = tf.Tensor;

const g = new tf.Graph();
const { x, fetches } = g.as_default(() => {
  const x = tf.placeholder(tf.float32, [n, 64], { name: 'x' });
  const mapped = tf.map_fn((r: T) => r.mul(2).add(1), x) as T;
  const vectorized = x.mul(2).add(1);
  const dMapped = tf.gradients(tf.reduce_sum(mapped), x)[0]!;
  const dVectorized = tf.gradients(tf.reduce_sum(vectorized), x)[0]!;
  return { x, fetches: { mapped, vectorized, dMapped, dVectorized } };
});
const sess = new tf.Session({ graph: g, backend: 'cpu' });
const feeds = new Map([
  [
    x,
    new tf.NDArray(
      Float32Array.from({ length: n * 64 }, (_, i) => Math.sin(i)),
      [n, 64],
      'float32',
    ),
  ],
]);

for (const [name, t] of Object.entries(fetches)) {
  await sess.run(t, feeds);
  const ms: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    await sess.run(t, feeds);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  const med = ms[Math.floor(ms.length / 2)]!;
  console.log(
    `${name.padEnd(12)} median ${med.toFixed(2)} ms  range ${ms[0]!.toFixed(2)}–${ms.at(-1)!.toFixed(2)} ms  (${((med / n) * 1000).toFixed(1)} µs per row)`,
  );
}
sess.close();
