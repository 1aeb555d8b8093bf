import type { OpCase } from '../helpers/op_case.js';
import { cases as elementwise } from './elementwise.js';
import { cases as reduce } from './reduce.js';
import { cases as nn } from './nn.js';
import { cases as array } from './array.js';
import { cases as gradOps } from './grad_ops.js';
import { cases as transpose } from './transpose.js';
import { cases as nnExtra } from './nn_extra.js';

/** Every per-op gradient property of the suite. */
export const ALL_CASES: readonly OpCase[] = [...elementwise, ...reduce, ...nn, ...array, ...gradOps, ...transpose, ...nnExtra];
