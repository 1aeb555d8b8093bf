// Conv2D and its two backprops (tensorflow/core/ops/nn_ops.cc; the shape function is common_shape_fns.cc's
// Conv2DShape with GetWindowedOutputSizeFromDimsV2), with TF1 r1.12's gradients (python/ops/nn_grad.py).
import type { Dim } from '../shape.js';
import { TensorShape } from '../shape.js';
import type { OpDefs, ShapeCtx } from '../op_def.js';
import { ShapeError } from '../op_def.js';
import type { OpType } from '../op_defs.js';
import type { DataFormat } from './nn_extra.js';
import { FLOATS, allowDtypes, inShape, mergeDim, one, sameDtype, shapeFromShapeTensor, withRank } from '../shape_util.js';

/** TF1's convolution padding (GetPaddingAttrString): no padding, or enough that the output is ceil(input / stride). */
export type ConvPadding = 'SAME' | 'VALID';

/** The attributes Conv2D and its backprops share. */
export interface ConvAttrs {
  strides: readonly number[];
  use_cudnn_on_gpu: boolean;
  padding: ConvPadding;
  data_format: DataFormat;
  dilations: readonly number[];
}

/** The attributes of Conv2D, Conv2DBackpropInput and Conv2DBackpropFilter. */
export interface NnConvAttrs {
  Conv2D: ConvAttrs;
  Conv2DBackpropInput: ConvAttrs;
  Conv2DBackpropFilter: ConvAttrs;
}

/** The index of H (`'H'`), W or C in a 4-vector of `format` (GetTensorDimIndex). */
export const dimIndex = (format: DataFormat, d: 'N' | 'H' | 'W' | 'C'): number =>
  format === 'NCHW' ? { N: 0, C: 1, H: 2, W: 3 }[d] : { N: 0, H: 1, W: 2, C: 3 }[d];

/**
 * TF1's GetWindowedOutputSizeFromDimsV2: the output size of one spatial dim (null when the input or filter is
 * unknown, as InferenceContext's arithmetic on unknown dims), with TF1's messages.
 */
export function windowedOutputDim(input: Dim, filter: Dim, dilation: number, stride: number, padding: ConvPadding): Dim {
  if (stride <= 0) throw new ShapeError(`Stride must be > 0, but got ${stride}`);
  if (dilation < 1) throw new ShapeError(`Dilation rate must be >= 1, but got ${dilation}`);
  if (input === null) return null;
  if (padding === 'SAME') return Math.floor((input + stride - 1) / stride);
  if (filter === null) return null;
  const window = dilation > 1 ? (filter - 1) * dilation + 1 : filter;
  if (input < window) throw new ShapeError(`Negative dimension size caused by subtracting ${window} from ${input}`);
  return Math.floor((input - window + stride) / stride);
}

/** TF1's Conv2DShape (NHWC/NCHW data, HWIO filter). */
function conv2dShape(c: ShapeCtx<'Conv2D'>) {
  const d = sameDtype(c, ['input', 'filter']);
  allowDtypes(c, 0, 'T', FLOATS);
  const { data_format: format, strides, dilations, padding } = c.attrs;
  const input = withRank(inShape(c, 0), 4).dims!;
  const filter = withRank(inShape(c, 1), 4).dims!;
  if (dilations.length !== 4) throw new ShapeError(`Conv2D requires the dilation attribute to contain 4 values, but got: ${dilations.length}`);
  if (strides.length !== 4) {
    throw new ShapeError(`Conv2D on data format ${format} requires the stride attribute to contain 4 values, but got: ${strides.length}`);
  }
  const [h, w, ch] = [dimIndex(format, 'H'), dimIndex(format, 'W'), dimIndex(format, 'C')];
  mergeDim(input[ch]!, filter[2]!);
  const rows = windowedOutputDim(input[h]!, filter[0]!, dilations[h]!, strides[h]!, padding);
  const cols = windowedOutputDim(input[w]!, filter[1]!, dilations[w]!, strides[w]!, padding);
  const dims: Dim[] = format === 'NCHW' ? [input[0]!, filter[3]!, rows, cols] : [input[0]!, rows, cols, filter[3]!];
  return one(d, new TensorShape(dims));
}

/** The backprops' shape: the shape vector input `sizes` as a rank-4 shape (MakeShapeFromShapeTensor, WithRank 4). */
function sizesShape<K extends OpType>(c: ShapeCtx<K>, sizes: number) {
  const t = sizes === 0 ? 1 : 0;
  allowDtypes(c, t, 'T', FLOATS);
  return one(c.inputs[t]!.dtype, withRank(shapeFromShapeTensor(c.inputs[sizes]!), 4));
}

const T = { attr: 'T', allowed: FLOATS } as const;
const ATTRS = { strides: 'int_list', use_cudnn_on_gpu: 'bool', padding: 'string', data_format: 'string', dilations: 'int_list' } as const;
/** The attributes a gradient passes on to the ops it builds. */
const same = (a: ConvAttrs): ConvAttrs => ({ ...a });

/** Definitions of Conv2D, Conv2DBackpropInput and Conv2DBackpropFilter. */
export const NN_CONV_OPS: OpDefs<NnConvAttrs> = {
  Conv2D: {
    inputs: [
      { name: 'input', type: T },
      { name: 'filter', type: T },
    ],
    attrs: ATTRS,
    shape: conv2dShape,
    // TF1's _Conv2DGrad: both backprops, with the shapes of the input and filter from one ShapeN.
    grad: (op, [g], tf) => {
      const [s0, s1] = tf.shape_n([op.inputs[0]!, op.inputs[1]!]);
      return [tf.op('Conv2DBackpropInput', [s0!, op.inputs[1]!, g!], same(op.attrs)), tf.op('Conv2DBackpropFilter', [op.inputs[0]!, s1!, g!], same(op.attrs))];
    },
  },
  Conv2DBackpropInput: {
    inputs: [
      { name: 'input_sizes', type: 'int32' },
      { name: 'filter', type: T },
      { name: 'out_backprop', type: T },
    ],
    attrs: ATTRS,
    flags: { valueInputs: [0] },
    shape: (c) => sizesShape(c, 0),
    // TF1's _Conv2DBackpropInputGrad: none for the sizes; the filter's by Conv2DBackpropFilter, out_backprop's by Conv2D.
    grad: (op, [g], tf) => [
      null,
      tf.op('Conv2DBackpropFilter', [g!, tf.shape(op.inputs[1]!), op.inputs[2]!], same(op.attrs)),
      tf.op('Conv2D', [g!, op.inputs[1]!], same(op.attrs)),
    ],
  },
  Conv2DBackpropFilter: {
    inputs: [
      { name: 'input', type: T },
      { name: 'filter_sizes', type: 'int32' },
      { name: 'out_backprop', type: T },
    ],
    attrs: ATTRS,
    flags: { valueInputs: [1] },
    shape: (c) => sizesShape(c, 1),
    // TF1's _Conv2DBackpropFilterGrad: the input's by Conv2DBackpropInput, none for the sizes, out_backprop's by Conv2D.
    grad: (op, [g], tf) => [
      tf.op('Conv2DBackpropInput', [tf.shape(op.inputs[0]!), g!, op.inputs[2]!], same(op.attrs)),
      null,
      tf.op('Conv2D', [op.inputs[0]!, g!], same(op.attrs)),
    ],
  },
};
