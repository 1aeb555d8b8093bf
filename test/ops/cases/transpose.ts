import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { ndarray, shape } from '../../../src/testing/index.js';
import { known } from '../helpers/check.js';
import { gradientProperty, type OpCase } from '../helpers/op_case.js';

/** A shape and one of its permutations. */
const shapeAndPerm = shape({ max_rank: 4, max_dim: 3 }).chain((s) =>
  fc.tuple(
    ndarray(s),
    fc.shuffledSubarray(
      s.map((_, i) => i),
      { minLength: s.length, maxLength: s.length },
    ),
  ),
);

/** y times distinct weights 1..n, so a gradient routed to the wrong element shows. */
const weighted = (y: tf.Tensor, dims: readonly number[]): tf.Tensor =>
  y.mul(
    tf.constant(
      Float64Array.from({ length: dims.reduce((a, b) => a * b, 1) }, (_, i) => i + 1),
      { shape: [...dims] },
    ),
  );

/** transpose by a constant permutation, by one computed at run time, and with perm=None (the dims reversed). */
export const cases: OpCase[] = [
  gradientProperty(
    'Transpose',
    'by a constant permutation',
    fc.tuple(shapeAndPerm, known),
    ([[x, perm], k]) => ({
      inputs: [x],
      build: ([t]) =>
        weighted(
          tf.transpose(t!, perm),
          perm.map((p) => x.shape[p]!),
        ),
      known: k,
    }),
    40,
  ),
  gradientProperty(
    'Transpose',
    'by a permutation computed at run time (the inverse by DynamicStitch)',
    shapeAndPerm,
    ([x, perm]) => ({
      inputs: [x],
      // Identity hides the value from the gradient rule, which then inverts the permutation with ops.
      build: ([t]) =>
        weighted(
          tf.transpose(t!, tf.identity(tf.constant(perm, { dtype: tf.int32, shape: [perm.length] }))),
          perm.map((p) => x.shape[p]!),
        ),
    }),
    30,
  ),
  gradientProperty(
    'Transpose',
    'perm=None: the dims reversed',
    fc.tuple(ndarray(shape({ max_rank: 4, max_dim: 3 }), { max_size: 81 }), known),
    ([x, k]) => ({ inputs: [x], build: ([t]) => weighted(tf.transpose(t!), [...x.shape].reverse()), known: k }),
    30,
  ),
];
