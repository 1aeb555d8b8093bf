import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { ndarray, shape } from '../../../src/testing/index.js';
import { known } from '../helpers/check.js';
import { gradientProperty, type OpCase } from '../helpers/op_case.js';

/** A shape of rank 1-3, an axis of it (negative too), exclusive and reverse. */
const scanArgs = (values: Parameters<typeof ndarray>[1] = {}) =>
  shape({ min_rank: 1, max_rank: 3 }).chain((s) =>
    fc.tuple(ndarray(s, values), fc.integer({ min: -s.length, max: s.length - 1 }), fc.boolean(), fc.boolean(), known),
  );

/** Cumsum and Cumprod: first order by x for every axis, exclusive and reverse; second order (Cumprod's rule is not linear). */
export const cases: OpCase[] = [
  gradientProperty(
    'Cumsum',
    'by x, any axis, exclusive and reverse',
    scanArgs(),
    ([x, axis, exclusive, reverse, k]) => ({ inputs: [x], build: ([t]) => tf.cumsum(t!, axis, exclusive, reverse), known: k }),
    40,
  ),
  gradientProperty(
    'Cumprod',
    'by x away from 0 (TF1 divides by x), any axis, exclusive and reverse',
    scanArgs({ avoid: [0], gap: 0.25 }),
    ([x, axis, exclusive, reverse, k]) => ({ inputs: [x], build: ([t]) => tf.cumprod(t!, axis, exclusive, reverse), known: k }),
    40,
  ),
  gradientProperty(
    'Cumprod',
    'second order: d/dx of d sum(cumprod(x)) / dx',
    scanArgs({ avoid: [0], gap: 0.25 }),
    ([x, axis, exclusive, reverse, k]) => ({ inputs: [x], build: ([t]) => tf.cumprod(t!, axis, exclusive, reverse), order: 2, known: k }),
    20,
  ),
];
