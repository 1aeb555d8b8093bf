/** Parity cases of Unique and UniqueWithCounts (run on the host by both backends; the read back and the outputs' dtypes are the WebGPU side's). */
import fc from 'fast-check';
import type { DType } from '../../../src/framework/dtypes.js';
import type { NDArray } from '../../../src/framework/ndarray.js';
import { arrayOf, op } from './harness.js';
import { feedThrough, parity, type ParityCase } from './cases_math.js';

// Vectors of few distinct small values, so repeats are common.
const vectors = fc
  .tuple(fc.integer({ min: 0, max: 12 }), fc.constantFrom<DType>('float32', 'int32', 'int64'), fc.constantFrom<'int32' | 'int64'>('int32', 'int64'))
  .chain(([n, d, out]) => fc.tuple(arrayOf([n], d, fc.integer({ min: -3, max: 3 })), fc.constant(out)));

const unique = parity(vectors, (g, [x, out]: [NDArray, 'int32' | 'int64']) => feedThrough(g, [x], (ph) => op(g, 'Unique', ph, { out_idx: out })));
const withCounts = parity(vectors, (g, [x, out]: [NDArray, 'int32' | 'int64']) => feedThrough(g, [x], (ph) => op(g, 'UniqueWithCounts', ph, { out_idx: out })));

/** Parity cases of Unique and UniqueWithCounts. */
export const UNIQUE_CASES: { Unique: ParityCase; UniqueWithCounts: ParityCase } = { Unique: unique, UniqueWithCounts: withCounts };
