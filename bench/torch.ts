import { spawnSync } from 'node:child_process';
import { DEEP, runResult, workload, type RunResult, type WorkloadName } from './workloads.js';

/**
 * Runs bench/torch_deep.py (PyTorch on the CPU, on all the machine's cores) on the `deep` workload with `python`;
 * null, with the reason printed, when that Python has no PyTorch (bench/setup-peers.sh installs Debian's) or the run fails.
 */
export function runTorch(python: string, name: WorkloadName, quick: boolean): RunResult | null {
  const w = workload(name, quick);
  const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    const why = probe.error?.message ?? probe.stderr.trim().split('\n').pop();
    console.error(`  torch      skipped: ${python} has no PyTorch (${why}); \`sh bench/setup-peers.sh\` installs Debian's python3-torch`);
    return null;
  }
  const args = ['bench/torch_deep.py', '--steps', String(w.steps), '--batch', String(w.batch), '--test-images', String(DEEP.testImages)];
  args.push('--eval-batch', String(DEEP.evalBatch), '--keep-prob', String(DEEP.keepProb), '--learning-rate', String(w.learningRate));
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
