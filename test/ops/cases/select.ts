import fc from 'fast-check';
import * as tf from '../../../src/index.js';
import { ndarrays, shape } from '../../../src/testing/index.js';
import { known } from '../helpers/check.js';
import { gradientProperty, type OpCase } from '../helpers/op_case.js';

const small = shape({ max_dim: 3 });
const boolsOf = (s: readonly number[]): fc.Arbitrary<tf.NDArray> => {
  const n = s.reduce((a, b) => a * b, 1);
  return fc.array(fc.boolean(), { minLength: n, maxLength: n }).map((v) => new tf.NDArray(Uint8Array.from(v, Number), s, 'bool'));
};

// Select's condition in each of its layouts: t's own shape, a vector over t's rows, a scalar.
const LAYOUTS: [string, (s: readonly number[]) => readonly number[]][] = [
  ['a condition of the same shape', (s) => s],
  ['a vector condition picking rows', (s) => (s.length > 1 ? [s[0]!] : s)],
  ['a scalar condition', () => []],
];

/** Gradient properties of Select (tf.where with x and y), by both t and e. */
export const cases: readonly OpCase[] = LAYOUTS.map(([name, condShape]) =>
  gradientProperty(
    'Select',
    name,
    fc.tuple(
      small.chain((s) => fc.tuple(ndarrays([s, s]), boolsOf(condShape(s)))),
      known,
    ),
    ([[[x, y], c], k]) => ({ inputs: [x!, y!], build: ([a, b]) => tf.where(c, a!, b!), known: k }),
    20,
  ),
);
