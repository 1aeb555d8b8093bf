// The builders gradient rules build with. Definitions (framework/ops) cannot import the ops layer, so the
// gradients driver hands them this kit: the public builders (with TF1's node names), Python's operators
// (`x * y` is a node named `mul`, `tf.multiply` one named `Mul`), and a raw op maker for the gradient helper
// ops TF1 calls through gen_*_ops (`SqrtGrad`, `ReluGrad`).
import type { OpAttrs, OpType } from '../framework/op_defs.js';
import type { Tensor } from '../graph/tensor.js';
import type { Operation } from '../graph/operation.js';
import { constantValue } from '../graph/infer.js';
import * as A from './array_ops.js';
import * as M from './math_ops.js';
import * as N from './nn_ops.js';
import { binary, neg, truediv } from './operators.js';
import * as U from './math_unary_ops.js';
import { transpose } from './transpose.js';
import { control_dependencies } from './scopes.js';
import { apply1, applyOp } from './apply.js';
import { where } from './select_ops.js';
import type { TensorLike } from './convert.js';
import * as S from './array_structure_ops.js';
import * as I from './array_index_ops.js';
import { merge, switchRefOrTensor } from './control_flow_switch.js';
import * as SB from './space_batch_ops.js';
import { TensorArray } from './tensor_array_ops.js';
import { reverse_sequence } from './reverse_sequence.js';
import { sliceHelper } from './slice_helper.js';
import type { DType } from '../framework/dtypes.js';

/** Creates one op of `type` on `inputs` in the current scope (TF1's gen_*_ops call), named after its type. */
function op<K extends OpType>(type: K, inputs: readonly Tensor[], attrs?: OpAttrs[K]): Tensor {
  return apply1({ type, defaultName: type, inputs: inputs.map((t, i) => [`input_${i}`, t] as [string, TensorLike]), attrs: (attrs ?? {}) as OpAttrs[K] });
}

/** The loop cases of the control-flow ops' gradients (control_flow_grad.ts); undefined: the op is not a loop's. */
export interface LoopGradRules {
  switch(op: Operation, grads: readonly (Tensor | null)[]): (Tensor | null)[] | undefined;
  merge(op: Operation, grad: Tensor): (Tensor | null)[] | undefined;
  exit(op: Operation, grad: Tensor | null): Tensor | null;
  enter(op: Operation, grad: Tensor | null): Tensor | null;
}

/** The builders a gradient rule may use. */
export const GRAD_KIT = {
  op,
  /** Set by control_flow_grad.ts (which tf.gradients imports). */
  loop: null as LoopGradRules | null,
  // Python's operators on tensors, named as they name their nodes
  mul: (x: TensorLike, y: TensorLike): Tensor => binary('Mul', 'mul', x, y),
  sub: (x: TensorLike, y: TensorLike): Tensor => binary('Sub', 'sub', x, y),
  plus: (x: TensorLike, y: TensorLike): Tensor => binary('Add', 'add', x, y),
  mod: (x: TensorLike, y: TensorLike): Tensor => binary('FloorMod', 'mod', x, y),
  floordiv: (x: TensorLike, y: TensorLike): Tensor => binary('FloorDiv', 'floordiv', x, y),
  neg: (x: TensorLike): Tensor => neg(x),
  // tf.* builders
  add: M.add,
  subtract: M.subtract,
  multiply: M.multiply,
  realdiv: M.realdiv,
  divide: M.divide,
  floor_div: M.floor_div,
  maximum: M.maximum,
  negative: M.negative,
  reciprocal: M.reciprocal,
  square: M.square,
  exp: M.exp,
  cast: M.cast,
  equal: M.equal,
  greater_equal: M.greater_equal,
  less_equal: M.less_equal,
  matmul: M.matmul,
  reduce_sum: M.reduce_sum,
  reduce_prod: M.reduce_prod,
  shape: A.shape,
  size: A.size,
  reshape: A.reshape,
  expand_dims: A.expand_dims,
  tile: A.tile,
  fill: A.fill,
  range: A.range,
  dynamic_stitch: A.dynamic_stitch,
  constant: A.constant,
  zeros_like: A.zeros_like,
  ones_like: A.ones_like,
  broadcast_gradient_args: A.broadcast_gradient_args,
  softmax: N.softmax,
  log_softmax: N.log_softmax,
  transpose,
  control_dependencies,
  /** TF1's `constant_value`: a tensor's value when it is known while building. */
  constant_value: constantValue,
  // nn activations' rules
  zeros: A.zeros,
  truediv: (x: TensorLike, y: TensorLike): Tensor => truediv(x, y),
  // math_unary's rules
  sign: U.sign,
  sin: U.sin,
  cos: U.cos,
  sinh: U.sinh,
  cosh: U.cosh,
  sqrt: M.sqrt,
  // Select's rule, and TF1's rules that pick with array_ops.where
  where,
  // the structural array ops' rules
  rank: A.rank,
  concat: S.concat,
  concat_offset: S.concat_offset,
  stack: S.stack,
  unstack: S.unstack,
  shape_n: S.shape_n,
  slice: S.slice,
  pad: S.pad,
  split: S.split,
  squeeze: S.squeeze,
  reverse: S.reverse,
  // the indexing ops' rules
  gather: I.gather,
  unsorted_segment_sum: I.unsorted_segment_sum,
  strided_slice: I.strided_slice,
  // EluGrad's and SeluGrad's rules (Python's `<`)
  less: M.less,
  // Pow's rule
  pow: M.pow,
  greater: M.greater,
  log: M.log,
  // MatrixSetDiag's rule
  reduce_min: M.reduce_min,
  // Switch's and Merge's rules (control_flow_ops' _SwitchRefOrTensor and merge)
  cf_switch: (data: Tensor, pred: Tensor, name?: string): [Tensor, Tensor] => switchRefOrTensor(data, pred, name),
  cf_merge: (inputs: readonly Tensor[], name?: string): [Tensor, Tensor] => merge(inputs, name),
  // FusedBatchNorm's rule: every output of a gradient helper op (gen_nn_ops.fused_batch_norm_grad)
  op_outputs: <K extends OpType>(type: K, inputs: readonly Tensor[], attrs: OpAttrs[K]): Tensor[] => [
    ...applyOp({ type, defaultName: type, inputs: inputs.map((t, i) => [`input_${i}`, t] as [string, TensorLike]), attrs }).outputs,
  ],
  reduce_mean: M.reduce_mean,
  // FusedBatchNormGrad's rule (nn_grad._BatchNormGrad, then tf.gradients of it)
  rsqrt: U.rsqrt,
  squared_difference: M.squared_difference,
  stop_gradient: A.stop_gradient,
  /** tf.gradients(ys, xs, grad_ys), set by gradients.ts when it loads (it imports this kit). */
  gradients: ((): (Tensor | null)[] => {
    throw new Error('tf.gradients is not loaded');
  }) as (ys: readonly Tensor[], xs: readonly Tensor[], grad_ys: readonly (Tensor | null)[]) => (Tensor | null)[],
  // SpaceToBatchND's and BatchToSpaceND's rules (array_grad.py), and their legacy forms'
  space_to_batch_nd: SB.space_to_batch_nd,
  batch_to_space_nd: SB.batch_to_space_nd,
  space_to_batch: SB.space_to_batch,
  batch_to_space: SB.batch_to_space,
  // the TensorArray ops' rules (tensor_array_grad.py): a TensorArray object on the forward array's handle
  tensor_array_of: (dtype: DType, handle: Tensor, flow: Tensor): TensorArray => new TensorArray(dtype, { handle, flow }),
  // ReverseSequence's rule (array_grad.py)
  reverse_sequence,
  // Svd's rule: Python's `x[..., :, :m]` (TF1's _slice_helper)
  getitem: sliceHelper,
};

/** The type of the kit gradient rules receive. */
export type GradKit = typeof GRAD_KIT;
