/** Runs parity cases as fast-check properties against one CPU and one WebGPU session on a shared graph. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParityCase } from './cases_math.js';
import { closePair, expectParity, pair, type Pair } from './harness.js';

/** One `it` per op: `numRuns` random cases, each run on both backends and compared within the stated tolerance. */
export function describeParity(title: string, cases: Record<string, ParityCase>, numRuns: number): void {
  describe(title, () => {
    let p: Pair;
    beforeAll(async () => {
      p = pair();
      expect(await p.gpu.backendName()).toBe('webgpu');
    });
    afterAll(() => closePair(p));
    for (const [name, c] of Object.entries(cases)) {
      it(name, async () => {
        await fc.assert(
          fc.asyncProperty(c.arb, async (params) => {
            await expectParity(p, c.build(p.graph, params as never));
          }),
          { numRuns },
        );
      });
    }
  });
}
