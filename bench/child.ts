// One engine on one workload, in a process of its own (so peak memory is that run's); prints one JSON line.
import { Command } from 'commander';
import { runThis } from './engines/this.js';
import { runTfjs } from './engines/tfjs.js';
import { stepFlops, workload, WORKLOAD_NAMES, type RunResult, type WorkloadName } from './workloads.js';
import type { BackendName } from '../src/session/backend.js';

const opts = new Command()
  .requiredOption('--engine <engine>', 'this | tfjs-cpu | tfjs-wasm')
  .requiredOption('--workload <name>', WORKLOAD_NAMES.join(' | '))
  .option('--backend <backend>', "this project's Session backend", 'cpu')
  .option('--quick', 'fewer steps')
  .parse()
  .opts<{ engine: string; workload: WorkloadName; backend: BackendName; quick?: boolean }>();

const w = workload(opts.workload, !!opts.quick);
const run =
  opts.engine === 'this'
    ? await runThis(w, opts.backend)
    : opts.engine === 'tfjs-cpu'
      ? await runTfjs(w, 'cpu')
      : opts.engine === 'tfjs-wasm'
        ? await runTfjs(w, 'wasm')
        : null;
if (!run) throw new Error(`unknown engine ${opts.engine}`);
const result: RunResult = {
  engine: opts.engine,
  workload: w.name,
  detail: run.detail,
  steps: w.steps,
  evaluations: run.evaluations,
  train_s: run.train_s,
  total_s: run.total_s,
  steps_per_s: w.steps / run.train_s,
  gflops: (w.steps * stepFlops(w)) / run.train_s / 1e9,
  cpu_s: (process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime) / 1e6,
  peak_mib: process.resourceUsage().maxRSS / 1024,
  accuracy: run.accuracy,
  loss: run.loss,
  ...(run.train_cpu_s !== undefined ? { train_cpu_s: run.train_cpu_s } : {}),
  ...(run.profile ? { profile: run.profile } : {}),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
