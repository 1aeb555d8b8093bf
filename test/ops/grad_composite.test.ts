import fc from 'fast-check';
import { describe, it } from 'vitest';
import { broadcast_shapes, ndarrays, shape } from '../../src/testing/index.js';
import { checkGradient, known } from './helpers/check.js';
import { buildComposite, steps } from './helpers/composite.js';
import { RUNS_SCALE } from './helpers/op_case.js';

/** One to three inputs whose shapes broadcast together, with values in [-1.5, 1.5]. */
const inputShapes: fc.Arbitrary<number[][]> = fc.oneof(
  shape({ max_dim: 3 }).map((s) => [s]),
  broadcast_shapes({ max_dim: 3 }).map(([a, b]) => [a, b]),
  broadcast_shapes({ max_dim: 3 }).map(([a, b]) => [a, b, []]),
);
const inputs = ndarrays(inputShapes, { min: -1.5, max: 1.5, avoid: [0], gap: 0.05, distinct: 0.01, max_size: 55 });

const RUNS = Math.round(150 * RUNS_SCALE);

describe('gradients of random composite graphs against central differences (float64)', () => {
  for (const order of [1, 2] as const) {
    it(`order ${order}: ${order === 1 ? 'the Jacobian of the graph' : 'the Jacobian of its gradient (a Hessian)'}`, async () => {
      await fc.assert(
        fc.asyncProperty(inputs, steps(6), known, async (xs, program, k) => {
          await checkGradient({
            inputs: xs,
            build: (ts) =>
              buildComposite(
                ts,
                xs.map((a) => [...a.shape]),
                program,
              ),
            known: k,
            order,
            delta: 1e-6,
            rtol: 1e-5,
          });
        }),
        { numRuns: order === 1 ? RUNS : Math.round(RUNS / 2) },
      );
    });
  }
});
