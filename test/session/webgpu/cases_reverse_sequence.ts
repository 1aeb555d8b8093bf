// Parity case of ReverseSequence (its WebGPU step runs the host kernel): random shapes, axes and lengths.
import fc from 'fast-check';
import { arrayOf, nd, op, shapeOf } from './harness.js';
import { feedThrough, parity, valuesOf } from './cases_math.js';

/** ReverseSequence's parity case. */
export const REVERSE_SEQUENCE_CASES = {
  ReverseSequence: parity(
    shapeOf(3, 4, false)
      .filter((s) => s.length >= 2)
      .chain((s) =>
        fc.tuple(fc.constant(s), fc.integer({ min: 0, max: s.length - 1 }), fc.integer({ min: 1, max: s.length - 1 })).chain(([sh, bd, off]) => {
          const sd = (bd + off) % sh.length;
          return fc.tuple(
            arrayOf(sh, 'float32', valuesOf('float32')),
            fc.constant(bd),
            fc.constant(sd),
            fc.array(fc.integer({ min: 0, max: sh[sd]! }), { minLength: sh[bd]!, maxLength: sh[bd]! }),
          );
        }),
      ),
    (g, [x, bd, sd, lens]) => feedThrough(g, [x, nd(lens, [lens.length], 'int64')], (ph) => op(g, 'ReverseSequence', ph, { seq_dim: sd, batch_dim: bd })),
  ),
};
