import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { ndarray, shape } from '../../../src/testing/index.js';
import { known } from '../helpers/check.js';
import { gradientProperty, type OpCase } from '../helpers/op_case.js';

/** Print: its gradient is the incoming one, for its input (first_n 0: nothing is written while the property runs). */
export const cases: OpCase[] = [
  gradientProperty(
    'Print',
    'passes the gradient through to its input, none to its data',
    fc.tuple(
      shape().chain((s) => ndarray(s)),
      known,
    ),
    ([x, k]) => ({ inputs: [x], build: ([t]) => tf.square(tf.Print(t!, [t!, 'x'], { first_n: 0 })), known: k }),
    30,
  ),
];
