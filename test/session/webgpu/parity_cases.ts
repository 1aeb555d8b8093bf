/** Every op type's parity case, as an exhaustive table: a new op type without a case here does not compile. */
import type { OpType } from '../../../src/framework/op_defs.js';
import { ARRAY_STATE_CASES, RANDOM_CASES, type DistributionCase } from './cases_array.js';
import { ELEMENTWISE_CASES, REDUCE_NN_CASES, type ParityCase } from './cases_math.js';
import { TRANSPOSE_CASES } from './cases_transpose.js';
import { TRAINING_CASES } from './cases_training.js';
import { TRAINING_MORE_CASES } from './cases_training_more.js';

/** The parity (or, for random ops, distribution) case of every op type. */
export const PARITY_CASES: { [K in OpType]: ParityCase | DistributionCase } = {
  ...ELEMENTWISE_CASES,
  ...REDUCE_NN_CASES,
  ...ARRAY_STATE_CASES,
  ...RANDOM_CASES,
  ...TRANSPOSE_CASES,
  ...TRAINING_CASES,
  ...TRAINING_MORE_CASES,
};
