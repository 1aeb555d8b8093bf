// Parity case of Svd (its WebGPU step runs the host kernel, as Where's): random batches of matrices, every attr.
import fc from 'fast-check';
import { arrayOf, op, shapeOf } from './harness.js';
import { feedThrough, parity, valuesOf, type ParityCase } from './cases_math.js';

/** Svd's parity case. */
export const LINALG_CASES: { Svd: ParityCase } = {
  Svd: parity(
    fc
      .tuple(
        shapeOf(3, 4).filter((s) => s.length >= 2),
        fc.boolean(),
        fc.boolean(),
      )
      .chain(([s, uv, full]) => fc.tuple(arrayOf(s, 'float32', valuesOf('float32')), fc.constant(uv), fc.constant(full))),
    (g, [x, uv, full]) => feedThrough(g, [x], (ph) => op(g, 'Svd', ph, { compute_uv: uv, full_matrices: full })),
  ),
};
