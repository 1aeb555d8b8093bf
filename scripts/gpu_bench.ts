// The bench's workloads (bench/workloads.ts) run by this project on one backend, each printed as one JSON line
// (bench/child.ts's record, with the backend's device): what scripts/gpu-check.sh runs on a GPU machine after the
// article, where the bench itself (tsx, the peers' packages) is not installed.
//
//   npx tsx scripts/gpu_bench.ts --backend webgpu --workloads minibatch,adam [--quick]
//   node .gpu/gpu_bench.mjs --backend webgpu --workloads minibatch,full,adam,deep,rnn
import { parseArgs } from 'node:util';
import { runThis } from '../bench/engines/this.js';
import { runResult, workload, WORKLOAD_NAMES, type WorkloadName } from '../bench/workloads.js';

const { values: args } = parseArgs({
  options: {
    backend: { type: 'string', default: 'webgpu' },
    workloads: { type: 'string', default: 'minibatch,full,adam,deep,rnn' },
    quick: { type: 'boolean', default: false },
  },
});
const backend = args.backend === 'cpu' ? 'cpu' : 'webgpu';
for (const name of args.workloads.split(',') as WorkloadName[]) {
  if (!WORKLOAD_NAMES.includes(name)) throw new Error(`unknown workload ${name}: workloads are ${WORKLOAD_NAMES.join(', ')}`);
  const w = workload(name, args.quick);
  const run = await runThis(w, backend);
  const { profile: _, ...result } = runResult('this', w, { ...run, cpu_s: Number.NaN, peak_mib: process.memoryUsage().rss / 2 ** 20 });
  console.log(JSON.stringify({ backend, ...result }));
}
process.exit(0);
