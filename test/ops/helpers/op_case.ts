import fc from 'fast-check';
import type { OpType } from '../../../src/framework/op_defs.js';
import { checkGradient, type Check } from './check.js';

/** Gradient rules to swap in while the graph is built (`graph.gradient_override_map`). */
export type Overrides = Readonly<Partial<Record<OpType, string>>>;

/** One named gradient property of an op type, run as a test by a test file and counted by the coverage test. */
export interface OpCase {
  op: OpType;
  name: string;
  numRuns: number;
  /** The property, with the op's rule optionally swapped for another (to show that it fails). */
  property: (overrides?: Overrides) => fc.IAsyncProperty<[unknown]>;
  run: () => Promise<void>;
}

/** Multiplies every property's number of runs, for a longer soak than CI's (`GRADIENT_RUNS_SCALE=20`). */
export const RUNS_SCALE = Number(process.env.GRADIENT_RUNS_SCALE ?? 1);

/** A property over `arb` whose every value must pass `checkGradient`, for `op`. */
export function gradientProperty<T>(op: OpType, name: string, arb: fc.Arbitrary<T>, check: (v: T) => Omit<Check, 'op'>, numRuns: number): OpCase {
  const property = (overrides?: Overrides): fc.IAsyncProperty<[unknown]> =>
    fc.asyncProperty(arb as fc.Arbitrary<unknown>, async (v) => {
      await checkGradient({ op, ...check(v as T), ...(overrides ? { overrides } : {}) });
    });
  const runs = Math.max(1, Math.round(numRuns * RUNS_SCALE));
  return { op, name, numRuns: runs, property, run: () => fc.assert(property(), { numRuns: runs }) };
}
