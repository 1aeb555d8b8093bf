// The op vocabulary: one exhaustive table of definitions, assembled from the families in framework/ops/. The
// op types are TF1's names, a closed string-literal union derived from the families' attribute interfaces, so
// a table keyed by op type (each backend's kernels) misses none without a compile error.
import { ValueError } from './errors.js';
import type { InputInfo, OpDef, OpFlags, OutputSpec, ShapeRule } from './op_def.js';
import { ShapeError } from './op_def.js';
import { ARRAY_OPS, type ArrayAttrs } from './ops/array.js';
import { BINARY_OPS, type BinaryAttrs } from './ops/binary.js';
import { NN_OPS, type NnAttrs } from './ops/nn.js';
import { NN_ACTIVATION_OPS, type NnActivationAttrs } from './ops/nn_activations.js';
import { REDUCE_OPS, type ReductionAttrs } from './ops/reduce.js';
import { STATE_OPS, type StateAttrs } from './ops/state.js';
import { SCATTER_OPS, type ScatterAttrs } from './ops/scatter.js';
import { UNARY_OPS, type UnaryAttrs } from './ops/unary.js';
import { TRAINING_OPS, type TrainingAttrs } from './ops/training.js';
import { MATH_UNARY_OPS, type MathUnaryAttrs } from './ops/math_unary.js';
import { SELECT_OPS, type SelectAttrs } from './ops/select.js';
import { LOGICAL_OPS, type LogicalAttrs } from './ops/logical.js';
import { LOSS_OPS, type LossAttrs } from './ops/losses.js';
import { ARRAY_STRUCTURE_OPS, type ArrayStructureAttrs } from './ops/array_structure.js';
import { ARRAY_INDEX_OPS, type ArrayIndexAttrs } from './ops/array_index.js';
import { NN_EXTRA_OPS, type NnExtraAttrs } from './ops/nn_extra.js';
import { NN_TOPK_OPS, type NnTopKAttrs } from './ops/nn_topk.js';
import { TRAINING_MORE_OPS, type TrainingMoreAttrs } from './ops/training_more.js';
import { TRAINING_SPARSE_OPS, type TrainingSparseAttrs } from './ops/training_sparse.js';
import { FLOAT_CHECK_OPS, type FloatCheckAttrs } from './ops/float_checks.js';
import { RANDOM_MORE_OPS, type RandomMoreAttrs } from './ops/random_more.js';
import { ARRAY_DIAG_OPS, type ArrayDiagAttrs } from './ops/array_diag.js';
import { LINALG_OPS, type LinalgAttrs } from './ops/linalg.js';
import { NUMERICS_OPS, type NumericsAttrs } from './ops/numerics.js';
import { SCAN_OPS, type ScanAttrs } from './ops/scan.js';
import { CANDIDATE_SAMPLING_OPS, type CandidateSamplingAttrs } from './ops/candidate_sampling.js';
import { SPARSE_OPS, type SparseAttrs } from './ops/sparse.js';
import { NN_POOL_OPS, type NnPoolAttrs } from './ops/nn_pool.js';
import { NN_CONV_OPS, type NnConvAttrs } from './ops/nn_conv.js';
import { NN_DEPTHWISE_OPS, type NnDepthwiseAttrs } from './ops/nn_depthwise.js';
import { STRING_OPS, type StringAttrs } from './ops/strings.js';
import { CONTROL_FLOW_OPS, type ControlFlowAttrs } from './ops/control_flow.js';
import { STACK_OPS, type StackAttrs } from './ops/stack.js';
import { NN_BATCHNORM_OPS, type NnBatchNormAttrs } from './ops/nn_batchnorm.js';
import { SUMMARY_OPS, type SummaryAttrs } from './ops/summary.js';
import { LOGGING_OPS, type LoggingAttrs } from './ops/logging.js';
import { SPACE_BATCH_OPS, type SpaceBatchAttrs } from './ops/space_batch.js';
import { OPAQUE_OPS, type OpaqueAttrs } from './ops/opaque.js';
import { IO_OPS, type IoAttrs } from './ops/io.js';
import { TENSOR_ARRAY_OPS, type TensorArrayAttrs } from './ops/tensor_array.js';
import { REVERSE_SEQUENCE_OPS, type ReverseSequenceAttrs } from './ops/reverse_sequence.js';
import { UNIQUE_OPS, type UniqueAttrs } from './ops/unique.js';
import { SCRIPT_OPS, type ScriptAttrs } from './ops/script.js';

/** Typed attributes of every op type. */
export interface OpAttrs
  extends StateAttrs,
    ScatterAttrs,
    BinaryAttrs,
    UnaryAttrs,
    NnAttrs,
    ReductionAttrs,
    ArrayAttrs,
    TrainingAttrs,
    NnActivationAttrs,
    MathUnaryAttrs,
    SelectAttrs,
    LogicalAttrs,
    LossAttrs,
    ArrayStructureAttrs,
    ArrayIndexAttrs,
    NnExtraAttrs,
    NnTopKAttrs,
    TrainingMoreAttrs,
    TrainingSparseAttrs,
    FloatCheckAttrs,
    RandomMoreAttrs,
    ArrayDiagAttrs,
    LinalgAttrs,
    NumericsAttrs,
    ScanAttrs,
    CandidateSamplingAttrs,
    SparseAttrs,
    NnPoolAttrs,
    NnConvAttrs,
    NnDepthwiseAttrs,
    StringAttrs,
    ControlFlowAttrs,
    NnBatchNormAttrs,
    SummaryAttrs,
    LoggingAttrs,
    SpaceBatchAttrs,
    IoAttrs,
    OpaqueAttrs,
    TensorArrayAttrs,
    ReverseSequenceAttrs,
    UniqueAttrs,
    ScriptAttrs,
    StackAttrs {}

/** Every op type: TF1's op type names. */
export type OpType = keyof OpAttrs;

/** The definition of every op type. */
export const OP_DEFS: { readonly [K in OpType]: OpDef<K> } = {
  ...STATE_OPS,
  ...SCATTER_OPS,
  ...BINARY_OPS,
  ...UNARY_OPS,
  ...NN_OPS,
  ...REDUCE_OPS,
  ...ARRAY_OPS,
  ...TRAINING_OPS,
  ...NN_ACTIVATION_OPS,
  ...MATH_UNARY_OPS,
  ...SELECT_OPS,
  ...LOGICAL_OPS,
  ...LOSS_OPS,
  ...ARRAY_STRUCTURE_OPS,
  ...ARRAY_INDEX_OPS,
  ...NN_EXTRA_OPS,
  ...NN_TOPK_OPS,
  ...TRAINING_MORE_OPS,
  ...TRAINING_SPARSE_OPS,
  ...FLOAT_CHECK_OPS,
  ...RANDOM_MORE_OPS,
  ...ARRAY_DIAG_OPS,
  ...LINALG_OPS,
  ...NUMERICS_OPS,
  ...SCAN_OPS,
  ...CANDIDATE_SAMPLING_OPS,
  ...SPARSE_OPS,
  ...NN_POOL_OPS,
  ...NN_CONV_OPS,
  ...NN_DEPTHWISE_OPS,
  ...STRING_OPS,
  ...CONTROL_FLOW_OPS,
  ...NN_BATCHNORM_OPS,
  ...SUMMARY_OPS,
  ...LOGGING_OPS,
  ...SPACE_BATCH_OPS,
  ...IO_OPS,
  ...OPAQUE_OPS,
  ...TENSOR_ARRAY_OPS,
  ...REVERSE_SEQUENCE_OPS,
  ...UNIQUE_OPS,
  ...SCRIPT_OPS,
  ...STACK_OPS,
};

/** The op types, in the table's order. */
export const OP_TYPES = Object.keys(OP_DEFS) as OpType[];

/** True for a string that names an op type. */
export const isOpType = (s: string): s is OpType => Object.hasOwn(OP_DEFS, s);

const flag = (type: OpType, f: keyof OpFlags): unknown => OP_DEFS[type].flags?.[f];

/** An opaque node: an op type of a TF1 file that tf1-ts lacks, kept but never run (framework/ops/opaque.ts). */
export const isOpaque = (type: OpType): boolean => flag(type, 'opaque') === true;
/** Outputs depend on more than the inputs (state, randomness): never folded or cached. */
export const isStateful = (type: OpType): boolean => flag(type, 'stateful') === true;
/** Output 0 is input 0's storage (a view). */
export const isView = (type: OpType): boolean => flag(type, 'view') === true;
/** Writes input 0, a variable's storage. */
export const writesRef = (type: OpType): boolean => flag(type, 'writesRef') === true;
const INPUT_0: readonly number[] = [0];
const NONE: readonly number[] = [];
/** The ref inputs a writer writes in place: input 0 and, for the optimizers' Apply* ops, their slots ([] for other ops). */
export const refInputs = (type: OpType): readonly number[] =>
  writesRef(type) ? ((flag(type, 'refInputs') as readonly number[] | undefined) ?? INPUT_0) : NONE;
const REF_TWINS: Partial<Record<OpType, OpType>> = {
  RefEnter: 'Enter',
  RefExit: 'Exit',
  RefNextIteration: 'NextIteration',
  RefMerge: 'Merge',
  RefSwitch: 'Switch',
  RefIdentity: 'Identity',
};
/** The op type a Ref* op works as (TF1's IsEnter, IsExit, IsMerge, ... hold for both twins); any other op's own. */
export const plainType = (type: OpType): OpType => REF_TWINS[type] ?? type;
/** Output `index` of a `type` op is a variable's storage (a TF1 `_ref` dtype): all but a RefMerge's value_index. */
export const isRefOutput = (type: OpType, index: number): boolean => outputsRef(type) && !(type === 'RefMerge' && index === 1);
/** Holds a variable's storage across runs. */
export const isVariable = (type: OpType): boolean => flag(type, 'variable') === true;
/** Forwards input 0, a variable's storage, unchanged (TF1's Ref* control-flow ops and RefIdentity). */
export const forwardsRef = (type: OpType): boolean => flag(type, 'forwardsRef') === true;
/** Output 0 is a variable's storage (TF1's `_ref` dtypes): the variable itself, an op that wrote it, or one that forwards it. */
export const outputsRef = (type: OpType): boolean => isVariable(type) || writesRef(type) || forwardsRef(type);
/** The kernel can fail on its values: always, only for integer outputs ('int'), or never. */
export const valueChecked = (type: OpType): boolean | 'int' => (flag(type, 'valueChecked') as boolean | 'int' | undefined) ?? false;

/** The indices of the inputs whose values (not only shapes) the op's shape rule reads. */
export function valueInputs(type: OpType, inputCount: number): readonly number[] {
  const v = OP_DEFS[type].flags?.valueInputs;
  if (v === 'half') return Array.from({ length: inputCount / 2 }, (_, i) => i);
  if (v === 'last') return [inputCount - 1];
  return v ?? [];
}

/** Runs the op's shape rule, turning a ShapeError into TF1's ValueError with the op and input shapes. */
export function runShapeRule<K extends OpType>(type: K, name: string, inputs: InputInfo[], attrs: OpAttrs[K]): OutputSpec[] {
  try {
    return (OP_DEFS[type].shape as ShapeRule<K>)({ name, type, inputs, attrs });
  } catch (e) {
    if (e instanceof ShapeError) {
      const shapes = inputs.map((i) => i.shape.toBracketString()).join(', ');
      // TF1's InferenceContext::AttachContext names the shape vectors it read, where their rank is known.
      const partial = inputs.flatMap((info, i) => (info.asShape?.dims != null ? [`input[${i}] = ${info.asShape.toBracketString()}`] : []));
      const asShapes = partial.length > 0 ? ` and with input tensors computed as partial shapes: ${partial.join(',')}` : '';
      throw new ValueError(`${e.message} for '${name}' (op: '${type}') with input shapes: ${shapes}${asShapes}.`);
    }
    throw e;
  }
}
