/** Parity cases of Select (each of its three layouts) and Where. */
import fc from 'fast-check';
import type { DType } from '../../../src/framework/dtypes.js';
import type { NDArray } from '../../../src/framework/ndarray.js';
import { arrayOf, op, shapeOf } from './harness.js';
import { feedThrough, parity, valuesOf, type ParityCase } from './cases_math.js';

const dtypes = fc.constantFrom<DType>('float32', 'int32', 'int64', 'bool');
const bools = fc.integer({ min: 0, max: 1 });

// The condition: a scalar, a vector over t's first dimension, or t's own shape.
const select = parity(
  fc.tuple(shapeOf(), dtypes, fc.constantFrom<'scalar' | 'rows' | 'elements'>('scalar', 'rows', 'elements')).chain(([s, d, layout]) => {
    const cond = layout === 'scalar' ? [] : layout === 'rows' && s.length > 0 ? [s[0]!] : s;
    return fc.tuple(arrayOf(cond, 'bool', bools), arrayOf(s, d, valuesOf(d)), arrayOf(s, d, valuesOf(d)));
  }),
  (g, arrays: NDArray[]) => feedThrough(g, arrays, (ph) => op(g, 'Select', ph, {})),
);

// Mostly-false conditions of any numeric dtype, so the count of true elements varies.
const where = parity(
  fc.tuple(shapeOf(), dtypes).chain(([s, d]) => arrayOf(s, d, fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: valuesOf(d) }))),
  (g, x: NDArray) => feedThrough(g, [x], (ph) => op(g, 'Where', ph, {})),
);

/** Parity cases of Select and Where. */
export const SELECT_CASES: { Select: ParityCase; Where: ParityCase } = { Select: select, Where: where };
