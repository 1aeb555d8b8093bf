// The `deep` workload's training steps alone, for a CPU profile of this project's step:
//   node --cpu-prof --cpu-prof-dir=DIR --import tsx bench/profile_deep.ts [STEPS]     (default 30)
//   npx tsx bench/profile_top.ts DIR                                                 (top self-time functions)
// Node writes one profile per thread (the main thread and the kernels' worker threads). The data loading, graph
// building and initialization before the steps are in the profiles too; the steps dominate them.
import { deepSession } from './engines/this_deep.js';
import { workload } from './workloads.js';

const steps = Number(process.argv[2] ?? 30);
const { m, sess, trainFeeds } = await deepSession(workload('deep', false), 'cpu');
const t = performance.now();
for (let i = 0; i < steps; i++) await sess.run(m.train_step, trainFeeds());
const s = (performance.now() - t) / 1000;
console.log(`${steps} training steps in ${s.toFixed(2)} s: ${(steps / s).toFixed(2)} steps/s`);
sess.close();
