// The structural array ops (tensorflow/core/ops/array_ops.cc: ConcatV2, ConcatOffset, Pack, Unpack, ShapeN,
// Slice, Pad, PadV2), with TF1 r1.12's gradients (python/ops/array_grad.py).
import { TensorShape } from '../shape.js';
import { ALL_DTYPES, DTYPES } from '../dtypes.js';
import type { NoAttrs, OpDef, OpDefs } from '../op_def.js';
import type { Tensor } from '../../graph/tensor.js';
import type { GradKit } from '../../ops/grad_kit.js';
import { INDEX, allowDtypes } from '../shape_util.js';
import {
  concatShape,
  mirrorPadShape,
  packShape,
  padShape,
  reverseShape,
  sliceShape,
  splitShape,
  splitVShape,
  squeezeShape,
  unpackShape,
} from './array_structure_shapes.js';

/** The structural array ops' attributes. */
export interface ArrayStructureAttrs {
  ConcatV2: NoAttrs;
  ConcatOffset: NoAttrs;
  Pack: { axis: number };
  Unpack: { num: number; axis: number };
  ShapeN: { out_type: 'int32' | 'int64' };
  Slice: NoAttrs;
  Pad: NoAttrs;
  PadV2: NoAttrs;
  Split: { num_split: number };
  SplitV: { num_split: number };
  Squeeze: { squeeze_dims: number[] };
  ReverseV2: NoAttrs;
  MirrorPad: { mode: 'REFLECT' | 'SYMMETRIC' };
  MirrorPadGrad: { mode: 'REFLECT' | 'SYMMETRIC' };
}

const T = { attr: 'T', allowed: DTYPES } as const;
// ConcatV2, Pack, Unpack and Squeeze only move elements: every dtype, string too (TF1's `T: type`).
const ANY = { attr: 'T', allowed: ALL_DTYPES } as const;
const index = (name: string, attr: string) => ({ name, type: { attr, allowed: INDEX } });

/**
 * TF1's _ExtractInputShapes: each input's shape as a Const while every one is fully known (tf.shape folds it),
 * else the inputs' ShapeN.
 */
function inputShapes(values: readonly Tensor[], tf: GradKit): Tensor[] {
  const sizes: Tensor[] = [];
  for (const x of values) {
    const s = tf.shape(x);
    if (s.op.type !== 'Const') return tf.shape_n(values);
    sizes.push(s);
  }
  return sizes;
}

/** TF1's _ConcatGradV2 for a dense gradient: each input's part sliced out at the offsets ConcatOffset gives. */
const concatGrad: OpDef<'ConcatV2'>['grad'] = (op, [g], tf) => {
  const n = op.inputs.length - 1;
  // Degenerate concatenation (TF1's one-value case): the gradient itself.
  if (n === 1) return [g!, null];
  const values = op.inputs.slice(0, n);
  // Python's `concat_dim % rank(values[0])`: the axis made non-negative.
  const axis = tf.mod(op.inputs[n]!, tf.rank(values[0]!));
  const sizes = inputShapes(values, tf);
  // Past 16 inputs TF1 splits the gradient by the inputs' sizes along the axis (a speed choice it benchmarked).
  if (sizes.length > 16) {
    const along = tf.squeeze(tf.slice(tf.stack(sizes, { axis: 1 }), [axis, 0], [1, -1]));
    return [...tf.split(g!, along, axis), null];
  }
  const offsets = tf.concat_offset(axis, sizes);
  return [...offsets.map((begin, i) => tf.slice(g!, begin, sizes[i]!)), null];
};

/** TF1's _PadGrad (Pad and PadV2): the input's part of the gradient, sliced at the paddings' first column. */
const padGrad =
  <K extends 'Pad' | 'PadV2'>(): OpDef<K>['grad'] =>
  (op, [g], tf) => {
    const [x, a] = op.inputs as [Tensor, Tensor];
    const padBefore = tf.slice(a, [0, 0], tf.stack([tf.rank(x), 1]));
    const begin = tf.reshape(padBefore, [-1]);
    const sizes = tf.shape(x);
    const xGrad = tf.slice(g!, begin, sizes);
    return op.inputs.length === 3 ? [xGrad, null, null] : [xGrad, null];
  };

const padDef = <K extends 'Pad' | 'PadV2'>(extra: boolean): OpDef<K> => ({
  inputs: [{ name: 'input', type: T }, index('paddings', 'Tpaddings'), ...(extra ? [{ name: 'constant_values', type: T }] : [])],
  attrs: {} as OpDef<K>['attrs'],
  flags: { valueInputs: [1] },
  shape: (c) => {
    allowDtypes(c, 1, 'Tpaddings', INDEX);
    return padShape(c.inputs);
  },
  grad: padGrad<K>(),
});

/** Definitions of the structural array ops. */
export const ARRAY_STRUCTURE_OPS: OpDefs<ArrayStructureAttrs> = {
  ConcatV2: {
    inputs: [{ name: 'values', type: ANY, list: true }, index('axis', 'Tidx')],
    attrs: {},
    flags: { valueInputs: 'last' },
    shape: (c) => {
      allowDtypes(c, c.inputs.length - 1, 'Tidx', INDEX);
      return concatShape(c.inputs);
    },
    grad: concatGrad,
  },
  ConcatOffset: {
    inputs: [
      { name: 'concat_dim', type: 'int32' },
      { name: 'shape', type: 'int32', list: true },
    ],
    attrs: {},
    flags: { valueChecked: true },
    shape: (c) => c.inputs.slice(1).map((i) => ({ dtype: 'int32', shape: i.shape })),
    grad: 'none',
  },
  Pack: {
    inputs: [{ name: 'values', type: ANY, list: true }],
    attrs: { axis: 'int' },
    shape: (c) => packShape(c.inputs, c.attrs.axis),
    // The gradient unstacked along the axis (TF1's _PackGrad).
    grad: (op, [g], tf) => tf.unstack(g!, { num: op.inputs.length, axis: op.attrs.axis }),
  },
  Unpack: {
    inputs: [{ name: 'value', type: ANY }],
    attrs: { num: 'int', axis: 'int' },
    shape: (c) => unpackShape(c.inputs[0]!, c.attrs.num, c.attrs.axis),
    // The outputs' gradients stacked along the axis (TF1's _UnpackGrad); unused outputs get zeros first.
    grad: (op, grads, tf) => [tf.stack(grads as Tensor[], { axis: op.attrs.axis })],
  },
  ShapeN: {
    inputs: [{ name: 'input', type: T, list: true }],
    attrs: { out_type: 'index_dtype' },
    shape: (c) => c.inputs.map((i) => ({ dtype: c.attrs.out_type, shape: new TensorShape([i.shape.ndims]) })),
    grad: 'none',
  },
  Slice: {
    inputs: [{ name: 'input', type: T }, index('begin', 'Index'), index('size', 'Index')],
    attrs: {},
    flags: { valueInputs: [1, 2] },
    shape: (c) => {
      allowDtypes(c, 1, 'Index', INDEX);
      return sliceShape(c.inputs);
    },
    /** TF1's _SliceGrad: the gradient padded back to the input's shape, begin before and the rest after. */
    grad: (op, [g], tf) => {
      const [input, begin] = op.inputs as [Tensor, Tensor];
      const inputRank = tf.rank(input);
      const sliceSize = tf.shape(op.outputs[0]!);
      const shape = tf.stack([inputRank, 1]);
      const beforePad = tf.reshape(begin, shape);
      const afterPad = tf.reshape(tf.sub(tf.sub(tf.shape(input), sliceSize), begin), shape);
      const paddings = tf.concat([beforePad, afterPad], 1);
      return [tf.pad(g!, paddings), null, null];
    },
  },
  Pad: padDef<'Pad'>(false),
  PadV2: padDef<'PadV2'>(true),
  Split: {
    inputs: [
      { name: 'split_dim', type: 'int32' },
      { name: 'value', type: T },
    ],
    attrs: { num_split: 'int' },
    flags: { valueInputs: [0] },
    shape: (c) => splitShape(c.inputs[0]!, c.inputs[1]!, c.attrs.num_split),
    // The parts' gradients concatenated along the axis (TF1's _SplitGrad); unused parts get zeros first.
    grad: (op, grads, tf) => [null, tf.concat(grads as Tensor[], op.inputs[0]!)],
  },
  SplitV: {
    inputs: [{ name: 'value', type: T }, index('size_splits', 'Tlen'), { name: 'split_dim', type: 'int32' }],
    attrs: { num_split: 'int' },
    flags: { valueInputs: [1, 2] },
    shape: (c) => {
      allowDtypes(c, 1, 'Tlen', INDEX);
      return splitVShape(c.inputs[0]!, c.inputs[1]!, c.inputs[2]!, c.attrs.num_split);
    },
    // TF1's _SplitVGrad.
    grad: (op, grads, tf) => [tf.concat(grads as Tensor[], op.inputs[2]!), null, null],
  },
  Squeeze: {
    inputs: [{ name: 'input', type: ANY }],
    attrs: { squeeze_dims: 'int_list' },
    shape: (c) => squeezeShape(c.inputs[0]!, c.attrs.squeeze_dims),
    // The gradient reshaped to the input's shape (TF1's _SqueezeGrad: _ReshapeToInput).
    grad: (op, [g], tf) => [tf.reshape(g!, tf.shape(op.inputs[0]!))],
  },
  ReverseV2: {
    inputs: [{ name: 'tensor', type: T }, index('axis', 'Tidx')],
    attrs: {},
    flags: { valueInputs: [1] },
    shape: (c) => {
      allowDtypes(c, 1, 'Tidx', INDEX);
      return reverseShape(c.inputs[0]!, c.inputs[1]!);
    },
    // The gradient reversed along the same axes (TF1's _ReverseV2Grad).
    grad: (op, [g], tf) => [tf.reverse(g!, op.inputs[1]!), null],
  },
  MirrorPad: {
    inputs: [{ name: 'input', type: T }, index('paddings', 'Tpaddings')],
    attrs: { mode: 'string' },
    flags: { valueInputs: [1] },
    shape: (c) => {
      allowDtypes(c, 1, 'Tpaddings', INDEX);
      return mirrorPadShape(c.inputs, 1);
    },
    // TF1's _MirrorPadGrad: the reflected parts of the gradient folded back onto the input (MirrorPadGrad).
    grad: (op, [g], tf) => [tf.op('MirrorPadGrad', [g!, op.inputs[1]!], { mode: op.attrs.mode }), null],
  },
  MirrorPadGrad: {
    inputs: [{ name: 'input', type: T }, index('paddings', 'Tpaddings')],
    attrs: { mode: 'string' },
    flags: { valueInputs: [1] },
    shape: (c) => {
      allowDtypes(c, 1, 'Tpaddings', INDEX);
      return mirrorPadShape(c.inputs, -1);
    },
    // TF1's _MirrorPadGradGrad: the gradient mirror-padded again.
    grad: (op, [g], tf) => [tf.op('MirrorPad', [g!, op.inputs[1]!], { mode: op.attrs.mode }), null],
  },
};
