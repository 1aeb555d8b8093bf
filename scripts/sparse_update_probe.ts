// What a sparse update saves: one AdagradOptimizer step on an embedding-sized variable [rows, 64] on the CPU
// backend, its gradient a dense Tensor (ApplyAdagrad over every row) or an IndexedSlices of 256 rows (Unique,
// UnsortedSegmentSum, SparseApplyAdagrad over those rows). Wall time per step, over `steps` steps, `repeats` times.
//   npx tsx scripts/sparse_update_probe.ts [--repeats 5] [--steps 20]
import * as tf from '../src/index.js';

const arg = (name: string, d: number): number => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : d;
};
const repeats = arg('--repeats', 5);
const steps = arg('--steps', 20);
const COLS = 64;
const PICKED = 256;

const stats = (xs: number[]): string => {
  const v = [...xs].sort((a, b) => a - b);
  return `median ${v[v.length >> 1]!.toFixed(3)} ms (min ${v[0]!.toFixed(3)}, max ${v[v.length - 1]!.toFixed(3)})`;
};

/** Milliseconds per step of Adagrad on [rows, COLS], the gradient dense or PICKED rows (some repeated). */
async function perStep(rows: number, sparse: boolean): Promise<number[]> {
  const g = new tf.Graph();
  const { update, init } = g.as_default(() => {
    const W = tf.Variable(tf.ones([rows, COLS]), { name: 'W' });
    const indices = Array.from({ length: PICKED }, (_, i) => (i * 7919) % rows);
    const grad = sparse ? new tf.IndexedSlices(tf.fill([PICKED, COLS], 0.01), tf.constant(indices), tf.constant([rows, COLS])) : tf.fill([rows, COLS], 0.01);
    return { update: new tf.train.AdagradOptimizer(0.1).apply_gradients([[grad, W]]), init: tf.global_variables_initializer() };
  });
  const sess = new tf.Session({ graph: g, backend: 'cpu' });
  await sess.run(init);
  await sess.run(update);
  const out: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    for (let s = 0; s < steps; s++) await sess.run(update);
    out.push((performance.now() - t0) / steps);
  }
  sess.close();
  return out;
}

for (const rows of [10_000, 100_000]) {
  for (const sparse of [false, true]) {
    console.log(`[${rows}, ${COLS}] ${sparse ? `IndexedSlices of ${PICKED} rows` : 'dense gradient'}: ${stats(await perStep(rows, sparse))}`);
  }
}
