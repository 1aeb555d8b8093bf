/** Every op type's parity case, as an exhaustive table: a new op type without a case here does not compile. */
import type { OpType } from '../../../src/framework/op_defs.js';
import { ARRAY_STATE_CASES, RANDOM_CASES, type DistributionCase } from './cases_array.js';
import { ELEMENTWISE_CASES, REDUCE_NN_CASES, type ParityCase } from './cases_math.js';
import { TRANSPOSE_CASES } from './cases_transpose.js';
import { TRAINING_CASES } from './cases_training.js';
import { SELECT_CASES } from './cases_select.js';
import { UNIQUE_CASES } from './cases_unique.js';
import { SCRIPT_CASES } from './cases_script.js';
import { VARIABLE_CHECK_CASES } from './cases_variable_checks.js';
import { LOSS_CASES } from './cases_losses.js';
import { ARRAY_STRUCTURE_CASES } from './cases_array_structure.js';
import { ARRAY_INDEX_CASES } from './cases_array_index.js';
import { NN_EXTRA_CASES } from './cases_nn_extra.js';
import { TRAINING_MORE_CASES } from './cases_training_more.js';
import { TRAINING_SPARSE_CASES } from './cases_training_sparse.js';
import { ARRAY_DIAG_CASES } from './cases_array_diag.js';
import { NUMERICS_CASES } from './cases_numerics.js';
import { SCAN_CASES } from './cases_scan.js';
import { CANDIDATE_SAMPLING_CASES } from './cases_candidate_sampling.js';
import { NN_POOL_CASES } from './cases_nn_pool.js';
import { NN_CONV_CASES } from './cases_nn_conv.js';
import { NN_DEPTHWISE_CASES } from './cases_nn_depthwise.js';
import { STRING_CASES } from './cases_strings.js';
import { CONTROL_FLOW_CASES } from './cases_control_flow.js';
import { SUMMARY_CASES } from './cases_summary.js';
import { NN_BATCHNORM_CASES } from './cases_nn_batchnorm.js';
import { LOGGING_CASES } from './cases_logging.js';
import { SPACE_BATCH_CASES } from './cases_space_batch.js';
import { OPAQUE_CASES } from './cases_opaque.js';
import { IO_CASES } from './cases_io.js';
import { REVERSE_SEQUENCE_CASES } from './cases_reverse_sequence.js';
import { SCATTER_CASES } from './cases_scatter.js';
import { LINALG_CASES } from './cases_linalg.js';

/** The parity (or, for random ops, distribution) case of every op type. */
// The while loop's ops and the stack ops run only in loop plans, compared with the CPU backend's by
// test/session/webgpu/while_loop.test.ts; the TensorArray ops likewise, in loops (tensor_array_loop.test.ts);
// WebGPU refuses them in a plan without a loop (test/session/tensor_array.test.ts).
type LoopOnly =
  | 'Enter'
  | 'Exit'
  | 'NextIteration'
  | 'LoopCond'
  | 'RefEnter'
  | 'RefExit'
  | 'RefNextIteration'
  | 'StackV2'
  | 'StackPushV2'
  | 'StackPopV2'
  | 'StackCloseV2'
  | 'ControlTrigger';
export const PARITY_CASES: { [K in Exclude<OpType, LoopOnly | `TensorArray${string}`>]: ParityCase | DistributionCase } = {
  ...ELEMENTWISE_CASES,
  ...REDUCE_NN_CASES,
  ...ARRAY_STATE_CASES,
  ...RANDOM_CASES,
  ...TRANSPOSE_CASES,
  ...TRAINING_CASES,
  ...SELECT_CASES,
  ...UNIQUE_CASES,
  ...SCRIPT_CASES,
  ...VARIABLE_CHECK_CASES,
  ...LOSS_CASES,
  ...ARRAY_STRUCTURE_CASES,
  ...ARRAY_INDEX_CASES,
  ...NN_EXTRA_CASES,
  ...TRAINING_MORE_CASES,
  ...TRAINING_SPARSE_CASES,
  ...LINALG_CASES,
  ...ARRAY_DIAG_CASES,
  ...NUMERICS_CASES,
  ...SCAN_CASES,
  ...CANDIDATE_SAMPLING_CASES,
  ...NN_POOL_CASES,
  ...NN_CONV_CASES,
  ...NN_DEPTHWISE_CASES,
  ...STRING_CASES,
  ...CONTROL_FLOW_CASES,
  ...NN_BATCHNORM_CASES,
  ...SUMMARY_CASES,
  ...LOGGING_CASES,
  ...SPACE_BATCH_CASES,
  ...IO_CASES,
  ...OPAQUE_CASES,
  ...REVERSE_SEQUENCE_CASES,
  ...SCATTER_CASES,
};
