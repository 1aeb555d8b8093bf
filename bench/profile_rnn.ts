// The `rnn` workload's training step, op by op: where its time goes, with MatMul split by its operands' transposes
// (the forward [x, h]·kernel, and the gradients g·kernelᵀ and [x, h]ᵀ·g):
//   npx tsx bench/profile_rnn.ts [STEPS] [rnn|rnn-dynamic]     (default 10 steps of `rnn`, after 3 warm-up steps)
// For a CPU profile of the same steps: node --cpu-prof --cpu-prof-dir=DIR --import tsx bench/profile_rnn.ts, then
// npx tsx bench/profile_top.ts DIR.
import * as tf from '../src/index.js';
import { rnnSession } from './engines/this_rnn.js';
import { workload } from './workloads.js';

const steps = Number(process.argv[2] ?? 10);
const name = process.argv[3] ?? 'rnn';
if (name !== 'rnn' && name !== 'rnn-dynamic') throw new Error(`unknown workload ${name}: rnn or rnn-dynamic`);
const { m, sess, trainFeeds } = await rnnSession(workload(name, false), 'cpu');
for (let i = 0; i < 3; i++) await sess.run(m.train_op, trainFeeds());
const sums = new Map<string, number>();
const t = performance.now();
for (let i = 0; i < steps; i++) {
  const md = new tf.RunMetadata();
  await sess.run(m.train_op, trainFeeds(), { options: new tf.RunOptions({ trace_level: tf.RunOptions.FULL_TRACE }), run_metadata: md });
  for (const s of md.step_stats) {
    let key = s.op;
    if (s.op === 'MatMul') {
      const op = m.train_op.graph.get_operation_by_name(s.node_name);
      key = `MatMul ${op.get_attr('transpose_a') ? 'aᵀ' : 'a'}·${op.get_attr('transpose_b') ? 'bᵀ' : 'b'}`;
    }
    sums.set(key, (sums.get(key) ?? 0) + s.ms);
  }
}
const wall = (performance.now() - t) / steps;
const total = [...sums.values()].reduce((a, b) => a + b, 0) / steps;
console.log(`${steps} traced steps: ${wall.toFixed(1)} ms a step, ${total.toFixed(1)} ms of it in ops`);
for (const [k, ms] of [...sums].sort((a, b) => b[1] - a[1])) {
  console.log(`  ${k.padEnd(32)} ${(ms / steps).toFixed(2).padStart(8)} ms  ${((100 * ms) / steps / total).toFixed(1).padStart(5)}%`);
}
sess.close();
