import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { ndarray, shape } from '../../../src/testing/index.js';
import { known } from '../helpers/check.js';
import { gradientProperty, type OpCase } from '../helpers/op_case.js';

/** CheckNumerics: its gradient is the incoming one (behind its own check), to first and second order. */
export const cases: OpCase[] = [
  gradientProperty(
    'CheckNumerics',
    'passes the gradient through',
    fc.tuple(
      shape().chain((s) => ndarray(s)),
      known,
    ),
    ([x, k]) => ({ inputs: [x], build: ([t]) => tf.check_numerics(t!, 'x'), known: k }),
    30,
  ),
  gradientProperty(
    'CheckNumerics',
    'second order: d/dx of d sum(square(check_numerics(x))) / dx',
    fc.tuple(
      shape().chain((s) => ndarray(s)),
      known,
    ),
    ([x, k]) => ({ inputs: [x], build: ([t]) => tf.square(tf.check_numerics(t!, 'x')), order: 2, known: k }),
    20,
  ),
];
