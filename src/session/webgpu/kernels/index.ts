import type { GpuKernelTable } from '../kernel.js';
import { EXECUTOR_STEPS } from '../../kernel.js';
import { ARRAY_GPU } from './array.js';
import { ELEMENTWISE_GPU } from './elementwise.js';
import { NN_GPU } from './nn.js';
import { REDUCE_GPU } from './reduce.js';
import { SELECT_GPU } from './select.js';
import { UNIQUE_GPU } from './unique.js';
import { VARIABLE_CHECK_GPU } from './variable_checks.js';
import { STATE_GPU } from './state.js';
import { SCATTER_GPU } from './scatter.js';
import { transposeGpu } from './transpose.js';
import { TRAINING_GPU } from './training.js';
import { LOSS_GPU } from './losses.js';
import { ARRAY_STRUCTURE_GPU } from './array_structure.js';
import { ARRAY_SPLIT_GPU } from './array_structure_split.js';
import { ARRAY_INDEX_GPU } from './array_index.js';
import { NN_EXTRA_GPU } from './nn_extra.js';
import { NN_TOPK_GPU } from './nn_topk.js';
import { TRAINING_MORE_GPU } from './training_more.js';
import { TRAINING_SPARSE_GPU } from './training_sparse.js';
import { MIRROR_PAD_GPU } from './array_mirror_pad.js';
import { SPACE_BATCH_GPU } from './space_batch.js';
import { RANDOM_MORE_GPU } from './random_more.js';
import { ARRAY_DIAG_GPU } from './array_diag.js';
import { LINALG_GPU } from './linalg.js';
import { NUMERICS_GPU } from './numerics.js';
import { SCAN_GPU } from './scan.js';
import { CANDIDATE_SAMPLING_GPU } from './candidate_sampling.js';
import { SPARSE_GPU } from './sparse.js';
import { NN_POOL_GPU } from './nn_pool.js';
import { NN_CONV_GPU } from './nn_conv.js';
import { NN_DEPTHWISE_GPU } from './nn_depthwise.js';
import { NN_BATCHNORM_GPU } from './nn_batchnorm.js';

/**
 * The WebGPU kernel of every op type, assembled from the families; `satisfies` makes a missing op type a compile
 * error. `null` marks what the executor does itself, as in the host table: sources (fed, constant or variable
 * storage), NoOp, the views whose output shares input 0's buffer, and Assign, a buffer copy into the variable's
 * storage rather than a program.
 */
export const WGSL_KERNELS = {
  ...EXECUTOR_STEPS,
  ...STATE_GPU,
  ...SCATTER_GPU,
  ...ELEMENTWISE_GPU,
  ...REDUCE_GPU,
  ...NN_GPU,
  ...ARRAY_GPU,
  Transpose: transposeGpu,
  ...TRAINING_GPU,
  ...SELECT_GPU,
  ...UNIQUE_GPU,
  ...VARIABLE_CHECK_GPU,
  ...LOSS_GPU,
  ...ARRAY_STRUCTURE_GPU,
  ...ARRAY_SPLIT_GPU,
  ...ARRAY_INDEX_GPU,
  ...NN_EXTRA_GPU,
  ...NN_TOPK_GPU,
  ...TRAINING_MORE_GPU,
  ...TRAINING_SPARSE_GPU,
  ...MIRROR_PAD_GPU,
  ...RANDOM_MORE_GPU,
  ...ARRAY_DIAG_GPU,
  ...LINALG_GPU,
  ...NUMERICS_GPU,
  ...SCAN_GPU,
  ...CANDIDATE_SAMPLING_GPU,
  ...SPARSE_GPU,
  ...NN_POOL_GPU,
  ...NN_CONV_GPU,
  ...NN_DEPTHWISE_GPU,
  // string tensors never go to the GPU: every step that reads or makes one runs its host kernel (executor.ts)
  StringJoin: null,
  ScalarSummary: null,
  HistogramSummary: null,
  MergeSummary: null,
  ImageSummary: null,
  AudioSummaryV2: null,
  TensorSummaryV2: null,
  ...NN_BATCHNORM_GPU,
  // Assert checks its condition on the host (executor.ts: an op without a WGSL kernel runs its host kernel)
  Assert: null,
  // Print writes to stderr from the host, as TF1 registers only a CPU kernel for it
  Print: null,
  // StringFormat and PrintV2 make and write strings on the host, as TF1 registers only CPU kernels for them
  StringFormat: null,
  PrintV2: null,
  // a program's function, called on the host
  PyFunc: null,
  PyFuncStateless: null,
  // SaveV2 and RestoreV2 read and write files: their host kernels run on the host
  SaveV2: null,
  RestoreV2: null,
  ...SPACE_BATCH_GPU,
  // TensorArrays live in the CPU backend's per-run store: a plan with one is refused (plan_info.ts)
  TensorArrayV3: null,
  TensorArrayGradV3: null,
  TensorArrayWriteV3: null,
  TensorArrayReadV3: null,
  TensorArrayGatherV3: null,
  TensorArrayScatterV3: null,
  TensorArrayConcatV3: null,
  TensorArraySplitV3: null,
  TensorArraySizeV3: null,
  TensorArrayCloseV3: null,
  // ReverseSequence moves elements on the host (executor.ts: an op without a WGSL kernel runs its host kernel)
  ReverseSequence: null,
} satisfies GpuKernelTable;
