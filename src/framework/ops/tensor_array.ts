// The TensorArray ops of TF1 r1.12 (core/ops/data_flow_ops.cc): TensorArrayV3 makes an array (a handle and a float
// `flow` whose value means nothing but whose edges order the array's reads after its writes), the others read and
// write it through the handle, each taking and giving the flow. The handle is TF1's resource, whose static shape
// TF1 gives as a vector of two (the `[container, name]` pair of TensorArrayV2's string handle). Gradients are tensor_array_grad.py's:
// each builds a gradient array (TensorArrayGradV3) for the gradient's source and does the opposite access on it.
import { ALL_DTYPES, type DType } from '../dtypes.js';
import { ValueError } from '../errors.js';
import { type NoAttrs, type OpDefs, type OutputSpec, type ShapeCtx, ShapeError } from '../op_def.js';
import { type Dim, TensorShape } from '../shape.js';
import { inShape, withRank } from '../shape_util.js';
import type { OpType } from '../op_defs.js';
import type { Tensor } from '../../graph/tensor.js';
import type { GradKit } from '../../ops/grad_kit.js';

/** The attributes of the TensorArray ops (beyond the inferred `T`). */
export interface TensorArrayAttrs {
  TensorArrayV3: {
    dtype: DType;
    element_shape: readonly Dim[] | null;
    dynamic_size: boolean;
    clear_after_read: boolean;
    identical_element_shapes: boolean;
    tensor_array_name: string;
  };
  TensorArrayGradV3: { source: string };
  TensorArrayWriteV3: NoAttrs;
  TensorArrayReadV3: { dtype: DType };
  TensorArrayGatherV3: { dtype: DType; element_shape: readonly Dim[] | null };
  TensorArrayScatterV3: NoAttrs;
  TensorArrayConcatV3: { dtype: DType; element_shape_except0: readonly Dim[] | null };
  TensorArraySplitV3: NoAttrs;
  TensorArraySizeV3: NoAttrs;
  TensorArrayCloseV3: NoAttrs;
}

/** True for the TensorArray op types (they need a run's array store: the CPU backend). */
export const isTensorArrayOp = (type: OpType): boolean => type.startsWith('TensorArray');

const STATEFUL = { stateful: true } as const;
const HANDLE = { name: 'handle', type: 'resource' } as const;
const FLOW_IN = { name: 'flow_in', type: 'float32' } as const;
const T = { attr: 'T', allowed: ALL_DTYPES } as const;
const scalar = (): TensorShape => new TensorShape([]);
const FLOW: OutputSpec = { dtype: 'float32', shape: scalar() };

/** The handle's shape is a vector of two, as TF1's shape functions have it. */
function checkHandle<K extends OpType>(c: ShapeCtx<K>): void {
  const d = withRank(inShape(c, 0), 1).dims![0];
  if (d !== null && d !== 2) throw new ShapeError(`Dimension must be 2 but is ${d}`);
}

/** TF1's _GetGradSource: the name scope of the gradient computation `t` belongs to (`gradients`, `foo/gradients_1`). */
export function gradSource(t: Tensor): string {
  const tokens = t.name.split('/');
  let last = -1;
  tokens.forEach((x, i) => {
    if (x.startsWith('gradients')) last = i;
  });
  if (last < 0) throw new ValueError(`Expected op/tensor name to start with gradients (excluding scope), got: ${t.name}`);
  return tokens.slice(0, last + 1).join('/');
}

/** The gradient array of the array `handle` names, for the gradient `g`'s source, ordered after `flow`. */
const gradArray = (tf: GradKit, dtype: DType, handle: Tensor, flow: Tensor, g: Tensor) => tf.tensor_array_of(dtype, handle, flow).grad(gradSource(g), flow);

/** Definitions of the TensorArray ops. */
export const TENSOR_ARRAY_OPS: OpDefs<TensorArrayAttrs> = {
  TensorArrayV3: {
    inputs: [{ name: 'size', type: 'int32' }],
    attrs: {
      dtype: 'dtype',
      element_shape: 'shape_or_null',
      dynamic_size: 'bool',
      clear_after_read: 'bool',
      identical_element_shapes: 'bool',
      tensor_array_name: 'string',
    },
    flags: STATEFUL,
    shape: (c) => {
      withRank(inShape(c, 0), 0);
      return [{ dtype: 'resource', shape: new TensorShape([2]) }, FLOW];
    },
    grad: 'none',
  },
  TensorArrayGradV3: {
    inputs: [HANDLE, FLOW_IN],
    attrs: { source: 'string' },
    flags: STATEFUL,
    shape: (c) => {
      checkHandle(c);
      return [{ dtype: 'resource', shape: new TensorShape([2]) }, FLOW];
    },
    grad: 'none',
  },
  TensorArrayWriteV3: {
    inputs: [HANDLE, { name: 'index', type: 'int32' }, { name: 'value', type: T }, FLOW_IN],
    attrs: {},
    flags: STATEFUL,
    shape: (c) => {
      checkHandle(c);
      withRank(inShape(c, 1), 0);
      withRank(inShape(c, 3), 0);
      return [FLOW];
    },
    // _TensorArrayWriteGrad: the value's gradient is the gradient array's read at the index
    grad: (op, [flow], tf) => {
      const [handle, index] = op.inputs;
      const g = gradArray(tf, op.inputs[2]!.dtype, handle!, flow!, flow!);
      return [null, null, g.read(index!), flow!];
    },
  },
  TensorArrayReadV3: {
    inputs: [HANDLE, { name: 'index', type: 'int32' }, FLOW_IN],
    attrs: { dtype: 'dtype' },
    flags: STATEFUL,
    shape: (c) => {
      checkHandle(c);
      withRank(inShape(c, 1), 0);
      withRank(inShape(c, 2), 0);
      return [{ dtype: c.attrs.dtype, shape: TensorShape.unknown() }];
    },
    // _TensorArrayReadGrad: the gradient written at the index of the gradient array; its flow is the flow's gradient
    grad: (op, [grad], tf) => {
      const [handle, index, flow] = op.inputs;
      const g = gradArray(tf, op.attrs.dtype, handle!, flow!, grad!);
      return [null, null, g.write(index!, grad!).flow];
    },
  },
  TensorArrayGatherV3: {
    inputs: [HANDLE, { name: 'indices', type: 'int32' }, FLOW_IN],
    attrs: { dtype: 'dtype', element_shape: 'shape_or_null' },
    flags: STATEFUL,
    shape: (c) => {
      checkHandle(c);
      const indices = withRank(inShape(c, 1), 1);
      withRank(inShape(c, 2), 0);
      const elem = c.attrs.element_shape === null ? TensorShape.unknown() : new TensorShape(c.attrs.element_shape);
      return [{ dtype: c.attrs.dtype, shape: elem.dims === null ? TensorShape.unknown() : new TensorShape([indices.dims![0]!, ...elem.dims]) }];
    },
    // _TensorArrayGatherGrad: the gradient scattered into the gradient array at the indices
    grad: (op, [grad], tf) => {
      const [handle, indices, flow] = op.inputs;
      const g = gradArray(tf, op.attrs.dtype, handle!, flow!, grad!);
      return [null, null, g.scatter(indices!, grad!).flow];
    },
  },
  TensorArrayScatterV3: {
    inputs: [HANDLE, { name: 'indices', type: 'int32' }, { name: 'value', type: T }, FLOW_IN],
    attrs: {},
    flags: STATEFUL,
    shape: (c) => {
      checkHandle(c);
      // indices and value: the kernel checks their ranks with TF1's messages
      withRank(inShape(c, 3), 0);
      return [FLOW];
    },
    // _TensorArrayScatterGrad: the value's gradient gathered from the gradient array at the indices
    grad: (op, [flow], tf) => {
      const [handle, indices] = op.inputs;
      const g = gradArray(tf, op.inputs[2]!.dtype, handle!, flow!, flow!);
      return [null, null, g.gather(indices!), flow!];
    },
  },
  TensorArrayConcatV3: {
    inputs: [HANDLE, FLOW_IN],
    attrs: { dtype: 'dtype', element_shape_except0: 'shape_or_null' },
    flags: STATEFUL,
    shape: (c) => {
      checkHandle(c);
      withRank(inShape(c, 1), 0);
      return [
        { dtype: c.attrs.dtype, shape: TensorShape.unknown() },
        { dtype: 'int64', shape: new TensorShape([null]) },
      ];
    },
    // _TensorArrayConcatGrad: the gradient split into the gradient array by the concatenated lengths
    grad: (op, [grad], tf) => {
      const [handle, flow] = op.inputs;
      const g = gradArray(tf, op.attrs.dtype, handle!, flow!, grad!);
      return [null, g.split(grad!, op.outputs[1]!).flow];
    },
  },
  TensorArraySplitV3: {
    inputs: [HANDLE, { name: 'value', type: T }, { name: 'lengths', type: 'int64' }, FLOW_IN],
    attrs: {},
    flags: STATEFUL,
    shape: (c) => {
      checkHandle(c);
      // value and lengths: the kernel checks their ranks with TF1's messages (fed shapes reach it unchecked)
      withRank(inShape(c, 3), 0);
      return [FLOW];
    },
    // _TensorArraySplitGrad: the value's gradient is the gradient array concatenated
    grad: (op, [flow], tf) => {
      const g = gradArray(tf, op.inputs[1]!.dtype, op.inputs[0]!, flow!, flow!);
      return [null, g.concat(), null, flow!];
    },
  },
  TensorArraySizeV3: {
    inputs: [HANDLE, FLOW_IN],
    attrs: {},
    flags: STATEFUL,
    shape: (c) => {
      checkHandle(c);
      return [{ dtype: 'int32', shape: scalar() }];
    },
    grad: 'none',
  },
  TensorArrayCloseV3: {
    inputs: [HANDLE],
    attrs: {},
    flags: STATEFUL,
    shape: (c) => {
      checkHandle(c);
      return [];
    },
    grad: 'none',
  },
};
