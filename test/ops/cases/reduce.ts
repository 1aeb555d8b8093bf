import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { ndarray, reduction_axes, shape, type ValueConstraints } from '../../../src/testing/index.js';
import type { OpType } from '../../../src/framework/op_defs.js';
import { known } from '../helpers/check.js';
import { gradientProperty, type OpCase } from '../helpers/op_case.js';

type Reduce = (x: tf.Tensor, o: tf.ReduceOptions) => tf.Tensor;

const REDUCTIONS: [OpType, Reduce, ValueConstraints][] = [
  ['Sum', tf.reduce_sum, {}],
  ['Mean', tf.reduce_mean, {}],
  // Distinct values: reduce_max is not differentiable at ties.
  ['Max', tf.reduce_max, { distinct: 1e-3 }],
  // Away from 0 here; prodAtZeros below puts exact zeros in.
  ['Prod', tf.reduce_prod, { min: -1.6, max: 1.6, avoid: [0], gap: 0.3 }],
  // Distinct values, as for Max.
  ['Min', tf.reduce_min, { distinct: 1e-3 }],
];

/** Every subset of the axes of a rank-r tensor, in increasing order. */
export function everyAxisSubset(r: number): number[][] {
  return Array.from({ length: 1 << r }, (_, m) => Array.from({ length: r }, (_, i) => i).filter((i) => (m >> i) & 1));
}

const exhaustive = REDUCTIONS.flatMap(([op, f, values]) =>
  [0, 1, 2, 3].flatMap((r) =>
    everyAxisSubset(r).flatMap((axis) =>
      [false, true].map((keep_dims) =>
        gradientProperty(
          op,
          `rank ${r}, axis ${JSON.stringify(axis)}, keep_dims ${keep_dims}`,
          fc.tuple(ndarray(shape({ min_rank: r, max_rank: r, max_dim: 3 }), values), known),
          ([x, k]) => ({ inputs: [x], build: ([t]) => f(t!, { axis, keep_dims }), known: k }),
          3,
        ),
      ),
    ),
  ),
);

const randomAxes = REDUCTIONS.flatMap(([op, f, values]) => [
  gradientProperty(
    op,
    'shuffled and negative axes, given as a constant',
    fc.tuple(
      shape({ max_dim: 3 }).chain((s) => fc.tuple(ndarray(s, values), reduction_axes(s.length))),
      fc.boolean(),
      known,
    ),
    ([[x, axis], keep_dims, k]) => ({ inputs: [x], build: ([t]) => f(t!, { axis, keep_dims }), known: k }),
    30,
  ),
  gradientProperty(
    op,
    'axes from a tensor computed at run time',
    fc.tuple(
      shape({ min_rank: 1, max_dim: 3 }).chain((s) => fc.tuple(ndarray(s, values), reduction_axes(s.length))),
      fc.boolean(),
    ),
    ([[x, axis], keep_dims]) => ({
      inputs: [x],
      // Identity hides the value from shape inference, so the rule takes its dynamic-shape path.
      build: ([t]) => f(t!, { axis: tf.identity(tf.constant(axis, { dtype: tf.int32, shape: [axis.length] })), keep_dims }),
      known: 'none',
    }),
    30,
  ),
  gradientProperty(
    op,
    'no axis: every axis',
    fc.tuple(ndarray(shape({ max_dim: 3 }), values), known),
    ([x, k]) => ({ inputs: [x], build: ([t]) => f(t!, {}), known: k }),
    20,
  ),
]);

/**
 * An array with exact zeros: each element 0 about one time in three, so groups have none, one, or several;
 * the others stay 0.3 from 0 (the rule divides the product by x, which a product underflowing to 0 would defeat).
 */
const withZeros = (s: readonly number[]) =>
  fc
    .tuple(
      ndarray(s, { min: -1.6, max: 1.6, avoid: [0], gap: 0.3 }),
      fc.array(fc.integer({ min: 0, max: 2 }), { minLength: s.reduce((a, b) => a * b, 1), maxLength: s.reduce((a, b) => a * b, 1) }),
    )
    .map(
      ([x, keep]) =>
        new tf.NDArray(
          x.data.map((v, i) => (keep[i] === 0 ? 0 : v)),
          x.shape,
          x.dtype,
        ),
    );

// The product is linear in each element, so central differences are exact at zeros too.
const prodAtZeros = gradientProperty(
  'Prod',
  'with exact zeros in the groups (the product of the others, as TF1)',
  fc.tuple(
    shape({ min_rank: 1, max_dim: 4 }).chain((s) => fc.tuple(withZeros(s), reduction_axes(s.length))),
    fc.boolean(),
    known,
  ),
  ([[x, axis], keep_dims, k]) => ({ inputs: [x], build: ([t]) => tf.reduce_prod(t!, { axis, keep_dims }), known: k }),
  60,
);

/** reduce_sum, reduce_mean, reduce_max and reduce_prod over every axis combination, with and without keep_dims. */
export const cases: OpCase[] = [...exhaustive, ...randomAxes, prodAtZeros];
