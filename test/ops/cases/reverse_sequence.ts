import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { ndarrays } from '../../../src/testing/index.js';
import { known } from '../helpers/check.js';
import { gradientProperty, type OpCase } from '../helpers/op_case.js';

// [batch 3, time 4, features 2] with lengths from 0 to 4.
const parts = fc.tuple(ndarrays([[3, 4, 2]]), fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 3, maxLength: 3 }), known);

/** Gradient property of ReverseSequence (array_grad.py: ReverseSequence of the gradient). */
export const cases: readonly OpCase[] = [
  gradientProperty(
    'ReverseSequence',
    'batch-major and time-major, random lengths',
    parts,
    ([[x], lens, k]) => ({
      inputs: [x!],
      build: ([a]) =>
        tf.add(
          tf.reverse_sequence(a!, lens, { seq_axis: 1, batch_axis: 0 }),
          tf.transpose(tf.reverse_sequence(tf.transpose(a!, [1, 0, 2]), lens, { seq_axis: 0, batch_axis: 1 }), [1, 0, 2]),
        ),
      known: k,
    }),
    10,
  ),
];
