// Pinned arrays have a budget in the kernels' memory: a loop that makes a new pinned array every step and
// drops it, faster than the collector frees them, keeps running (arrays past the budget are ordinary ones)
// instead of filling the 4 GiB memory and failing (it died at step 42 once, then at step ~110).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const child = fileURLToPath(new URL('./fixtures/pinned_loop.ts', import.meta.url));

describe('pinned arrays made and dropped every step', () => {
  it('a loop of 200 new 31 MB pinned batches runs to the end, the memory bounded by 4 GiB', () => {
    const p = spawnSync(process.execPath, ['--import', 'tsx', child, '200'], { encoding: 'utf8', timeout: 170_000 });
    expect(p.status, p.stderr).toBe(0);
    const r = JSON.parse(p.stdout.trim().split('\n').pop()!) as {
      steps: number;
      error: string | null;
      memoryBytes: number;
      budget: number;
      loss: number;
      pinnedAfterBudget: number;
    };
    expect(r.error).toBeNull();
    expect(r.steps).toBe(200);
    expect(r.memoryBytes).toBeLessThanOrEqual(2 ** 32);
    expect(r.loss).toBe(0); // a zero batch after training: the run still works
    // no pinned array was made past the budget: those batches were ordinary arrays
    expect(r.pinnedAfterBudget).toBe(0);
    // a hang guard, not a speed check: the child takes ~15 s alone and over a minute on a shared machine
  }, 180_000);
});
