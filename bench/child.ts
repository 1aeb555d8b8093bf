// One engine on one workload, in a process of its own (so peak memory is that run's); prints one JSON line.
import { Command } from 'commander';
import { runThis } from './engines/this.js';
import { runTfjs } from './engines/tfjs.js';
import { runResult, workload, WORKLOAD_NAMES, type WorkloadName } from './workloads.js';
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
const usage = process.resourceUsage();
const result = runResult(opts.engine, w, {
  detail: run.detail,
  evaluations: run.evaluations,
  train_s: run.train_s,
  total_s: run.total_s,
  cpu_s: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
  peak_mib: usage.maxRSS / 1024,
  accuracy: run.accuracy,
  loss: run.loss,
  ...(run.train_cpu_s !== undefined ? { train_cpu_s: run.train_cpu_s } : {}),
  ...(run.profile ? { profile: run.profile } : {}),
});
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
