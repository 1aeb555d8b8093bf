import { EXECUTOR_STEPS, type HostKernelTable } from '../kernel.js';
import { ARRAY_KERNELS } from './array.js';
import { ELEMENTWISE_KERNELS } from './elementwise.js';
import { matMul } from './matmul.js';
import { NN_KERNELS } from './nn.js';
import { RANDOM_KERNELS } from './random.js';
import { REDUCE_KERNELS } from './reduce.js';
import { SELECT_KERNELS } from './select.js';
import { UNIQUE_KERNELS } from './unique.js';
import { SCRIPT_KERNELS } from './script.js';
import { VARIABLE_CHECK_KERNELS } from './variable_checks.js';
import { STATE_KERNELS } from './state.js';
import { SCATTER_KERNELS } from './scatter.js';
import { transpose } from './transpose.js';
import { TRAINING_KERNELS } from './training.js';
import { LOSS_KERNELS } from './losses.js';
import { ARRAY_STRUCTURE_KERNELS } from './array_structure.js';
import { ARRAY_SPLIT_KERNELS } from './array_structure_split.js';
import { ARRAY_INDEX_KERNELS } from './array_index.js';
import { NN_EXTRA_KERNELS } from './nn_extra.js';
import { NN_TOPK_KERNELS } from './nn_topk.js';
import { TRAINING_MORE_KERNELS } from './training_more.js';
import { TRAINING_SPARSE_KERNELS } from './training_sparse.js';
import { MIRROR_PAD_KERNELS } from './array_mirror_pad.js';
import { SPACE_BATCH_KERNELS } from './space_batch.js';
import { RANDOM_MORE_KERNELS } from './random_more.js';
import { ARRAY_DIAG_KERNELS } from './array_diag.js';
import { NUMERICS_KERNELS } from './numerics.js';
import { SCAN_KERNELS } from './scan.js';
import { CANDIDATE_SAMPLING_KERNELS } from './candidate_sampling.js';
import { SPARSE_KERNELS } from './sparse.js';
import { NN_POOL_KERNELS } from './nn_pool.js';
import { NN_CONV_KERNELS } from './nn_conv.js';
import { NN_DEPTHWISE_KERNELS } from './nn_depthwise.js';
import { onStringIds, STRING_KERNELS } from './strings.js';
import { NN_BATCHNORM_KERNELS } from './nn_batchnorm.js';
import { SUMMARY_KERNELS } from './summary.js';
import { LOGGING_KERNELS } from './logging.js';
import { PRINT_V2_KERNELS } from './print_v2.js';
import { IO_KERNELS } from './io.js';
import { TENSOR_ARRAY_KERNELS } from './tensor_array_host.js';
import { reverseSequence } from './reverse_sequence.js';
import { svd } from './svd.js';

/**
 * The numeric host kernels, assembled from the families; `satisfies` makes a missing op type a compile error. `null` marks the ops an executor runs itself: sources (fed, constant or variable storage), NoOp,
 * and the views whose output is input 0's storage.
 */
const NUMERIC_KERNELS = {
  ...EXECUTOR_STEPS,
  ...STATE_KERNELS,
  ...SCATTER_KERNELS,
  ...RANDOM_KERNELS,
  ...ELEMENTWISE_KERNELS,
  ...REDUCE_KERNELS,
  ...NN_KERNELS,
  ...ARRAY_KERNELS,
  MatMul: matMul,
  Transpose: transpose,
  ...TRAINING_KERNELS,
  ...SELECT_KERNELS,
  ...UNIQUE_KERNELS,
  ...VARIABLE_CHECK_KERNELS,
  ...LOSS_KERNELS,
  ...ARRAY_STRUCTURE_KERNELS,
  ...ARRAY_SPLIT_KERNELS,
  ...ARRAY_INDEX_KERNELS,
  ...NN_EXTRA_KERNELS,
  ...NN_TOPK_KERNELS,
  ...TRAINING_MORE_KERNELS,
  ...TRAINING_SPARSE_KERNELS,
  ...MIRROR_PAD_KERNELS,
  ...RANDOM_MORE_KERNELS,
  ...ARRAY_DIAG_KERNELS,
  ...NUMERICS_KERNELS,
  ...SCAN_KERNELS,
  ...CANDIDATE_SAMPLING_KERNELS,
  ...SPARSE_KERNELS,
  ...NN_POOL_KERNELS,
  ...NN_CONV_KERNELS,
  ...NN_DEPTHWISE_KERNELS,
  ...NN_BATCHNORM_KERNELS,
  ...SPACE_BATCH_KERNELS,
  Svd: svd,
} satisfies Omit<
  HostKernelTable,
  | keyof typeof STRING_KERNELS
  | keyof typeof SUMMARY_KERNELS
  | keyof typeof LOGGING_KERNELS
  | keyof typeof PRINT_V2_KERNELS
  | keyof typeof SCRIPT_KERNELS
  | keyof typeof IO_KERNELS
  | keyof typeof TENSOR_ARRAY_KERNELS
  | 'ReverseSequence'
>;

/**
 * The host kernel of every op type (plain JavaScript: the reference both backends are checked against, constant
 * folding, and the WebGPU backend's host steps). The ops whose definitions take string tensors and only move or
 * compare elements run their kernel on the strings' ids (strings.ts).
 */
export const HOST_KERNELS = {
  ...NUMERIC_KERNELS,
  ConcatV2: onStringIds(NUMERIC_KERNELS.ConcatV2),
  Pack: onStringIds(NUMERIC_KERNELS.Pack),
  Unpack: onStringIds(NUMERIC_KERNELS.Unpack),
  Squeeze: onStringIds(NUMERIC_KERNELS.Squeeze),
  GatherV2: onStringIds(NUMERIC_KERNELS.GatherV2),
  Tile: onStringIds(NUMERIC_KERNELS.Tile),
  Fill: onStringIds(NUMERIC_KERNELS.Fill),
  Select: onStringIds(NUMERIC_KERNELS.Select),
  Equal: onStringIds(NUMERIC_KERNELS.Equal),
  NotEqual: onStringIds(NUMERIC_KERNELS.NotEqual),
  ...STRING_KERNELS,
  ...SUMMARY_KERNELS,
  ...LOGGING_KERNELS,
  ...PRINT_V2_KERNELS,
  ...SCRIPT_KERNELS,
  ...IO_KERNELS,
  ...TENSOR_ARRAY_KERNELS,
  // moves elements only: numbers and byte strings alike
  ReverseSequence: reverseSequence,
} satisfies HostKernelTable;
