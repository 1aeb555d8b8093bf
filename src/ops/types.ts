import type { DType } from '../framework/dtypes.js';
import type { Dim } from '../framework/shape.js';
import type { NDArray } from '../framework/ndarray.js';

/** Attributes of a random op: TF1's two seeds and the output dtype. */
export interface RandomAttrs { dtype: DType; seed: number; seed2: number }
/** Attributes of a reduction: TF1's keep_dims. */
export interface ReduceAttrs { keep_dims: boolean }
/** No attributes beyond the inferred dtype. */
export type NoAttrs = Record<string, never>;

/** Typed attributes for every op type: the closed op vocabulary, with TF1's op type names. */
export interface OpAttrs {
  // sources and state
  Placeholder: { dtype: DType; shape: readonly Dim[] | null };
  Const: { dtype: DType; value: NDArray };
  VariableV2: { dtype: DType; shape: readonly Dim[] | null };
  Assign: { validate_shape: boolean; use_locking: boolean };
  AssignAdd: { use_locking: boolean };
  AssignSub: { use_locking: boolean };
  ApplyGradientDescent: { use_locking: boolean };
  RandomStandardNormal: RandomAttrs;
  TruncatedNormal: RandomAttrs;
  RandomUniform: RandomAttrs;
  RandomUniformInt: { Tout: 'int32' | 'int64'; seed: number; seed2: number };
  // structure
  Identity: NoAttrs;
  StopGradient: NoAttrs;
  NoOp: NoAttrs;
  // elementwise binary, with NumPy broadcasting
  Add: NoAttrs;
  Sub: NoAttrs;
  Mul: NoAttrs;
  RealDiv: NoAttrs;
  Maximum: NoAttrs;
  Minimum: NoAttrs;
  FloorDiv: NoAttrs;
  FloorMod: NoAttrs;
  Equal: NoAttrs;
  Greater: NoAttrs;
  GreaterEqual: NoAttrs;
  Less: NoAttrs;
  LessEqual: NoAttrs;
  // elementwise unary
  Neg: NoAttrs;
  Log: NoAttrs;
  Exp: NoAttrs;
  Sqrt: NoAttrs;
  Square: NoAttrs;
  Reciprocal: NoAttrs;
  Relu: NoAttrs;
  // gradient helpers TF1 has as ops of their own
  ReluGrad: NoAttrs;
  SqrtGrad: NoAttrs;
  ReciprocalGrad: NoAttrs;
  // reductions
  Sum: ReduceAttrs;
  Mean: ReduceAttrs;
  Max: ReduceAttrs;
  Prod: ReduceAttrs;
  ArgMax: { output_type: 'int32' | 'int64' };
  // nn
  MatMul: { transpose_a: boolean; transpose_b: boolean };
  Softmax: NoAttrs;
  LogSoftmax: NoAttrs;
  SoftmaxCrossEntropyWithLogits: NoAttrs;
  AddN: NoAttrs;
  // arrays and shapes
  Cast: { DstT: DType };
  Reshape: NoAttrs;
  ExpandDims: NoAttrs;
  Shape: { out_type: 'int32' | 'int64' };
  Size: { out_type: 'int32' | 'int64' };
  Rank: NoAttrs;
  Fill: NoAttrs;
  ZerosLike: NoAttrs;
  OnesLike: NoAttrs;
  Tile: NoAttrs;
  Range: NoAttrs;
  DynamicStitch: NoAttrs;
  Transpose: NoAttrs;
  BroadcastGradientArgs: NoAttrs;
}

/** Every op type: a closed string-literal union (TF1's op type names). */
export type OpType = keyof OpAttrs;

/** Op types whose output is the input's storage unchanged (a view), so kernels need not copy. */
export const ALIAS_OPS = new Set<OpType>(['Identity', 'StopGradient', 'Reshape', 'ExpandDims']);

/** Op types whose outputs depend on more than their inputs (state, randomness): never folded or cached. */
export const STATEFUL_OPS = new Set<OpType>([
  'Placeholder', 'VariableV2', 'Assign', 'AssignAdd', 'AssignSub', 'ApplyGradientDescent',
  'RandomStandardNormal', 'TruncatedNormal', 'RandomUniform', 'RandomUniformInt', 'NoOp',
]);

/** Op types that write into a variable through their first (reference) input. */
export const REF_WRITERS = new Set<OpType>(['Assign', 'AssignAdd', 'AssignSub', 'ApplyGradientDescent']);
