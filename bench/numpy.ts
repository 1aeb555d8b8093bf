import { spawnSync } from 'node:child_process';
import { workload, type RunResult, type WorkloadName } from './workloads.js';

/**
 * Runs bench/numpy_article.py on a workload with `python` (one that has NumPy); null, with the
 * reason printed, when that fails. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset for it alone:
 * this machine's environment pins an old OpenBLAS kernel with them, which slows a current NumPy.
 */
export function runNumpy(python: string, name: WorkloadName, quick: boolean): RunResult | null {
  const w = workload(name, quick);
  const at = Array.from({ length: w.steps }, (_, i) => i).filter((i) => w.evaluateAfter(i));
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const args = [
    'bench/numpy_article.py',
    '--workload',
    name,
    '--examples',
    String(w.examples),
    '--batch',
    String(w.batch ?? 0),
    '--steps',
    String(w.steps),
    '--evaluate-at',
    at.join(','),
    '--optimizer',
    w.optimizer,
    '--learning-rate',
    String(w.learningRate),
  ];
  const r = spawnSync(python, args, { encoding: 'utf8', env });
  try {
    return JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as RunResult;
  } catch {
    console.error(`numpy (${python}) on ${name} failed: ${r.error?.message ?? r.stderr.slice(-1000)}`);
    return null;
  }
}
