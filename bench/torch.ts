import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRnnWeights } from './rnn_weights.js';
import { DEEP, RNN, runResult, workload, type RunResult, type WorkloadName } from './workloads.js';

/** Threads PyTorch runs on: the two cores the bench's machine has (torch's own default here is one). */
const TORCH_THREADS = 2;

/**
 * Runs PyTorch on the CPU with `python`: bench/torch_deep.py on the `deep` workload, bench/torch_rnn.py (from the
 * bench's initial weights, rnn_weights.ts) on `rnn`; null, with the reason printed, when that Python has no PyTorch
 * (bench/setup-peers.sh installs Debian's) or the run fails.
 */
export function runTorch(python: string, name: WorkloadName, quick: boolean): RunResult | null {
  const w = workload(name, quick);
  const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    const why = probe.error?.message ?? probe.stderr.trim().split('\n').pop();
    console.error(`  torch      skipped: ${python} has no PyTorch (${why}); \`sh bench/setup-peers.sh\` installs Debian's python3-torch`);
    return null;
  }
  let args: string[];
  if (w.model === 'rnn') {
    const init = join(tmpdir(), `tf1-ts-bench-rnn-${process.pid}.f32`);
    writeRnnWeights(init);
    args = ['bench/torch_rnn.py', '--steps', String(w.steps), '--init', init, '--batch', String(w.batch), '--test-images', String(RNN.testImages)];
    args.push('--learning-rate', String(w.learningRate), '--forget-bias', String(RNN.forgetBias), '--threads', String(TORCH_THREADS));
  } else {
    args = ['bench/torch_deep.py', '--steps', String(w.steps), '--batch', String(w.batch), '--test-images', String(DEEP.testImages)];
    args.push('--eval-batch', String(DEEP.evalBatch), '--keep-prob', String(DEEP.keepProb), '--learning-rate', String(w.learningRate));
  }
  const r = spawnSync(python, args, { encoding: 'utf8' });
  let run: Parameters<typeof runResult>[2];
  try {
    run = JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
  } catch {
    console.error(`torch (${python}) on ${name} failed: ${r.error?.message ?? r.stderr.slice(-1000)}`);
    return null;
  }
  return runResult('torch', w, run);
}
