import type { OpCase } from '../helpers/op_case.js';
import { cases as elementwise } from './elementwise.js';
import { cases as reduce } from './reduce.js';
import { cases as nn } from './nn.js';
import { cases as array } from './array.js';
import { cases as gradOps } from './grad_ops.js';
import { cases as transpose } from './transpose.js';
import { cases as select } from './select.js';
import { cases as losses } from './losses.js';
import { cases as arrayStructure } from './array_structure.js';
import { cases as arrayIndex } from './array_index.js';
import { cases as nnExtra } from './nn_extra.js';
import { cases as arrayDiag } from './array_diag.js';
import { cases as numerics } from './numerics.js';
import { cases as logging } from './logging.js';
import { cases as scan } from './scan.js';
import { cases as nnPool } from './nn_pool.js';
import { cases as nnConv } from './nn_conv.js';
import { cases as nnDepthwise } from './nn_depthwise.js';
import { cases as controlFlow, condLoopCases, loopCases, refLoopCases } from './control_flow.js';
import { cases as nnBatchnorm } from './nn_batchnorm.js';
import { cases as spaceBatch } from './space_batch.js';
import { cases as tensorArray } from './tensor_array.js';
import { cases as reverseSequence } from './reverse_sequence.js';
import { cases as linalg } from './linalg.js';

/** Every per-op gradient property of the suite. */
export const ALL_CASES: readonly OpCase[] = [
  ...elementwise,
  ...reduce,
  ...nn,
  ...array,
  ...gradOps,
  ...transpose,
  ...select,
  ...losses,
  ...arrayStructure,
  ...arrayIndex,
  ...nnExtra,
  ...arrayDiag,
  ...numerics,
  ...logging,
  ...scan,
  ...nnPool,
  ...nnConv,
  ...nnDepthwise,
  ...controlFlow,
  ...loopCases,
  ...condLoopCases,
  ...refLoopCases,
  ...nnBatchnorm,
  ...spaceBatch,
  ...tensorArray,
  ...reverseSequence,
  ...linalg,
];
